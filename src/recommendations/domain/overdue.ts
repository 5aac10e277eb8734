import { workingDaysBetween, type WorkingCalendar } from '../../calendar/domain/working-days.js';
import { DAY_MS } from '../../common/domain/local-time.js';
import type { RecommendationState } from './recommendation-state.js';

/** Only a SENT recommendation waits for an answer; its clock stops when answered. */
const AWAITING_ANSWER: RecommendationState = 'SENT';

/** A letter is overdue when it still awaits an answer and its response due time has passed. */
export function isOverdue<T extends { state: RecommendationState; responseDueAt: Date | null }>(
  r: T,
  now: Date,
): r is T & { responseDueAt: Date } {
  return r.state === AWAITING_ANSWER && !!r.responseDueAt && now > r.responseDueAt;
}

/** The same rule in SQL, on the recommendation row aliased `alias`, "now" being `nowParam`. */
export function overdueSql(alias: string, nowParam: string): string {
  return `${alias}.state = '${AWAITING_ANSWER}' AND ${alias}.response_due_at < ${nowParam}`;
}

/** Working days past the due time (0 until it has passed). */
export function workingDaysOverdue(dueAt: Date, now: Date, calendar: WorkingCalendar): number {
  return now > dueAt ? workingDaysBetween(dueAt, now, calendar) : 0;
}

/** Whole 24-hour days past the due time (0 until it has passed). */
export function calendarDaysOverdue(dueAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - dueAt.getTime()) / DAY_MS));
}

export function overdueStatus(
  r: { state: RecommendationState; responseDueAt: Date | null },
  now: Date,
  calendar: WorkingCalendar,
): { overdue: boolean; workingDaysOverdue: number } {
  if (!isOverdue(r, now)) return { overdue: false, workingDaysOverdue: 0 };
  return { overdue: true, workingDaysOverdue: workingDaysOverdue(r.responseDueAt, now, calendar) };
}
