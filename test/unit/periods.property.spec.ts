import fc from 'fast-check';
import {
  currentPeriod,
  cutoffDay,
  nextPeriod,
  periodEnd,
  periodLabel,
  periodMonthYear,
  periodOf,
  periodStart,
  previousPeriod,
  shiftPeriod,
} from '../../src/common/domain/periods.js';

/**
 * Period arithmetic (src/common/domain/periods.ts) against models written here: months counted
 * one at a time, and Intl's own Asia/Ho_Chi_Minh calendar for "which month is it".
 */

fc.configureGlobal({ seed: 0x06_2024, numRuns: 300 });

const FIRST_INSTANT = Date.parse('2000-01-01T00:00:00+07:00');
const LAST_INSTANT = Date.parse('2100-12-31T23:59:59.999+07:00');

const periodArb = fc
  .record({ year: fc.integer({ min: 2000, max: 2100 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);
const instantArb = fc.integer({ min: FIRST_INSTANT, max: LAST_INSTANT }).map((ms) => new Date(ms));
const monthsArb = fc.integer({ min: -1300, max: 1300 });

/** The model: step one month at a time. */
function stepMonths(period: string, months: number): string {
  let [y, m] = period.split('-').map(Number);
  for (let i = 0; i < Math.abs(months); i++) {
    m += Math.sign(months);
    if (m === 13) [y, m] = [y + 1, 1];
    if (m === 0) [y, m] = [y - 1, 12];
  }
  return `${y}-${String(m).padStart(2, '0')}`;
}

const hoChiMinhMonth = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
});
const hoChiMinhDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

describe('periods (property-based)', () => {
  it('shiftPeriod equals stepping month by month, and is always YYYY-MM', () => {
    fc.assert(
      fc.property(periodArb, monthsArb, (period, months) => {
        const shifted = shiftPeriod(period, months);
        expect(shifted).toBe(stepMonths(period, months));
        expect(shifted).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
      }),
    );
  });

  it('shifts compose, 0 is no shift, and previous/next undo each other', () => {
    fc.assert(
      fc.property(periodArb, monthsArb, monthsArb, (period, a, b) => {
        expect(shiftPeriod(shiftPeriod(period, a), b)).toBe(shiftPeriod(period, a + b));
        expect(shiftPeriod(period, 0)).toBe(period);
        expect(previousPeriod(nextPeriod(period))).toBe(period);
        expect(nextPeriod(previousPeriod(period))).toBe(period);
        expect(previousPeriod(period)).toBe(shiftPeriod(period, -1));
        // Four-digit years: the text order is the time order.
        expect(nextPeriod(period) > period).toBe(true);
      }),
    );
  });

  it('currentPeriod is the month in Asia/Ho_Chi_Minh, whatever the process time zone', () => {
    fc.assert(
      fc.property(instantArb, (now) => {
        expect(currentPeriod(now)).toBe(hoChiMinhMonth.format(now));
        expect(periodOf(hoChiMinhDay.format(now))).toBe(currentPeriod(now));
      }),
    );
  });

  it('a period runs from its start up to, not including, its end, which is the next one’s start', () => {
    fc.assert(
      fc.property(instantArb, (now) => {
        const period = currentPeriod(now);
        expect(periodStart(period).getTime()).toBeLessThanOrEqual(now.getTime());
        expect(now.getTime()).toBeLessThan(periodEnd(period).getTime());
        expect(periodEnd(period)).toEqual(periodStart(nextPeriod(period)));
        expect(currentPeriod(periodStart(period))).toBe(period);
        expect(currentPeriod(new Date(periodStart(period).getTime() - 1))).toBe(
          previousPeriod(period),
        );
        expect(hoChiMinhDay.format(periodStart(period))).toBe(`${period}-01`);
      }),
    );
  });

  it('the cut-off day is the policy’s day of the month, or the month’s last day', () => {
    fc.assert(
      fc.property(periodArb, fc.integer({ min: 1, max: 31 }), (period, dayOfMonth) => {
        const day = cutoffDay(period, dayOfMonth);
        const [y, m] = period.split('-').map(Number);
        let length = 28;
        while (new Date(Date.UTC(y, m - 1, length + 1)).getUTCMonth() === m - 1) length += 1;
        expect(day).toBe(`${period}-${String(Math.min(dayOfMonth, length)).padStart(2, '0')}`);
        expect(periodOf(day)).toBe(period);
      }),
    );
  });

  it('labels a period as Vietnamese writes a month', () => {
    fc.assert(
      fc.property(periodArb, (period) => {
        const [y, m] = period.split('-');
        expect(periodMonthYear(period)).toBe(`${m}/${y}`);
        expect(periodLabel(period)).toBe(`tháng ${m}/${y}`);
      }),
    );
  });
});
