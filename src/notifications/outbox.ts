import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { jobIds } from '../queue/jobs.js';
import { QueueService } from '../queue/queue.service.js';
import type { EscalationMailItem } from './escalation-item.js';
import type { NotificationKind } from './notification.entity.js';

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

/** How long after the gather window the jobs of a recipient's other reminders of a commit come. */
const FOLLOWER_DELAY_MS = 5_000;
/**
 * How long after its commit the followers' jobs are queued (still to come FOLLOWER_DELAY_MS
 * after the window): a wave's thousand followers cost the queue store about a second of work,
 * which went on while the wave's first mails were being claimed and sent.
 */
const FOLLOWERS_QUEUED_AFTER_MS = FOLLOWER_DELAY_MS / 2;

/**
 * Notifications go out in two moves: rows are written in the transaction that decides them
 * (a key already written is silently kept, never written twice), then each new row gets a mail
 * job once that transaction has committed. A crash between the two is repaired by reconciliation,
 * which enqueues every PENDING row that has no job. A reminder row (ESCALATION with an item) waits
 * `mailGatherSeconds` before its job runs, so that the first job of a recipient finds every row of
 * the wave written and sends them in one mail (NotificationSender).
 */
@Injectable()
export class Outbox implements BeforeApplicationShutdown {
  private readonly logger = new Logger(Outbox.name);
  /** Followers waiting to be queued: each one's "now", to queue them at once when stopping. */
  private readonly deferred = new Set<() => Promise<void>>();
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: QueueService,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Writes the rows whose key is new; returns their ids. One statement whatever the number of
   * rows (a catch-up writes a thousand at once), their columns passed as arrays.
   */
  async write(m: EntityManager, notifications: OutgoingNotification[]): Promise<string[]> {
    if (notifications.length === 0) return [];
    const column = <T>(f: (n: OutgoingNotification) => T) => notifications.map(f);
    const rows = (await m.query(
      `INSERT INTO notification (idempotency_key, kind, recipient_email, recipient_user_id,
                                 escalation_event_id, subject, body_text, body_html, item, message_id)
       SELECT k, kind, email, user_id, event_id, subject, body_text, body_html, item::jsonb, message_id
         FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[],
                     $7::text[], $8::text[], $9::text[], $10::text[])
              AS x(k, kind, email, user_id, event_id, subject, body_text, body_html, item, message_id)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        column((n) => n.idempotencyKey),
        column((n) => n.kind),
        column((n) => n.recipientEmail),
        column((n) => n.recipientUserId ?? null),
        column((n) => n.escalationEventId ?? null),
        column((n) => n.subject),
        column((n) => n.bodyText),
        column((n) => n.bodyHtml),
        column((n) => (n.item ? JSON.stringify(n.item) : null)),
        column((n) => this.messageId(n.idempotencyKey)),
      ],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * After commit: one mail job per row, with a deterministic id, in one round trip; a reminder's
   * job after the gather window. Of the reminders written together for one recipient, the first
   * one's job comes when the window ends and claims them all (NotificationSender's batch); the
   * others' jobs come FOLLOWER_DELAY_MS later, to find them sent and end, or to send what that
   * claim left. So a wave of a thousand reminders has a handful of jobs to run when its mail is
   * due, not a thousand in front of it. The followers' jobs are queued FOLLOWERS_QUEUED_AFTER_MS
   * after the others (at once when the process stops); if the process dies before, the
   * reconciliation (at start-up, every 5 minutes) queues a job for every PENDING row without one.
   */
  async dispatch(notificationIds: string[]): Promise<void> {
    if (notificationIds.length === 0) return;
    const gatherMs = this.config.mailGatherSeconds * 1000;
    // A reminder is not sent before its gather window has passed (counted from now, after the
    // commit that made it visible): the sender waits for the last window of a recipient's wave.
    // A recipient given a full share (MAIL_BATCH_MAX_LETTERS reminders) by this commit has
    // nothing to wait for: its rows are due now and its first job runs at once.
    const gathered =
      gatherMs > 0
        ? (
            (await this.dataSource.query(
              `WITH mine AS (
                 SELECT id, lower(recipient_email) AS recipient FROM notification
                  WHERE id = ANY($1::uuid[]) AND kind = 'ESCALATION' AND item IS NOT NULL
                    AND status = 'PENDING' AND attempts = 0 AND next_attempt_at IS NULL),
               shares AS (SELECT recipient, count(*) >= $3 AS full FROM mine GROUP BY recipient)
               UPDATE notification n
                  SET next_attempt_at = CASE WHEN s.full THEN now() ELSE now() + make_interval(secs => $2) END
                 FROM mine JOIN shares s USING (recipient)
                WHERE n.id = mine.id
                RETURNING n.id, mine.recipient, s.full`,
              [notificationIds, this.config.mailGatherSeconds, this.config.mailBatchMaxLetters],
            )) as [{ id: string; recipient: string; full: boolean }[], number]
          )[0]
        : [];
    const dispatched = Date.now();
    const delays = new Map<string, number>();
    const leading = new Set<string>();
    for (const { id, recipient, full } of gathered) {
      const window = full ? 0 : gatherMs;
      delays.set(id, leading.has(recipient) ? window + FOLLOWER_DELAY_MS : window);
      leading.add(recipient);
    }
    const jobs = (ids: string[]) =>
      ids.map((id) => ({
        payload: { notificationId: id },
        options: {
          jobId: jobIds.mail(id),
          // Counted from this dispatch, however late the job is queued.
          ...(delays.has(id)
            ? { delayMs: Math.max(0, dispatched + delays.get(id)! - Date.now()) }
            : {}),
        },
      }));
    // The jobs that send (each recipient's first, and rows mailed alone) first, at once.
    const follows = (id: string) => (delays.get(id) ?? 0) >= FOLLOWER_DELAY_MS;
    await this.queues.enqueueMany(
      'notification.send',
      jobs(notificationIds.filter((id) => !follows(id))),
    );
    const followers = notificationIds.filter(follows);
    if (followers.length === 0) return;
    if (this.stopping) return this.queues.enqueueMany('notification.send', jobs(followers));
    this.defer(() => this.queues.enqueueMany('notification.send', jobs(followers)));
  }

  /** Runs `enqueue` FOLLOWERS_QUEUED_AFTER_MS from now, or when the process stops if sooner. */
  private defer(enqueue: () => Promise<void>): void {
    const now = async () => {
      clearTimeout(timer);
      if (!this.deferred.delete(now)) return;
      try {
        await enqueue();
      } catch (error) {
        this.logger.warn(
          `follower mail jobs not queued (the reconciliation queues them): ${(error as Error).message}`,
        );
      }
    };
    this.deferred.add(now);
    const timer = setTimeout(() => void now(), FOLLOWERS_QUEUED_AFTER_MS);
  }

  /** Before the queues close: the followers still waiting are queued now. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.deferred].map((now) => now()));
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
