import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JOBS, jobIds, type JobPayloads } from '../queue/jobs.js';
import { QueueInventory } from '../queue/queue-inventory.js';
import { QueueName } from '../queue/queue-names.js';
import { QueueService } from '../queue/queue.service.js';
import type { WorkingCalendar } from '../calendar/domain/working-days.js';
import type { EscalationPolicy } from './domain/policy.js';
import {
  ladderSteps,
  planReconciliation,
  type HeldJob,
  type LadderStep,
} from './domain/reconciliation.js';
import type { Step } from './domain/steps.js';
import { EscalationPolicyService } from './escalation-policy.service.js';
import { runningLadders } from './running-ladders.js';
import { owesAnswerSql } from '../recommendations/domain/addressee-status.js';

/** Jobs added per addBulk (QueueService.enqueueMany's chunk). */
const ADD_CHUNK = 1000;

/** Ladders never have more levels than this; used to find jobs of levels a policy dropped. */
const MAX_LEVELS = 10;

/** What a reconciliation found and repaired (each repair is one job added or removed). */
export interface ReconcileCounts {
  /** SENT letters looked at. */
  recommendations: number;
  /** Step jobs the queue should hold: one per step still to come of every running ladder. */
  stepsExpected: number;
  /** Steps that had no job: added. */
  stepsAdded: number;
  /** Steps whose job ran at the wrong time (a policy change, say): replaced. */
  stepsRescheduled: number;
  /** Step jobs of no step still to come (an answered letter, a dropped level): removed. */
  orphansRemoved: number;
  mailsRequeued: number;
  durationMs: number;
}

/** A step's job: its deterministic id, its time and its payload. */
interface StepJob {
  id: string;
  fireAt: Date;
  payload: JobPayloads['escalation.fire'];
}

/**
 * How far ahead a due step's job may wait out a retry's backoff (BullMQ's exponential backoff
 * doubles the delay after each failed attempt) before reconciliation counts it late.
 */
function longestRetryWaitMs(): number {
  const { attempts = 1, backoff } = JOBS['escalation.fire'].options;
  const delay = typeof backoff === 'object' ? (backoff.delay ?? 0) : (backoff ?? 0);
  return delay * 2 ** Math.max(0, attempts - 1);
}

interface RecRow {
  id: string;
  state: string;
  cycle: number;
  response_due_at: Date | null;
  /** Every addressee: whose ladder runs (owes an answer) and its own due time. */
  addressees: { agency_id: string; due_at: string | null; owes: boolean }[];
}

/** A letter and its addressees, as the ladder needs them. */
const REC_SQL = `SELECT r.id, r.state, r.cycle, r.response_due_at,
         coalesce((SELECT json_agg(json_build_object('agency_id', ra.agency_id, 'due_at', ra.due_at,
                                                     'owes', ${owesAnswerSql('ra')}) ORDER BY ra.position)
                     FROM recommendation_addressee ra WHERE ra.recommendation_id = r.id), '[]') AS addressees
    FROM recommendation r`;

/** A step recorded on an addressee's ladder. */
interface RecordedStep extends Step {
  agency_id: string;
}

/**
 * Keeps the queue in line with the database, which is the truth: every addressee still owing an
 * answer to a SENT recommendation has one delayed job per step of its ladder still to come
 * (deterministic ids), at its fire time; nothing else.
 */
