import {
  addWorkingDays,
  FIRST_COMPUTABLE_DAY,
  LAST_COMPUTABLE_DAY,
  nextDay,
  weekendCalendar,
  workingDaysBetween,
} from '../../src/calendar/domain/working-days.js';
import { FIRST_YEAR, LAST_YEAR } from '../../src/common/domain/accepted-years.js';
import { atLocalTime, localDay } from '../../src/common/domain/local-time.js';

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

describe('working days stay inside the calendar (issue 10, defect 1)', () => {
  const neverWorking = { isWorkingDay: () => false };

  it('nextDay refuses to leave the calendar instead of writing +010000-01', () => {
    expect(nextDay('2100-12-31')).toBe('2101-01-01');
    expect(() => nextDay('9999-12-31')).toThrow(RangeError);
    expect(() => nextDay(LAST_COMPUTABLE_DAY)).toThrow(RangeError);
    expect(() => nextDay(FIRST_COMPUTABLE_DAY, -1)).toThrow(RangeError);
    expect(() => nextDay('2023-13-01')).toThrow(RangeError);
    expect(() => nextDay('+010000-01')).toThrow(RangeError);
  });

  it('adds working days from 9999-12-31 or 1900 with a RangeError, at once', () => {
    const started = Date.now();
    expect(() => addWorkingDays(atLocalTime('9999-12-31', '08:00'), 15, weekendCalendar)).toThrow(
      RangeError,
    );
    expect(() => addWorkingDays(atLocalTime('1900-01-01', '08:00'), 15, weekendCalendar)).toThrow(
      RangeError,
    );
    expect(() => addWorkingDays(new Date(8.64e15), 1, weekendCalendar)).toThrow(RangeError);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('stops a walk that finds no working day, whatever the calendar says', () => {
    expect(() => addWorkingDays(atLocalTime('2024-01-01'), 1, neverWorking)).toThrow(RangeError);
  });

  it('counts working days up to 9999-12-31 or from 1900 with a RangeError, without walking', () => {
    const started = Date.now();
    expect(() =>
      workingDaysBetween(atLocalTime('2024-01-01'), atLocalTime('9999-12-31'), weekendCalendar),
    ).toThrow(RangeError);
    expect(() =>
      workingDaysBetween(atLocalTime('1900-01-01'), atLocalTime('2024-01-01'), weekendCalendar),
    ).toThrow(RangeError);
    expect(Date.now() - started).toBeLessThan(100);
    // Backwards is still 0, whatever the days.
    expect(
      workingDaysBetween(atLocalTime('9999-12-31'), atLocalTime('2024-01-01'), weekendCalendar),
    ).toBe(0);
  });

  it('still counts across the whole accepted range', () => {
    expect(
      workingDaysBetween(
        atLocalTime(`${FIRST_YEAR}-01-01`),
        atLocalTime(`${LAST_YEAR}-12-31`),
        weekendCalendar,
      ),
    ).toBeGreaterThan(26_000);
    expect(addWorkingDays(atLocalTime('2100-12-31', '08:00'), 15, weekendCalendar)).toEqual(
      atLocalTime('2101-01-21', '08:00'),
    );
  });
});
