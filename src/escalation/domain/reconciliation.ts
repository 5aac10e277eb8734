import type { WorkingCalendar } from '../../calendar/domain/working-days.js';
import { localDay } from '../../common/domain/local-time.js';
import type { EscalationPolicy } from './policy.js';
import { fireTime, pendingSteps, type Step } from './steps.js';

/** One addressee's ladder in a letter's current cycle, as the database holds it. */
export interface Ladder {
  recommendationId: string;
  agencyId: string;
  cycle: number;
  /** The addressee's own due time, or the letter's. */
  dueAt: Date;
  /** The steps of this cycle already recorded (fired or skipped). */
  recorded: Step[];
}

/** A step still to come on a ladder, and when it fires. */
export interface LadderStep extends Step {
  ladder: Ladder;
  fireAt: Date;
}

/**
 * Every step still to come on the ladder, at its fire time. `offsets` (shared across the ladders
 * of one pass) remembers each fire time's distance from its due time: it depends only on the due
 * day and the step (the same time of day, some days later), so ten thousand letters due over a
 * few weeks walk the calendar a few dozen times, not thirty thousand.
 */
export function ladderSteps(
  policy: EscalationPolicy,
  calendar: WorkingCalendar,
  ladder: Ladder,
  offsets: Map<string, number> = new Map(),
): LadderStep[] {
  const day = localDay(ladder.dueAt);
  return pendingSteps(policy, ladder.recorded).map((step) => {
    const key = `${day}|${step.level}|${step.repeat}`;
    let offset = offsets.get(key);
    if (offset === undefined) {
      offset = fireTime(policy, ladder.dueAt, step, calendar).getTime() - ladder.dueAt.getTime();
      offsets.set(key, offset);
    }
    return { ...step, ladder, fireAt: new Date(ladder.dueAt.getTime() + offset) };
  });
}

/** A job the queue holds, as a bulk read of it tells: its state and, when delayed, its time. */
export interface HeldJob {
  state: 'delayed' | 'waiting' | 'active';
  /** When a delayed job becomes due (epoch ms); null for a waiting or running one. */
  runsAt: number | null;
}

/** A job whose time is within this of the step's is right as it is. */
export const FIRE_TIME_TOLERANCE_MS = 1000;

/**
 * Whether a queued job runs its step on time. A waiting job runs now: right for a step that is
 * due. A delayed job is right at the step's time; or, for a step already due, while it waits out
 * a retry's backoff (at most `retryWaitMs` ahead) — replacing it would only reset its attempts.
 */
export function heldJobOnTime(
  held: HeldJob,
  fireAt: number,
  now: number,
  retryWaitMs: number,
): boolean {
  if (held.state === 'active') return true;
  if (held.state === 'waiting' || held.runsAt === null)
    return fireAt <= now + FIRE_TIME_TOLERANCE_MS;
  if (Math.abs(held.runsAt - fireAt) < FIRE_TIME_TOLERANCE_MS) return true;
  return fireAt <= now && held.runsAt <= now + retryWaitMs;
}

export interface ReconciliationPlan<T> {
  /** Steps with no job: add. */
  add: T[];
  /** Steps whose job runs at the wrong time: remove, then add again. */
  reschedule: T[];
  /** Jobs of no step still to come (the ladder stopped, a dropped level, an old cycle): remove. */
  remove: string[];
  /** Steps whose job is right, or running now (left alone: it schedules what follows). */
  kept: number;
}

/**
 * What to do to make the queue hold exactly one job per step still to come, at its time, from
 * the expected steps (by job id) and the jobs held (by id, those of steps only). A running job is
 * never touched: neither replaced nor removed.
 */
export function planReconciliation<T extends { id: string; fireAt: Date }>(
  expected: T[],
  held: ReadonlyMap<string, HeldJob>,
  now: number,
  retryWaitMs: number,
): ReconciliationPlan<T> {
  const plan: ReconciliationPlan<T> = { add: [], reschedule: [], remove: [], kept: 0 };
  const wanted = new Set<string>();
  for (const step of expected) {
    wanted.add(step.id);
    const job = held.get(step.id);
    if (!job) plan.add.push(step);
    else if (heldJobOnTime(job, step.fireAt.getTime(), now, retryWaitMs)) plan.kept += 1;
    else plan.reschedule.push(step);
  }
  for (const [id, job] of held) if (!wanted.has(id) && job.state !== 'active') plan.remove.push(id);
  return plan;
}
