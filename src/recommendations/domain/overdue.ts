import { workingDaysBetween, type WorkingCalendar } from '../../calendar/domain/working-days.js';
import type { RecommendationState } from './recommendation-state.js';

/** Only a SENT recommendation waits for an answer; its clock stops when answered. */
export function overdueStatus(
  r: { state: RecommendationState; responseDueAt: Date | null },
  now: Date,
  calendar: WorkingCalendar,
): { overdue: boolean; workingDaysOverdue: number } {
  if (r.state !== 'SENT' || !r.responseDueAt || now <= r.responseDueAt) {
    return { overdue: false, workingDaysOverdue: 0 };
  }
  return { overdue: true, workingDaysOverdue: workingDaysBetween(r.responseDueAt, now, calendar) };
}
