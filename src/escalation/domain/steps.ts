import {
  addWorkingDays,
  FIRST_COMPUTABLE_DAY,
  nextDay,
  type WorkingCalendar,
} from '../../calendar/domain/working-days.js';
import { atLocalTime, DAY_MS, localDay, type LocalDay } from '../../common/domain/local-time.js';
import type { EscalationLevel, EscalationPolicy } from './policy.js';

/**
 * One rung of the ladder in a response cycle: a level, and for the last level how many times it
 * has repeated. Steps are ordered by (level, repeat).
 */
export interface Step {
  level: number;
  repeat: number;
}

export const stepKey = (s: Step) => `l${s.level}-r${s.repeat}`;
export const compareSteps = (a: Step, b: Step) => a.level - b.level || a.repeat - b.repeat;

export function levelOf(policy: EscalationPolicy, level: number): EscalationLevel | undefined {
  return policy.levels.find((l) => l.level === level);
}

const lastLevel = (policy: EscalationPolicy) => policy.levels[policy.levels.length - 1];

/** Due time plus the level's working days (plus repeats for the last level), same time of day. */
export function fireTime(
  policy: EscalationPolicy,
  dueAt: Date,
  step: Step,
  calendar: WorkingCalendar,
): Date {
  const level = levelOf(policy, step.level);
  if (!level) throw new RangeError(`no level ${step.level} in the policy`);
  return addWorkingDays(
    dueAt,
    level.afterWorkingDays + step.repeat * policy.repeatEveryWorkingDays,
    calendar,
  );
}

/** The latest step whose fire time has come, or null before the due time. */
export function latestDueStep(
  policy: EscalationPolicy,
  dueAt: Date,
  now: Date,
  calendar: WorkingCalendar,
): Step | null {
  let latest: Step | null = null;
  for (const level of policy.levels) {
    if (fireTime(policy, dueAt, { level: level.level, repeat: 0 }, calendar) > now) break;
    latest = { level: level.level, repeat: 0 };
  }
  const last = lastLevel(policy);
  if (latest?.level === last.level && policy.repeatEveryWorkingDays > 0) {
    // Jump close by arithmetic (a 2022 letter has repeated about a hundred times), then walk.
    const base = fireTime(policy, dueAt, latest, calendar);
    const approx = Math.max(
      0,
      Math.floor(
        (now.getTime() - base.getTime()) / (DAY_MS * 1.5 * policy.repeatEveryWorkingDays),
      ) - 1,
    );
    let repeat = approx;
    while (repeat > 0 && fireTime(policy, dueAt, { level: last.level, repeat }, calendar) > now)
      repeat -= 1;
    while (fireTime(policy, dueAt, { level: last.level, repeat: repeat + 1 }, calendar) <= now)
      repeat += 1;
    latest = { level: last.level, repeat };
  }
  return latest;
}

/**
 * The steps still to come in a cycle, given those already recorded (fired or skipped): every
 * level not yet recorded, and the next repetition of the last level once it has been reached.
 */
export function pendingSteps(policy: EscalationPolicy, recorded: Step[]): Step[] {
  const done = new Set(recorded.map(stepKey));
  const pending = policy.levels
    .filter((l) => !done.has(stepKey({ level: l.level, repeat: 0 })))
    .map((l) => ({ level: l.level, repeat: 0 }));
  const last = lastLevel(policy);
  const repeats = recorded.filter((s) => s.level === last.level);
  if (repeats.length > 0 && policy.repeatEveryWorkingDays > 0) {
    const highest = Math.max(...repeats.map((s) => s.repeat));
    pending.push({ level: last.level, repeat: highest + 1 });
  }
  return pending;
}

/**
 * For each offset (working days after a due time, as fireTime counts them), the latest due time
 * whose step that far after it may have come by `now`: a step `n` working days after a due time
 * later than its cutoff fires after `now`; one after a due time at or before it has fired by now,
 * or fires later today at the latest (a Friday evening's step one working day on, asked on Monday
 * morning). So the cutoff only narrows a search — the SQL of EscalationFiring's catch-up — and
 * decideStep still says what is due. An offset whose cutoff lies before the calendar's first day
 * gets null.
 *
 * One backward walk from today (lastDueDays): the step `n` working days after a day D falls on or
 * before today exactly when (D, today] holds at least `n` working days; the latest such D is that
 * offset's last due day, whose step falls on today itself (come by now only up to now's time of
 * day) when today is a working day, and on an earlier day (the whole of D) otherwise.
 */
export function dueCutoffs(
  offsets: readonly number[],
  now: Date,
  calendar: WorkingCalendar,
  /** lastDueDays(offsets, today, calendar), when already walked today. */
  days: readonly (LocalDay | null)[] = lastDueDays(offsets, localDay(now), calendar),
): (Date | null)[] {
  const today = localDay(now);
  const timeOfDay = now.getTime() - atLocalTime(today).getTime();
  const todayWorks = calendar.isWorkingDay(today);
  return offsets.map((n, i) => {
    const day = days[i];
    if (n === 0) return now;
    if (day === null) return null;
    return todayWorks
      ? new Date(atLocalTime(day).getTime() + timeOfDay)
      : new Date(atLocalTime(nextDay(day)).getTime() - 1);
  });
}

/** dueCutoffs' walk: for each offset, the latest day D with at least that many working days in (D, today]. */
export function lastDueDays(
  offsets: readonly number[],
  today: LocalDay,
  calendar: WorkingCalendar,
): (LocalDay | null)[] {
  const order = offsets.map((n, i) => ({ n, i })).sort((a, b) => a.n - b.n);
  const found: (LocalDay | null)[] = offsets.map(() => null);
  let next = 0;
  while (next < order.length && order[next].n <= 0) found[order[next++].i] = today;
  let working = 0;
  for (let day = today; next < order.length && day > FIRST_COMPUTABLE_DAY;) {
    if (calendar.isWorkingDay(day)) working += 1;
    day = nextDay(day, -1);
    while (next < order.length && order[next].n <= working) found[order[next++].i] = day;
  }
  return found;
}
