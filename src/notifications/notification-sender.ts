import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers/promises';
import { Inject, Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JobHandlers } from '../queue/job-handlers.js';
import { NotificationClaimChecks } from './claim-checks.js';
import { renderCombinedReminder, renderSingleReminder } from './combined-reminder.js';
import type { EscalationMailItem } from './escalation-item.js';
import { MAIL_OBSERVER, type MailObserver } from './mail-observer.js';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport.js';
import type { NotificationKind } from './notification.entity.js';
import { deterministicMessageId, type RenderedMail } from './outbox.js';

/** What became of one attempt to send an outbox row. */
export type SendOutcome =
  | { outcome: 'sent' }
  /** Already sent, failed for good, cancelled, or gone: nothing to do. */
  | { outcome: 'skipped' }
  /**
   * A mail no longer owed (letter or addressee answered, closed…; a milestone done, dropped or
   * moved, see NotificationClaimChecks): marked CANCELLED with the reason, not sent.
   */
  | { outcome: 'cancelled' }
  /** Another sender holds it, or the server refused for now: try again at `at`. */
  | { outcome: 'retry'; at: Date }
  /** A permanent refusal (5xx), or transient ones past the retry horizon: FAILED, visible. */
  | { outcome: 'failed' };

/** The longest wait between two attempts after transient failures. */
const MAX_RETRY_DELAY_SECONDS = 15 * 60;

/**
 * A job whose reminder another sender has just claimed into its mail looks again this soon
 * (at most until that sender's lease ends): normally to find it SENT and finish, after a crash
 * to send that batch again.
 */
const BATCH_LOOK_AGAIN_SECONDS = 5;

/** A claim told to wait at most this long waits in the job, up to SHORT_WAITS times. */
const SHORT_WAIT_MS = 1000;
const SHORT_WAITS = 3;

const ms = (x: number) => `${Math.round(x)} ms`;

/** How many claims of one recipient's wave a job has in flight at once. */
const SHARES_AT_ONCE = 3;
/**
 * How many shares (MAIL_BATCH_MAX_LETTERS reminders each) one claim takes: the claims of a
 * recipient take turns (its lock), and a wave of 1,000 reminders waited for five of them in a
 * row; each share is still its own mail and batch. With SHARES_AT_ONCE, at most 6 mails of a
 * job in flight (the SMTP pool holds 5 connections; the others wait for one).
 */
const SHARES_PER_CLAIM = 2;

const CANCELLED_REASON = 'Không gửi: kiến nghị đã được trả lời, đóng hoặc rút trước khi thư đi.';
const ADDRESSEE_DONE_REASON =
  'Không gửi: cơ quan nhận kiến nghị đã trả lời hoặc không còn phải trả lời trước khi thư đi.';

/** One mail going out: the rows it stands for (one, or a recipient's batch). */
interface Outgoing {
  ids: string[];
  batchId: string | null;
  to: string;
  /**
   * Its subject and bodies, rendered once the claim has committed: a combined mail of 200
   * reminders is tens of milliseconds of rendering, which the recipient's next share's claim
   * (waiting for this claim's lock) need not wait for.
   */
  render(): RenderedMail;
  messageId: string;
  /** The most attempts any of its rows has had, this one included. */
  attempts: number;
}

interface LockedRow {
  id: string;
  kind: NotificationKind;
  idempotency_key: string;
  status: string;
  recipient_email: string;
  has_item: boolean;
  batch_id: string | null;
  created_at: Date;
  recommendation_id: string | null;
  cycle: number | null;
  leased: boolean;
  lease_ends_at: Date;
  look_again_at: Date;
  early: boolean;
  next_attempt_at: Date | null;
}

/** A row of a recipient's batch, as the claim reads it. */
interface BatchRow {
  id: string;
  recommendation_id: string | null;
  cycle: number | null;
  item: EscalationMailItem;
}

interface ClaimedRow {
  id: string;
  recipient_email: string;
  subject: string;
  body_text: string;
  body_html: string;
  message_id: string;
  attempts: number;
  item: EscalationMailItem | null;
}

