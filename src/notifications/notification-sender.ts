import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JobHandlers } from '../queue/job-handlers.js';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport.js';

/** What became of one attempt to send an outbox row. */
export type SendOutcome =
  | { outcome: 'sent' }
  /** Already sent, failed for good, cancelled, or gone: nothing to do. */
  | { outcome: 'skipped' }
  /** A reminder whose letter no longer awaits an answer: marked CANCELLED, not sent. */
  | { outcome: 'cancelled' }
  /** Another sender holds it, or the server refused for now: try again at `at`. */
  | { outcome: 'retry'; at: Date }
  /** A permanent refusal (5xx), or transient ones past the retry horizon: FAILED, visible. */
  | { outcome: 'failed' };

/** The longest wait between two attempts after transient failures. */
const MAX_RETRY_DELAY_SECONDS = 15 * 60;

interface ClaimedRow {
  id: string;
  recipient_email: string;
  subject: string;
  body_text: string;
  body_html: string;
  message_id: string;
  attempts: number;
}

type Claim =
  | { kind: 'claimed'; row: ClaimedRow }
  | { kind: 'skipped' }
  | { kind: 'cancelled' }
  | { kind: 'wait'; until: Date };

/**
 * Sends one outbox row. The row is claimed first, in a transaction that also re-checks that a
 * reminder's letter still awaits an answer (reading the letter FOR SHARE, so an answer being
 * recorded is waited for, then seen): a replay or a duplicate job never mails a row twice, a
 * SENT row is never mailed again, and a reminder is never sent after the answer was recorded.
 *
 * Failures: a 5xx answer is permanent (FAILED at once, retryable by hand); anything else
 * (4xx, connection, timeout) is transient and retried with a growing delay for
 * `mailRetryHours`, without using up the job's attempts. Waiting for another sender's lease
 * costs no attempt either.
 */
@Injectable()
export class NotificationSender implements OnModuleInit {
  private readonly logger = new Logger(NotificationSender.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(MAIL_TRANSPORT) private readonly mail: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly handlers: JobHandlers,
  ) {}

  onModuleInit(): void {
    this.handlers.register('notification.send', async ({ notificationId }, job) => {
      const result = await this.send(notificationId);
      if (result.outcome === 'retry') await job.delayUntil(result.at);
    });
  }

