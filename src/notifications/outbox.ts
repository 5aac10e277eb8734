import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { jobIds } from '../queue/jobs.js';
import { QueueService } from '../queue/queue.service.js';
import type { EscalationMailItem } from './escalation-item.js';
import { Notification, type NotificationKind } from './notification.entity.js';

/** A mail as a template renders it: an outbox row's subject, bodyText and bodyHtml. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface OutgoingNotification {
  idempotencyKey: string;
  kind: NotificationKind;
  recipientEmail: string;
  recipientUserId?: string | null;
  escalationEventId?: string | null;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  /** An ESCALATION row's reminder, structured: rows with one are mailed one mail per recipient. */
  item?: EscalationMailItem | null;
}

/**
 * Notifications go out in two moves: rows are written in the transaction that decides them
 * (a key already written is silently kept, never written twice), then each new row gets a mail
 * job once that transaction has committed. A crash between the two is repaired by reconciliation,
 * which enqueues every PENDING row that has no job. A reminder row (ESCALATION with an item) waits
 * `mailGatherSeconds` before its job runs, so that the first job of a recipient finds every row of
 * the wave written and sends them in one mail (NotificationSender).
 */
@Injectable()
export class Outbox {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: QueueService,
    private readonly dataSource: DataSource,
  ) {}

  /** Writes the rows whose key is new; returns their ids. */
  async write(m: EntityManager, notifications: OutgoingNotification[]): Promise<string[]> {
    if (notifications.length === 0) return [];
    const result = await m
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(
        notifications.map((n) => ({
          ...n,
          status: 'PENDING' as const,
          messageId: this.messageId(n.idempotencyKey),
        })),
      )
      .orIgnore()
      .returning('id')
      .execute();
    return (result.raw as { id: string }[]).map((r) => r.id);
  }

  /**
   * After commit: one mail job per row, with a deterministic id, in one round trip; a reminder's
   * job after the gather window.
   */
  async dispatch(notificationIds: string[]): Promise<void> {
    if (notificationIds.length === 0) return;
    const gatherMs = this.config.mailGatherSeconds * 1000;
    // A reminder is not sent before its gather window has passed (counted from now, after the
    // commit that made it visible): the sender waits for the last window of a recipient's wave.
    const gathered = new Set<string>(
      gatherMs > 0
        ? (
            (await this.dataSource.query(
              `UPDATE notification SET next_attempt_at = now() + make_interval(secs => $2)
                WHERE id = ANY($1::uuid[]) AND kind = 'ESCALATION' AND item IS NOT NULL
                  AND status = 'PENDING' AND attempts = 0 AND next_attempt_at IS NULL
                RETURNING id`,
              [notificationIds, this.config.mailGatherSeconds],
            )) as [{ id: string }[], number]
          )[0].map((r) => r.id)
        : [],
    );
    await this.queues.enqueueMany(
      'notification.send',
      notificationIds.map((id) => ({
        payload: { notificationId: id },
        options: { jobId: jobIds.mail(id), ...(gathered.has(id) ? { delayMs: gatherMs } : {}) },
      })),
    );
  }

  /** The same key always gives the same Message-ID, so even a resend is recognisable. */
  private messageId(key: string): string {
    return deterministicMessageId(key, this.config.mailFrom);
  }
}

/** A Message-ID derived from `key`, at the sender's domain: the same key, the same Message-ID. */
export function deterministicMessageId(key: string, mailFrom: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'de-an-06.local';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`;
}
