import { workingDaysBetween, type WorkingCalendar } from '../../calendar/domain/working-days.js';
import { DAY_MS } from '../../common/domain/local-time.js';
import type { RecommendationState } from './recommendation-state.js';
import { addresseeDueSql, owesAnswerSql } from './addressee-status.js';

/** Only a SENT recommendation waits for an answer; its clock stops when answered. */
const AWAITING_ANSWER: RecommendationState = 'SENT';

/** A letter is overdue when it still awaits an answer and its response due time has passed. */
export function isOverdue<T extends { state: RecommendationState; responseDueAt: Date | null }>(
  r: T,
  now: Date,
): r is T & { responseDueAt: Date } {
  return r.state === AWAITING_ANSWER && !!r.responseDueAt && now > r.responseDueAt;
}

/**
 * SQL: the due time that still runs for the recommendation row aliased `alias` — the earliest due
 * time of the addressees that still owe an answer (each has its own, the letter's by default);
 * null when none owes one. A letter is as overdue as its most overdue addressee.
 */
export function runningDueSql(alias: string): string {
  return `(SELECT min(${addresseeDueSql('oa', alias)}) FROM recommendation_addressee oa
            WHERE oa.recommendation_id = ${alias}.id AND ${owesAnswerSql('oa')})`;
}

/**
 * The same rule in SQL, on the recommendation row aliased `alias`, "now" being `nowParam`: it
 * awaits an answer and one of its addressees that still owes one is past its due time.
 */
export function overdueSql(alias: string, nowParam: string): string {
  return `${alias}.state = '${AWAITING_ANSWER}' AND ${runningDueSql(alias)} < ${nowParam}`;
}

/** SQL: the recommendation_addressee row `ra` of the letter `r` is overdue at `nowParam`. */
export function addresseeOverdueSql(ra: string, r: string, nowParam: string): string {
  return `${r}.state = '${AWAITING_ANSWER}' AND ${owesAnswerSql(ra)} AND ${addresseeDueSql(ra, r)} < ${nowParam}`;
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