type Claim =
  | {
      kind: 'claimed';
      /** The mail with the job's own row. */
      mail: Outgoing;
      /** The recipient's other shares claimed with it (SHARES_PER_CLAIM), mailed beside it. */
      more: Outgoing[];
      /** The claim took all it could: more of the recipient's reminders may be due. */
      full: boolean;
    }
  | { kind: 'skipped' }
  | { kind: 'cancelled' }
  | { kind: 'wait'; until: Date };

/**
 * Sends outbox rows. A row is claimed first, in a transaction that also re-checks that a
 * reminder's letter still awaits an answer (reading the letter FOR SHARE, so an answer being
 * recorded is waited for, then seen): a replay or a duplicate job never mails a row twice, a
 * SENT row is never mailed again, and a reminder is never sent after the answer was recorded.
 *
 * One mail per recipient per wave: a reminder row with an item (ESCALATION) is claimed together
 * with every other such row due for the same recipient (under a per-recipient advisory lock, rows
 * FOR UPDATE SKIP LOCKED), each re-checked (letter still SENT in the row's cycle, the addressee
 * neither ANSWERED nor RELEASED) or CANCELLED; the rest become SENDING with one batch id, recorded
 * before the mail goes out, and are sent as one combined mail whose Message-ID derives from that
 * batch. A batch whose sender died (its lease ran out while SENDING) is sent again as the same
 * batch, same Message-ID. The jobs of rows already in a batch find them SENT and finish.
 *
 * Failures: a 5xx answer is permanent (FAILED at once, retryable by hand); anything else
 * (4xx, connection, timeout) is transient and retried with a growing delay for
 * `mailRetryHours`, without using up the job's attempts. Waiting for another sender's lease
 * costs no attempt either. A batch's rows share its outcome.
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
    @Optional() @Inject(MAIL_OBSERVER) private readonly observer?: MailObserver,
    @Optional() private readonly claimChecks?: NotificationClaimChecks,
  ) {}

  onModuleInit(): void {
    this.handlers.register('notification.send', async ({ notificationId }, job) => {
      let outcome = await this.sendShares(notificationId);
      // A wait shorter than a trip through the queue's delayed set (a wave's gather window, most
      // often) is waited here: the job holds its slot for under a second instead of coming back
      // later than asked.
      for (
        let waits = 0;
        outcome.outcome === 'retry' &&
        waits < SHORT_WAITS &&
        outcome.at.getTime() - Date.now() <= SHORT_WAIT_MS;
        waits++
      ) {
        await setTimeout(Math.max(0, outcome.at.getTime() - Date.now()));
        outcome = await this.sendShares(notificationId);
      }
      if (outcome.outcome === 'retry') await job.delayUntil(outcome.at);
    });
  }

  /**
   * send(), and when its claim was full (SHARES_PER_CLAIM shares of MAIL_BATCH_MAX_LETTERS
   * reminders, each its own mail), the rest of the recipient's wave now rather than when those
   * rows' own jobs come (seconds later): as soon as a full claim has committed, the next one is
   * made and its shares mailed beside the first ones, up to SHARES_AT_ONCE claims of one job in
   * flight; each chain ends when nothing is left. The claims still take turns (per-recipient
   * lock), so every reminder is in exactly one mail.
   */
  private async sendShares(notificationId: string): Promise<SendOutcome> {
    const chains: Promise<unknown>[] = [];
    let free = SHARES_AT_ONCE - 1;
    const chain = async (id: string): Promise<SendOutcome> => {
      let first: SendOutcome | undefined;
      let current: string | undefined = id;
      while (current) {
        let handedOn = false;
        const { outcome, next } = await this.sendAndFollow(current, async (recipient) => {
          if (free <= 0) return;
          const following = await this.nextShare(this.dataSource, recipient);
          if (!following) return;
          free -= 1;
          handedOn = true;
          chains.push(
            chain(following)
              // Its rows keep their own jobs: a failed share is sent by them.
              .catch((error: unknown) =>
                this.logger.warn(`next share for ${recipient}: ${(error as Error).message}`),
              )
              .finally(() => (free += 1)),
          );
        });
        first ??= outcome;
        current = handedOn ? undefined : next;
      }
      return first!;
    };
    const outcome = await chain(notificationId);
    // The array grows while the chains run.
    for (let i = 0; i < chains.length; i++) await chains[i];
    return outcome;
  }

  /** The recipient's oldest reminder due now and not yet claimed: the first of its next share. */
  private async nextShare(
    db: Pick<QueryRunner, 'query'> | DataSource,
    recipient: string,
  ): Promise<string | undefined> {
    const [next] = (await db.query(
      `SELECT id FROM notification
        WHERE status = 'PENDING' AND kind = 'ESCALATION' AND item IS NOT NULL
          AND lower(recipient_email) = lower($1)
          AND (next_attempt_at IS NULL OR next_attempt_at <= now())
        ORDER BY created_at, id
        LIMIT 1`,
      [recipient],
    )) as { id: string }[];
    return next?.id;
  }

  /**
   * Sends the row, alone or in its recipient's batch. 'cancelled' when this row was cancelled
   * and nothing was mailed; 'sent' when a mail went out with it or, its own row cancelled, with
   * the recipient's other rows.
   */
  async send(notificationId: string): Promise<SendOutcome> {
    return (await this.sendAndFollow(notificationId)).outcome;
  }

  /**
   * send() with the shares claimed beside its row's, and when the claim was full, the id of the
   * recipient's next reminder already due (the next share of the wave), if any.
   */
  private async sendAndFollow(
    notificationId: string,
    onFullShare?: (recipient: string) => Promise<void>,
  ): Promise<{ outcome: SendOutcome; next?: string }> {
    // One connection for the whole send, so recording SENT never waits for the pool: the only
    // window in which a crash resends a mail is between the server's acceptance and that
    // statement.
    const started = performance.now();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const connected = performance.now();
      const claim = await this.claim(runner, notificationId);
      const claimed = performance.now();
      if (claim.kind === 'wait') return { outcome: { outcome: 'retry', at: claim.until } };
      if (claim.kind !== 'claimed') return { outcome: { outcome: claim.kind } };
      const { mail, more, full } = claim;
      // Claimed and committed: the next shares can be claimed while these are mailed.
      if (full && onFullShare) await onFullShare(mail.to);
      const timing = ` — connection ${ms(connected - started)}, claim ${ms(claimed - connected)}`;
      // The other shares' outcomes are their rows' (a failed one is retried by their own jobs).
      const [outcome] = await Promise.all([
        this.deliver(runner, mail, claimed, timing),
        ...more.map((m) => this.deliver(runner, m, claimed, timing)),
      ]);
      if (!full || outcome.outcome !== 'sent') return { outcome };
      return { outcome, next: await this.nextShare(runner, mail.to) };
    } finally {
      await runner.release();
    }
  }

  /** Renders and mails one claimed mail, then records its rows SENT (or what failed). */
  private async deliver(
    runner: QueryRunner,
    mail: Outgoing,
    claimed: number,
    timing: string,
  ): Promise<SendOutcome> {
    let subject: string;
    try {
      const content = mail.render();
      subject = content.subject;
      await this.mail.send({
        from: this.config.mailFrom,
        to: mail.to,
        ...content,
        messageId: mail.messageId,
      });
    } catch (error) {
      return this.failed(runner, mail, error);
    }
    const mailed = performance.now();
    await runner.query(
      `UPDATE notification SET status = 'SENT', sent_at = $2, last_error = NULL,
              next_attempt_at = NULL, updated_at = now()
        WHERE id = ANY($1::uuid[])`,
      [mail.ids, this.clock.now()],
    );
    this.observer?.sent(mail.ids.length);
    this.logger.log(
      `mail "${subject}" sent to ${mail.to}${mail.ids.length > 1 ? ` (${mail.ids.length} reminders)` : ''}` +
        `${timing}, SMTP ${ms(mailed - claimed)}`,
    );
    return { outcome: 'sent' };
  }

  /**
   * PENDING (or a SENDING whose lease ran out) becomes SENDING for us alone, with the rows of its
   * recipient's batch, or CANCELLED.
   */
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
    const [peek] = (await runner.query(
      `SELECT lower(recipient_email) AS recipient, (kind = 'ESCALATION' AND item IS NOT NULL) AS batched
         FROM notification WHERE id = $1`,
      [id],
    )) as { recipient: string; batched: boolean }[];
    if (!peek) return { kind: 'skipped' };
    // One claim at a time per recipient: two jobs of one wave never split it into two mails.
    if (peek.batched)
      await runner.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `notification-batch:${peek.recipient}`,
      ]);
    const [row] = (await runner.query(
      `SELECT n.id, n.kind, n.idempotency_key, n.status, n.recipient_email,
              n.item IS NOT NULL AS has_item, n.batch_id,
              n.created_at,
              e.recommendation_id, e.cycle,
              (n.status = 'SENDING' AND n.updated_at >= now() - make_interval(secs => $2)) AS leased,
              n.updated_at + make_interval(secs => $2 + 1) AS lease_ends_at,
              least(n.updated_at + make_interval(secs => $2 + 1), now() + make_interval(secs => $3)) AS look_again_at,
              (n.status = 'PENDING' AND n.next_attempt_at > now()) AS early,
              n.next_attempt_at
         FROM notification n LEFT JOIN escalation_event e ON e.id = n.escalation_event_id
        WHERE n.id = $1
          FOR UPDATE OF n`,
      [id, this.config.mailLeaseSeconds, BATCH_LOOK_AGAIN_SECONDS],
    )) as LockedRow[];
    if (!row || !['PENDING', 'SENDING'].includes(row.status)) return { kind: 'skipped' };
    const batched = row.kind === 'ESCALATION' && row.has_item;
    if (row.leased) {
      return {
        kind: 'wait',
        until: batched && row.batch_id ? row.look_again_at : row.lease_ends_at,
      };
    }
    if (row.early) return { kind: 'wait', until: row.next_attempt_at! };
    return batched ? this.claimBatch(runner, row) : this.claimOne(runner, row);
  }

  /** A row mailed by itself (every kind but a reminder with an item). */
  private async claimOne(runner: QueryRunner, row: LockedRow): Promise<Claim> {
    if (row.recommendation_id) {
      // The answer's transaction holds the letter FOR UPDATE: wait for it, then see it.
      const [letter] = (await runner.query(
        `SELECT state, cycle FROM recommendation WHERE id = $1 FOR SHARE`,
        [row.recommendation_id],
      )) as { state: string; cycle: number }[];
      if (!letter || letter.state !== 'SENT' || letter.cycle !== row.cycle) {
        await this.cancel(runner, [row.id], CANCELLED_REASON);
        return { kind: 'cancelled' };
      }
    }
    // The kinds whose feature registered a check (a milestone's reminder: the milestone still
    // planned, on the due day it was written for).
    const check = this.claimChecks?.get(row.kind);
    const refusal = check
      ? await check(runner.manager, { id: row.id, idempotencyKey: row.idempotency_key })
      : null;
    if (refusal !== null) {
      await this.cancel(runner, [row.id], refusal);
      this.logger.log(
        `mail ${row.id} (${row.kind}) to ${row.recipient_email} cancelled: ${refusal}`,
      );
      return { kind: 'cancelled' };
    }
    const [claimed] = (await runner.query(
      `UPDATE notification
          SET status = 'SENDING', attempts = attempts + 1, next_attempt_at = NULL, updated_at = now()
        WHERE id = $1
        RETURNING id, recipient_email, subject, body_text, body_html, message_id, attempts, item`,
      [row.id],
    )) as [ClaimedRow[], number];
    const r = claimed[0];
    return {
      kind: 'claimed',
      mail: {
        ids: [r.id],
        batchId: null,
        to: r.recipient_email,
        render: () => ({ subject: r.subject, text: r.body_text, html: r.body_html }),
        messageId: r.message_id,
        attempts: r.attempts,
      },
      more: [],
      full: false,
    };
  }

  /**
   * The recipient's batch: its rows still SENDING after their sender died (sent again as the same
   * batch), or else every reminder due for the recipient now. Each is re-checked; those no longer
   * owed are CANCELLED; the rest are recorded SENDING under the batch id before anything is sent.
   */
  private async claimBatch(runner: QueryRunner, row: LockedRow): Promise<Claim> {
    const resend = row.status === 'SENDING' && row.batch_id !== null;
    const select = `SELECT n.id, e.recommendation_id, e.cycle, n.item
                      FROM notification n LEFT JOIN escalation_event e ON e.id = n.escalation_event_id`;
    const limit = this.config.mailBatchMaxLetters * SHARES_PER_CLAIM;
    const members = (await runner.query(
      resend
        ? `${select}
            WHERE n.batch_id = $1 AND n.status = 'SENDING'
            ORDER BY n.created_at, n.id
              FOR UPDATE OF n`
        : `${select}
            WHERE n.status = 'PENDING' AND n.kind = 'ESCALATION' AND n.item IS NOT NULL
              AND lower(n.recipient_email) = lower($1)
              AND (n.next_attempt_at IS NULL OR n.next_attempt_at <= now())
            ORDER BY n.id = $2 DESC, n.created_at, n.id
            LIMIT $3
              FOR UPDATE OF n SKIP LOCKED`,
      // This job's own row first, then the oldest, up to SHARES_PER_CLAIM shares: the rows left
      // over keep their own jobs (and a full claim's job claims the next ones).
      resend ? [row.batch_id] : [row.recipient_email, row.id, limit],
    )) as BatchRow[];
    // A wave still being written is waited for, unless a full share is already here: waiting
    // would only delay it (what comes later goes in a mail of its own either way).
    if (!resend && members.length < this.config.mailBatchMaxLetters) {
      const quiet = await this.waveStillComing(runner, row);
      if (quiet) return { kind: 'wait', until: quiet };
    }
    if (!members.some((m) => m.id === row.id))
      // SENDING with no batch recorded (claimed alone before batches existed): it goes with them.
      members.unshift(
        ...((await runner.query(`${select} WHERE n.id = $1`, [row.id])) as BatchRow[]),
      );
    const { letterDone, addresseeDone } = await this.noLongerOwed(runner, members);
    await this.cancel(runner, letterDone, CANCELLED_REASON);
    await this.cancel(runner, addresseeDone, ADDRESSEE_DONE_REASON);
    const cancelled = new Set([...letterDone, ...addresseeDone]);
    const due = members.filter((m) => !cancelled.has(m.id));
    if (due.length === 0) return { kind: cancelled.has(row.id) ? 'cancelled' : 'skipped' };

    // The shares, oldest first, this job's row in the first; a resent batch is one share as it was.
    const cap = this.config.mailBatchMaxLetters;
    const shares = resend
      ? [due]
      : Array.from({ length: Math.ceil(due.length / cap) }, (_, k) =>
          due.slice(k * cap, (k + 1) * cap),
        );
    const batchIds = shares.map((share) =>
      resend ? row.batch_id! : batchIdOf(share.map((m) => m.id)),
    );
    const batchOf = new Map(shares.flatMap((share, k) => share.map((m) => [m.id, batchIds[k]])));
    // A row's own rendering is mailed only when it goes alone; a combined mail is rendered from
    // the items already read, so the rows' bodies are not read back (but for a row written before
    // items named their recipient: its greeting is read from its text, greetingOf).
    const alone = due.length === 1;
    const claimed = (
      (await runner.query(
        `UPDATE notification n
            SET status = 'SENDING', batch_id = x.batch_id, attempts = n.attempts + 1,
                next_attempt_at = NULL, updated_at = now()
           FROM unnest($1::uuid[], $2::uuid[]) AS x(id, batch_id)
          WHERE n.id = x.id
          RETURNING n.id, n.recipient_email, n.attempts, n.message_id,
                    ${
                      alone
                        ? 'n.subject, n.body_text, n.body_html'
                        : `'' AS subject, '' AS body_html,
                       CASE WHEN n.item->>'recipientLabel' IS NULL THEN n.body_text ELSE '' END AS body_text`
                    }`,
        [due.map((m) => m.id), due.map((m) => batchOf.get(m.id)!)],
      )) as [Omit<ClaimedRow, 'item'>[], number]
    )[0];
    const items = new Map(due.map((m) => [m.id, m.item]));
    const byId = new Map(claimed.map((c) => [c.id, { ...c, item: items.get(c.id)! }]));
    const [mail, ...more] = shares.map((share, k) =>
      this.batchMail(
        row.recipient_email,
        batchIds[k],
        share.map((m) => byId.get(m.id)!),
      ),
    );
    return { kind: 'claimed', mail, more, full: !resend && members.length >= limit };
  }

  /**
   * The gather window slides: while any reminder of this recipient is still inside its own window
   * (Outbox.dispatch sets its next_attempt_at to the end of it, counted from the commit that wrote
   * it), the batch waits for that one too, so a wave written over a while still goes as one mail;
   * at most thirty windows (or thirty seconds, if longer) after this row was written. Returns when
   * to look again, or null.
   */
  private async waveStillComing(runner: QueryRunner, row: LockedRow): Promise<Date | null> {
    const gather = this.config.mailGatherSeconds;
    if (gather <= 0) return null;
    // (least() ignores a NULL: with no reminder in its window, max() is NULL and nothing waits.)
    const [wave] = (await runner.query(
      `SELECT least(max(n.next_attempt_at), $3::timestamptz + make_interval(secs => greatest($2::float8 * 30, 30))) AS until,
              max(n.next_attempt_at) IS NOT NULL
                AND $3::timestamptz + make_interval(secs => greatest($2::float8 * 30, 30)) > now() AS waiting
         FROM notification n
        WHERE n.status = 'PENDING' AND n.kind = 'ESCALATION' AND n.item IS NOT NULL
          AND lower(n.recipient_email) = lower($1)
          AND n.next_attempt_at > now() AND n.retry_until IS NULL`,
      [row.recipient_email, gather, row.created_at],
    )) as { until: Date | null; waiting: boolean | null }[];
    return wave?.waiting ? wave.until : null;
  }

  /** One row: its own copy (rendered from its item when it was not at writing); several: one mail listing them. */
  private batchMail(to: string, batchId: string, rows: ClaimedRow[]): Outgoing {
    const base = {
      ids: rows.map((r) => r.id),
      batchId,
      to,
      attempts: Math.max(...rows.map((r) => r.attempts)),
    };
    if (rows.length === 1) {
      const [r] = rows;
      return {
        ...base,
        // Rows written since the firing stopped rendering them carry their item alone.
        render: () =>
          r.body_text === '' && r.item
            ? renderSingleReminder(r.item, greetingOf(rows))
            : { subject: r.subject, text: r.body_text, html: r.body_html },
        messageId: r.message_id,
      };
    }
    return {
      ...base,
      render: () =>
        renderCombinedReminder(
          rows.map((r) => r.item!),
          greetingOf(rows),
        ),
      messageId: deterministicMessageId(`batch:${batchId}`, this.config.mailFrom),
    };
  }

  /**
   * The rows whose reminder is no longer owed: the letter answered, closed, withdrawn or in
   * another cycle; or the item's addressee ANSWERED or RELEASED. The letters are read FOR SHARE
   * (an answer being recorded holds them FOR UPDATE: wait for it, then see it), and so are their
   * addressees.
   */
  private async noLongerOwed(
    runner: QueryRunner,
    rows: BatchRow[],
  ): Promise<{ letterDone: string[]; addresseeDone: string[] }> {
    const letterOf = (r: BatchRow) => r.recommendation_id ?? r.item.recommendationId;
    const letterIds = [...new Set(rows.map(letterOf))];
    if (letterIds.length === 0) return { letterDone: [], addresseeDone: [] };
    const letters = new Map(
      (
        (await runner.query(
          `SELECT id, state, cycle FROM recommendation WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE`,
          [letterIds],
        )) as { id: string; state: string; cycle: number }[]
      ).map((l) => [l.id, l]),
    );
    const addressees = new Map(
      (
        (await runner.query(
          `SELECT ra.recommendation_id, a.code, ra.status
             FROM recommendation_addressee ra JOIN agency a ON a.id = ra.agency_id
            WHERE ra.recommendation_id = ANY($1::uuid[])
            ORDER BY ra.recommendation_id, ra.agency_id
              FOR SHARE OF ra`,
          [letterIds],
        )) as { recommendation_id: string; code: string; status: string }[]
      ).map((a) => [`${a.recommendation_id}:${a.code}`, a.status]),
    );
    const letterDone: string[] = [];
    const addresseeDone: string[] = [];
    for (const r of rows) {
      const letter = letters.get(letterOf(r));
      if (!letter || letter.state !== 'SENT' || (r.cycle !== null && letter.cycle !== r.cycle))
        letterDone.push(r.id);
      else if (
        ['ANSWERED', 'RELEASED'].includes(
          addressees.get(`${letter.id}:${r.item.addresseeCode}`) ?? '',
        )
      )
        addresseeDone.push(r.id);
    }
    return { letterDone, addresseeDone };
  }

  private async cancel(runner: QueryRunner, ids: string[], reason: string): Promise<void> {
    if (ids.length === 0) return;
    await runner.query(
      `UPDATE notification SET status = 'CANCELLED', next_attempt_at = NULL, updated_at = now(),
              last_error = $2
        WHERE id = ANY($1::uuid[])`,
      [ids, reason],
    );
  }

  /** Keeps the error on the rows; says when to try again, or that they are FAILED for good. */
  private async failed(runner: QueryRunner, mail: Outgoing, error: unknown): Promise<SendOutcome> {
    const permanent = isPermanentFailure(error);
    const delaySeconds = retryDelaySeconds(this.config.mailRetryFirstSeconds, mail.attempts);
    const [updated] = (await runner.query(
      `UPDATE notification
          SET retry_until = coalesce(retry_until, now() + make_interval(hours => $4)),
              status = CASE WHEN $3 OR coalesce(retry_until, now() + make_interval(hours => $4)) <= now()
                            THEN 'FAILED' ELSE 'PENDING' END,
              next_attempt_at = CASE WHEN $3 OR coalesce(retry_until, now() + make_interval(hours => $4)) <= now()
                                     THEN NULL ELSE now() + make_interval(secs => $5) END,
              last_error = $2, updated_at = now()
        WHERE id = ANY($1::uuid[]) AND status = 'SENDING'
        RETURNING id, status, next_attempt_at`,
      [
        mail.ids,
        describeFailure(error).slice(0, 2000),
        permanent,
        this.config.mailRetryHours,
        delaySeconds,
      ],
    )) as [{ id: string; status: string; next_attempt_at: Date | null }[], number];
    const message = describeFailure(error);
    // This job's row first: its outcome is the job's (the batch's other rows share it).
    const retrying = updated.filter((u) => u.status === 'PENDING');
    if (retrying.length === 0) {
      this.observer?.failed(mail.ids.length);
      this.logger.error(`mail to ${mail.to} failed for good: ${message}`);
      return { outcome: 'failed' };
    }
    const at = retrying
      .map((u) => u.next_attempt_at!)
      .reduce((a, b) => (a.getTime() <= b.getTime() ? a : b));
    this.observer?.retried(mail.ids.length);
    this.logger.warn(
      `mail to ${mail.to} not sent (attempt ${mail.attempts}), retrying at ${at.toISOString()}: ${message}`,
    );
    return { outcome: 'retry', at };
  }
}

/**
 * A batch's id, from the rows it holds: the same rows claimed again after a transient failure
 * are the same batch (the same Message-ID, in case the server did take the first try); other
 * rows, another.
 */
export function batchIdOf(ids: string[]): string {
  const h = createHash('sha256')
    .update(`notification-batch:${[...ids].sort().join(',')}`)
    .digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** "Kính gửi: …" of a combined mail: the label its items carry, else the first row's own greeting. */
function greetingOf(rows: ClaimedRow[]): string {
  for (const r of rows) if (r.item?.recipientLabel) return r.item.recipientLabel;
  for (const r of rows) {
    const greeting = /^Kính gửi: (.+)$/m.exec(r.body_text)?.[1]?.trim();
    if (greeting) return greeting;
  }
  const item = rows[0].item!;
  return item.audience === 'ADDRESSEE'
    ? (item.holder?.name ?? item.addresseeName)
    : rows[0].recipient_email;
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