  async send(notificationId: string): Promise<SendOutcome> {
    // One connection for the whole send, so recording SENT never waits for the pool: the only
    // window in which a crash resends a mail is between the server's acceptance and that
    // statement.
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const claim = await this.claim(runner, notificationId);
      if (claim.kind === 'wait') return { outcome: 'retry', at: claim.until };
      if (claim.kind !== 'claimed') return { outcome: claim.kind };
      const row = claim.row;
      try {
        await this.mail.send({
          from: this.config.mailFrom,
          to: row.recipient_email,
          subject: row.subject,
          text: row.body_text,
          html: row.body_html,
          messageId: row.message_id,
        });
      } catch (error) {
        return await this.failed(runner, row, error);
      }
      await runner.query(
        `UPDATE notification SET status = 'SENT', sent_at = $2, last_error = NULL,
                next_attempt_at = NULL, updated_at = now()
          WHERE id = $1`,
        [row.id, this.clock.now()],
      );
      this.logger.log(`mail "${row.subject}" sent to ${row.recipient_email}`);
      return { outcome: 'sent' };
    } finally {
      await runner.release();
    }
  }

  /** PENDING (or a SENDING whose lease ran out) becomes SENDING for us alone, or CANCELLED. */
  private async claim(runner: QueryRunner, id: string): Promise<Claim> {
    await runner.startTransaction();
    try {
      const claim = await this.decideClaim(runner, id);
      await runner.commitTransaction();
      return claim;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  }

  private async decideClaim(runner: QueryRunner, id: string): Promise<Claim> {
    const [row] = (await runner.query(
      `SELECT n.status, e.recommendation_id, e.cycle,
              (n.status = 'SENDING' AND n.updated_at >= now() - make_interval(secs => $2)) AS leased,
              n.updated_at + make_interval(secs => $2 + 1) AS lease_ends_at,
              (n.status = 'PENDING' AND n.next_attempt_at > now()) AS early,
              n.next_attempt_at
         FROM notification n LEFT JOIN escalation_event e ON e.id = n.escalation_event_id
        WHERE n.id = $1
          FOR UPDATE OF n`,
      [id, this.config.mailLeaseSeconds],
    )) as {
      status: string;
      recommendation_id: string | null;
      cycle: number | null;
      leased: boolean;
      lease_ends_at: Date;
      early: boolean;
      next_attempt_at: Date | null;
    }[];
    if (!row || !['PENDING', 'SENDING'].includes(row.status)) return { kind: 'skipped' };
    if (row.leased) return { kind: 'wait', until: row.lease_ends_at };
    if (row.early) return { kind: 'wait', until: row.next_attempt_at! };
    if (row.recommendation_id) {
      // The answer's transaction holds the letter FOR UPDATE: wait for it, then see it.
      const [letter] = (await runner.query(
        `SELECT state, cycle FROM recommendation WHERE id = $1 FOR SHARE`,
        [row.recommendation_id],
      )) as { state: string; cycle: number }[];
      if (!letter || letter.state !== 'SENT' || letter.cycle !== row.cycle) {
        await runner.query(
          `UPDATE notification SET status = 'CANCELLED', next_attempt_at = NULL, updated_at = now(),
                  last_error = 'Không gửi: kiến nghị đã được trả lời, đóng hoặc rút trước khi thư đi.'
            WHERE id = $1`,
          [id],
        );
        return { kind: 'cancelled' };
      }
    }
    const [claimed] = (await runner.query(
      `UPDATE notification
          SET status = 'SENDING', attempts = attempts + 1, next_attempt_at = NULL, updated_at = now()
        WHERE id = $1
        RETURNING id, recipient_email, subject, body_text, body_html, message_id, attempts`,
      [id],
    )) as [ClaimedRow[], number];
    return { kind: 'claimed', row: claimed[0] };
  }

  /** Keeps the error on the row; says when to try again, or that it is FAILED for good. */
  private async failed(runner: QueryRunner, row: ClaimedRow, error: unknown): Promise<SendOutcome> {
    const permanent = isPermanentFailure(error);
    const delaySeconds = retryDelaySeconds(this.config.mailRetryFirstSeconds, row.attempts);
    const [[updated]] = (await runner.query(
      `UPDATE notification
          SET retry_until = coalesce(retry_until, now() + make_interval(hours => $4)),
              status = CASE WHEN $3 OR coalesce(retry_until, now() + make_interval(hours => $4)) <= now()
                            THEN 'FAILED' ELSE 'PENDING' END,
              next_attempt_at = CASE WHEN $3 OR coalesce(retry_until, now() + make_interval(hours => $4)) <= now()
                                     THEN NULL ELSE now() + make_interval(secs => $5) END,
              last_error = $2, updated_at = now()
        WHERE id = $1 AND status = 'SENDING'
        RETURNING status, next_attempt_at`,
      [
        row.id,
        describeFailure(error).slice(0, 2000),
        permanent,
        this.config.mailRetryHours,
        delaySeconds,
      ],
    )) as [{ status: string; next_attempt_at: Date | null }[], number];
    const message = describeFailure(error);
    if (!updated || updated.status === 'FAILED') {
      this.logger.error(`mail to ${row.recipient_email} failed for good: ${message}`);
      return { outcome: 'failed' };
    }
    this.logger.warn(
      `mail to ${row.recipient_email} not sent (attempt ${row.attempts}), retrying at ${updated.next_attempt_at!.toISOString()}: ${message}`,
    );
    return { outcome: 'retry', at: updated.next_attempt_at! };
  }
}

/** A 5xx SMTP reply: the server will not take this message, retrying will not help. */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** 1×, 2×, 4×… the first delay, at most 15 minutes, plus up to a fifth more at random. */
export function retryDelaySeconds(firstSeconds: number, attempts: number): number {
  const base = Math.min(
    MAX_RETRY_DELAY_SECONDS,
    firstSeconds * 2 ** Math.min(20, Math.max(0, attempts - 1)),
  );
  return base * (1 + Math.random() * 0.2);
}

function describeFailure(error: unknown): string {
  const e = error as { message?: unknown; responseCode?: unknown } | null;
  return String(e?.message ?? error);
}