@Injectable()
export class EscalationScheduler {
  private readonly logger = new Logger(EscalationScheduler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly policies: EscalationPolicyService,
    private readonly queues: QueueService,
    private readonly inventory: QueueInventory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** After any change to one recommendation: add, move or remove its jobs. */
  async sync(
    recommendationId: string,
  ): Promise<Pick<ReconcileCounts, 'stepsAdded' | 'stepsRescheduled'>> {
    const [rec] = (await this.dataSource.query(`${REC_SQL} WHERE r.id = $1`, [
      recommendationId,
    ])) as RecRow[];
    const counts = { stepsAdded: 0, stepsRescheduled: 0 };
    if (!rec) return counts;
    const queue = this.queues.queue(QueueName.Escalation);
    const recorded = await this.recorded(rec);
    const expected = await this.expectedJobs(rec, recorded);
    const expectedIds = new Set(expected.map((e) => e.id));
    // A letter that moved on, and an addressee that answered or was released, lose their queued
    // steps. While an addressee owes, a step that is no longer pending (the one firing now, a
    // level a new policy dropped) is left alone: its handler finds it recorded or unknown.
    for (const a of rec.addressees) {
      if (rec.state === 'SENT' && a.owes) continue;
      for (const id of this.candidateIds(rec, a.agency_id, recorded)) {
        if (!expectedIds.has(id)) await this.removeQuietly(await queue.getJob(id));
      }
    }
    for (const e of expected) {
      const job = await queue.getJob(e.id);
      const state = job ? await job.getState() : undefined;
      if (job && state === 'active') continue; // firing now; it reschedules what follows
      const intended = e.fireAt.getTime();
      // A step already due when it was queued runs at once: its job is right as it is.
      const runsAt = job ? job.timestamp + (job.opts.delay ?? 0) : 0;
      if (
        job &&
        (state === 'delayed' || state === 'waiting') &&
        Math.abs(Math.max(intended, job.timestamp) - runsAt) < 1000
      ) {
        continue;
      }
      if (job) {
        await this.removeQuietly(job);
        counts.stepsRescheduled += 1;
      } else {
        counts.stepsAdded += 1;
      }
      await this.queues.enqueue('escalation.fire', e.payload, {
        jobId: e.id,
        delayMs: intended - this.clock.now().getTime(),
      });
    }
    return counts;
  }

  /**
   * The steps of letters just sent (or reopened into a new cycle), in bulk: no job of theirs can
   * exist yet, and a deterministic id already queued is left alone anyway.
   */
  async scheduleNew(recommendationIds: string[]): Promise<number> {
    if (recommendationIds.length === 0) return 0;
    const recs = (await this.dataSource.query(
      `${REC_SQL} WHERE r.id = ANY($1) AND r.state = 'SENT'`,
      [recommendationIds],
    )) as RecRow[];
    const recorded: (RecordedStep & { recommendation_id: string })[] = await this.dataSource.query(
      `SELECT e.recommendation_id, e.agency_id, e.level, e.repeat FROM escalation_event e JOIN recommendation r ON r.id = e.recommendation_id
        WHERE e.recommendation_id = ANY($1) AND e.cycle = r.cycle`,
      [recommendationIds],
    );
    const [now, timestamp] = [this.clock.now().getTime(), Date.now()];
    const context = await this.context();
    const byRec = new Map<string, RecordedStep[]>();
    for (const e of recorded)
      byRec.set(e.recommendation_id, [...(byRec.get(e.recommendation_id) ?? []), e]);
    const jobs = [];
    for (const rec of recs) {
      for (const e of await this.expectedJobs(rec, byRec.get(rec.id) ?? [], context)) {
        jobs.push({
          payload: e.payload,
          options: { jobId: e.id, delayMs: e.fireAt.getTime() - now, timestamp },
        });
      }
    }
    await this.queues.enqueueMany('escalation.fire', jobs);
    return jobs.length;
  }

  /**
   * Every running ladder against the queue, and unsent mail: at start-up, every 5 minutes, after
   * a policy change. Set-based: the queue's step jobs in one bulk read, every ladder and its
   * recorded steps in one query, then only the differences written — removals in bulk, additions
   * with one addBulk per chunk. The queue is read before the database, so a letter sent (or
   * reopened) in between has its jobs wanted, not taken for orphans; an addition that finds its
   * id already queued changes nothing. A running step is left alone: it schedules what follows.
   */
  reconcile(): Promise<ReconcileCounts> {
    // One at a time in a process: two overlapping runs (the policy change's job and a caller's)
    // would each remove and re-add the same rescheduled step, so the job is missing for a moment
    // after the earlier caller was told it is in place.
    const run = this.reconciling.then(() => this.reconcileNow());
    this.reconciling = run.catch(() => undefined);
    return run;
  }

  private reconciling: Promise<unknown> = Promise.resolve();

  private async reconcileNow(): Promise<ReconcileCounts> {
    const started = performance.now();
    // The queue store times jobs by the system clock; the ladders by ours (frozen in tests).
    const [now, skew] = [this.clock.now(), Date.now() - this.clock.now().getTime()];
    const queued = await this.inventory.pending(QueueName.Escalation, jobIds.escalationStepPrefix);
    const held = new Map<string, HeldJob>();
    for (const [id, job] of queued)
      held.set(id, { ...job, runsAt: job.runsAt === null ? null : job.runsAt - skew });
    const { letters, ladders } = await runningLadders(this.dataSource);
    const context = await this.context();
    const expected: StepJob[] = [];
    const unscheduled: string[] = [];
    const offsets = new Map<string, number>();
    for (const ladder of ladders) {
      try {
        for (const step of ladderSteps(context.policy, context.calendar, ladder, offsets))
          expected.push(stepJob(step));
      } catch (error) {
        // One ladder the rules cannot schedule must not stop the others being kept; its jobs
        // are kept as they are.
        unscheduled.push(
          jobIds.escalationLadderPrefix(ladder.recommendationId, ladder.agencyId, ladder.cycle),
        );
        this.logger.error(
          `recommendation ${ladder.recommendationId} (addressee ${ladder.agencyId}) not reconciled: ${(error as Error).message}`,
        );
      }
    }
    const plan = planReconciliation(expected, held, now.getTime(), longestRetryWaitMs());
    const orphansRemoved = await this.inventory.remove(
      QueueName.Escalation,
      plan.remove.filter((id) => !unscheduled.some((prefix) => id.startsWith(prefix))),
    );
    await this.inventory.remove(
      QueueName.Escalation,
      plan.reschedule.map((s) => s.id),
    );
    // One addBulk per chunk; every job's delay counts from the moment it was timed, not from
    // when its chunk reaches the store (seconds later on a busy machine).
    const toAdd = [...plan.add, ...plan.reschedule];
    for (let i = 0; i < toAdd.length; i += ADD_CHUNK) {
      const [at, timestamp] = [this.clock.now().getTime(), Date.now()];
      await this.queues.enqueueMany(
        'escalation.fire',
        toAdd.slice(i, i + ADD_CHUNK).map((s) => ({
          payload: s.payload,
          options: { jobId: s.id, delayMs: s.fireAt.getTime() - at, timestamp },
        })),
      );
    }
    const counts: ReconcileCounts = {
      recommendations: letters,
      stepsExpected: expected.length,
      stepsAdded: plan.add.length,
      stepsRescheduled: plan.reschedule.length,
      orphansRemoved,
      mailsRequeued: await this.requeueUnsentMail(),
      durationMs: 0,
    };
    counts.durationMs = Math.round(performance.now() - started);
    this.logger.log(`reconciled: ${JSON.stringify(counts)}`);
    return counts;
  }

  private async recorded(rec: RecRow): Promise<RecordedStep[]> {
    return (await this.dataSource.query(
      `SELECT agency_id, level, repeat FROM escalation_event WHERE recommendation_id = $1 AND cycle = $2`,
      [rec.id, rec.cycle],
    )) as RecordedStep[];
  }

  /** One job per step still to come on the ladder of each addressee that still owes an answer. */
  private async expectedJobs(
    rec: RecRow,
    recorded: RecordedStep[],
    context?: { policy: EscalationPolicy; calendar: WorkingCalendar },
  ): Promise<StepJob[]> {
    if (rec.state !== 'SENT' || !rec.response_due_at) return [];
    const { policy, calendar } = context ?? (await this.context());
    return rec.addressees
      .filter((a) => a.owes)
      .flatMap((a) =>
        ladderSteps(policy, calendar, {
          recommendationId: rec.id,
          agencyId: a.agency_id,
          cycle: rec.cycle,
          dueAt: a.due_at ? new Date(a.due_at) : rec.response_due_at!,
          recorded: recorded.filter((e) => e.agency_id === a.agency_id),
        }).map(stepJob),
      );
  }

  private async context() {
    const [{ policy }, calendar] = await Promise.all([
      this.policies.current(),
      this.calendars.current(),
    ]);
    return { policy, calendar };
  }

  /** Every id a job of this addressee's ladder in the recommendation's current cycle could have. */
  private candidateIds(rec: RecRow, agencyId: string, recorded: RecordedStep[]): string[] {
    const ids: string[] = [];
    const own = recorded.filter((s) => s.agency_id === agencyId);
    const maxRepeat = Math.max(0, ...own.map((s) => s.repeat));
    for (let level = 1; level <= MAX_LEVELS; level++) {
      ids.push(jobIds.escalationStep(rec.id, agencyId, rec.cycle, level, 0));
      for (
        let repeat = 1;
        repeat <= maxRepeat + 1 && own.some((s) => s.level === level);
        repeat++
      ) {
        ids.push(jobIds.escalationStep(rec.id, agencyId, rec.cycle, level, repeat));
      }
    }
    return ids;
  }

  /**
   * PENDING rows (and SENDING ones whose sender died) without a live mail job get one again,
   * at their next attempt's time when a transient failure set one.
   */
  private async requeueUnsentMail(): Promise<number> {
    const rows: { id: string; wait_ms: number }[] = await this.dataSource.query(
      `SELECT id, greatest(0, extract(epoch FROM next_attempt_at - now()) * 1000)::float8 AS wait_ms
         FROM notification
        WHERE status = 'PENDING' OR (status = 'SENDING' AND updated_at < now() - make_interval(secs => $1))`,
      [this.config.mailLeaseSeconds],
    );
    const queue = this.queues.queue(QueueName.Notifications);
    let requeued = 0;
    for (const { id, wait_ms } of rows) {
      const job = await queue.getJob(jobIds.mail(id));
      const state = job ? await job.getState() : undefined;
      if (
        state === 'waiting' ||
        state === 'delayed' ||
        state === 'active' ||
        state === 'prioritized'
      )
        continue;
      await this.removeQuietly(job);
      await this.queues.enqueue(
        'notification.send',
        { notificationId: id },
        { jobId: jobIds.mail(id), delayMs: wait_ms ?? 0 },
      );
      requeued += 1;
    }
    return requeued;
  }

  private async removeQuietly(job: Job | undefined | null): Promise<void> {
    if (!job) return;
    // A running job (the very one that called sync, or another worker's) finishes by itself.
    if ((await job.getState()) === 'active') return;
    try {
      await job.remove();
    } catch {
      // Locked by a worker that is running it: that run decides.
    }
  }
}

function stepJob(step: LadderStep): StepJob {
  const { recommendationId, agencyId, cycle } = step.ladder;
  return {
    id: jobIds.escalationStep(recommendationId, agencyId, cycle, step.level, step.repeat),
    fireAt: step.fireAt,
    payload: { recommendationId, agencyId, cycle, level: step.level, repeat: step.repeat },
  };
}
