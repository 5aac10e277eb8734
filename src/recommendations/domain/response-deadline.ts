import { addWorkingDays, type WorkingCalendar } from '../../calendar/domain/working-days.js';

/** A letter sent without a due time must be answered within the policy's working days. */
export function defaultResponseDue(
  sentAt: Date,
  calendar: WorkingCalendar,
  workingDays: number,
): Date {
  return addWorkingDays(sentAt, workingDays, calendar);
}
