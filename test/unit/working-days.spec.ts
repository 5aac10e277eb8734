import {
  addWorkingDays,
  atLocalTime,
  localDay,
  weekendCalendar,
  workingDaysBetween,
} from '../../src/calendar/domain/working-days.js';

describe('working days (weekends only, until the holiday calendar)', () => {
  it('reads the calendar day in Asia/Ho_Chi_Minh, not UTC', () => {
    expect(localDay(new Date('2023-12-19T17:00:00Z'))).toBe('2023-12-20');
    expect(localDay(new Date('2023-12-19T16:59:59Z'))).toBe('2023-12-19');
  });

  it('adds working days at the same time of day, skipping weekends', () => {
    const fridayMorning = atLocalTime('2023-12-15', '08:00');
    expect(addWorkingDays(fridayMorning, 1, weekendCalendar)).toEqual(
      atLocalTime('2023-12-18', '08:00'),
    );
    expect(addWorkingDays(fridayMorning, 15, weekendCalendar)).toEqual(
      atLocalTime('2024-01-05', '08:00'),
    );
  });

  it('adding 0 returns the time itself, even on a Sunday', () => {
    const sunday = atLocalTime('2023-12-17', '10:30');
    expect(addWorkingDays(sunday, 0, weekendCalendar)).toEqual(sunday);
  });

  it('counts the working days after a due time up to now', () => {
    const due = atLocalTime('2023-12-15', '08:00');
    expect(workingDaysBetween(due, atLocalTime('2023-12-15', '17:00'), weekendCalendar)).toBe(0);
    expect(workingDaysBetween(due, atLocalTime('2023-12-17', '09:00'), weekendCalendar)).toBe(0);
    expect(workingDaysBetween(due, atLocalTime('2023-12-18', '07:00'), weekendCalendar)).toBe(1);
    expect(workingDaysBetween(due, atLocalTime('2023-12-29', '07:00'), weekendCalendar)).toBe(10);
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays(new Date(), -1, weekendCalendar)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date(), 1.5, weekendCalendar)).toThrow(RangeError);
  });
});
