import { addWorkingDays, type WorkingCalendar } from '../../calendar/domain/working-days.js';

/** The policy default until the escalation policy is editable: 15 working days. */
export const DEFAULT_RESPONSE_WORKING_DAYS = 15;

export function defaultResponseDue(
  sentAt: Date,
  calendar: WorkingCalendar,
  workingDays = DEFAULT_RESPONSE_WORKING_DAYS,
): Date {
  return addWorkingDays(sentAt, workingDays, calendar);
}
