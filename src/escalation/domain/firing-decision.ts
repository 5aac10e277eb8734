import type { WorkingCalendar } from '../../calendar/domain/working-days.js';
import type { RecommendationState } from '../../recommendations/domain/recommendation-state.js';
import { workingDaysOverdue } from '../../recommendations/domain/overdue.js';
import type { EscalationOutcome } from '../../recommendations/domain/escalation-level.js';
import type { EscalationPolicy } from './policy.js';
import {
  compareSteps,
  fireTime,
  latestDueStep,
  levelOf,
  pendingSteps,
  stepKey,
  type Step,
} from './steps.js';

/** What a step's job came to. */
export type FireOutcome =
  | 'fired'
  | 'skipped'
  | 'moved-on'
  | 'already'
  | 'not-due'
  /** The letter still awaits an answer, but the policy in force has no such level (now). */
  | 'not-in-policy';

/** A step to record in the letter's current cycle. */
export interface StepRecord extends Step {
  levelName: string;
  outcome: EscalationOutcome;
  /** When the step was due to fire by the policy and calendar. */
  dueAt: Date;
  workingDaysOverdue: number;
}

export type StepDecision =
  /** Nothing to record. */
  | { outcome: 'moved-on' | 'already' | 'not-due' | 'not-in-policy' }
  /** A later level is already due: the job's step is recorded SKIPPED, and nobody is mailed. */
  | { outcome: 'skipped'; skipped: [StepRecord] }
  /** The latest due repetition is FIRED; the repetitions passed over before it are SKIPPED. */
  | { outcome: 'fired'; skipped: StepRecord[]; fired: StepRecord };

export interface StepFacts {
  /**
   * The letter as it stands (null when it is gone), with the due time of the addressee whose
   * ladder the step is on (its own, or the letter's).
   */
  letter: { state: RecommendationState; cycle: number; responseDueAt: Date | null } | null;
  /** That addressee: whether it still owes an answer (absent: as the letter). */
  addressee?: { owesAnswer: boolean } | null;
  /** The step the job was queued for. */
  job: { cycle: number; level: number; repeat: number };
  /** The policy in force. */
  policy: EscalationPolicy;
  /** The steps already recorded (FIRED or SKIPPED) in the letter's current cycle. */
  recorded: readonly Step[];
  now: Date;
  calendar: WorkingCalendar;
}

/**
 * What to do when a step's job comes: nothing if the letter has moved on (answered, withdrawn,
 * another cycle) or the step's addressee no longer owes an answer, the policy has no such level, the step is recorded already or not due yet;
 * record it SKIPPED when a later level is already due (catch-up: a letter entered overdue mails
 * only its highest due level); otherwise fire the latest due repetition of the step's level,
 * recording the repetitions passed over since the step as SKIPPED.
 */
export function decideStep({
  letter,
  addressee,
  job,
  policy,
  recorded,
  now,
  calendar,
}: StepFacts): StepDecision {
  if (
    !letter ||
    letter.state !== 'SENT' ||
    letter.cycle !== job.cycle ||
    !letter.responseDueAt ||
    addressee === null ||
    addressee?.owesAnswer === false
  )
    return { outcome: 'moved-on' };
  if (!levelOf(policy, job.level)) return { outcome: 'not-in-policy' };
  const done = new Set(recorded.map(stepKey));
  const step: Step = { level: job.level, repeat: job.repeat };
  if (done.has(stepKey(step))) return { outcome: 'already' };
  const dueAt = letter.responseDueAt;
  const latest = latestDueStep(policy, dueAt, now, calendar);
  if (!latest || compareSteps(latest, step) < 0) return { outcome: 'not-due' };

  const overdueDays = workingDaysOverdue(dueAt, now, calendar);
  const record = (s: Step, outcome: EscalationOutcome): StepRecord => ({
    level: s.level,
    repeat: s.repeat,
    levelName: levelOf(policy, s.level)!.name,
    outcome,
    dueAt: fireTime(policy, dueAt, s, calendar),
    workingDaysOverdue: overdueDays,
  });
  if (latest.level > step.level) return { outcome: 'skipped', skipped: [record(step, 'SKIPPED')] };
  // Same level: the last one, repeating. Fire only the latest due repetition.
  const skipped: StepRecord[] = [];
  for (let repeat = step.repeat; repeat < latest.repeat; repeat++) {
    const passed = { level: step.level, repeat };
    if (!done.has(stepKey(passed))) skipped.push(record(passed, 'SKIPPED'));
  }
  return { outcome: 'fired', skipped, fired: record(latest, 'FIRED') };
}

/**
 * The steps of a ladder whose jobs are due by `now` and not recorded, lowest first: what its jobs
 * would be asking decideStep if they had all come. A batch deciding them one after the other with
 * decideStep (the catch-up of EscalationFiring) records what those jobs would — the lower levels
 * SKIPPED, the highest due one FIRED — and the jobs, when they come, find their steps recorded.
 */
export function dueSteps(
  policy: EscalationPolicy,
  dueAt: Date,
  recorded: readonly Step[],
  now: Date,
  calendar: WorkingCalendar,
): Step[] {
  const latest = latestDueStep(policy, dueAt, now, calendar);
  if (!latest) return [];
  return pendingSteps(policy, [...recorded])
    .filter((s) => compareSteps(s, latest) <= 0)
    .sort(compareSteps);
}
