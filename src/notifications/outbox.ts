import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { jobIds } from '../queue/jobs.js';
import { QueueService } from '../queue/queue.service.js';
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
}

/**
 * Notifications go out in two moves: rows are written in the transaction that decides them
 * (a key already written is silently kept, never written twice), then each new row gets a mail
 * job once that transaction has committed. A crash between the two is repaired by reconciliation,
 * which enqueues every PENDING row that has no job.
 */
@Injectable()
export class Outbox {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: QueueService,
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

  /** After commit: one mail job per row, with a deterministic id, in one round trip. */
  async dispatch(notificationIds: string[]): Promise<void> {
    await this.queues.enqueueMany(
      'notification.send',
      notificationIds.map((id) => ({
        payload: { notificationId: id },
        options: { jobId: jobIds.mail(id) },
      })),
    );
  }

  /** The same key always gives the same Message-ID, so even a resend is recognisable. */
  private messageId(key: string): string {
    const domain = /@([^>\s]+)>?\s*$/.exec(this.config.mailFrom)?.[1] ?? 'de-an-06.local';
    return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`;
  }
}
