import fc from 'fast-check';
import {
  currentPeriod,
  periodAsOf,
  periodCutoff,
  periodEnd,
  periodStart,
} from '../../src/common/domain/periods.js';

/**
 * The cut-off rule (src/common/domain/periods.ts): period P is read as of the end of its cut-off
 * day in Asia/Ho_Chi_Minh (day D clamped to the month; null: its last day), and as of `now`
 * until then. Checked on examples written from product.md and against Intl's own calendar.
 */

fc.configureGlobal({ seed: 0x06_2023, numRuns: 300 });

const periodArb = fc
  .record({ year: fc.integer({ min: 2000, max: 2100 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);
const dayArb = fc.option(fc.integer({ min: 1, max: 31 }), { nil: null });

const hoChiMinh = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
  hourCycle: 'h23',
});
const local = (at: Date) => hoChiMinh.format(at).replace(', ', 'T');

describe('period cut-off', () => {
  it('is the last instant of the cut-off day, in Asia/Ho_Chi_Minh', () => {
    // Report 442's day: 20/12/2023 23:59:59.999 in Khánh Hòa.
    expect(periodCutoff('2023-12', 20).toISOString()).toBe('2023-12-20T16:59:59.999Z');
    expect(local(periodCutoff('2023-12', 20))).toBe('2023-12-20T23:59:59.999');
    expect(periodCutoff('2024-01', 1).toISOString()).toBe('2024-01-01T16:59:59.999Z');
    expect(periodCutoff('2024-01', 15).toISOString()).toBe('2024-01-15T16:59:59.999Z');
  });

  it('null is the end of the month’s last day, the instant before the next period starts', () => {
    expect(periodCutoff('2023-12', null).toISOString()).toBe('2023-12-31T16:59:59.999Z');
    expect(periodCutoff('2024-02', null).toISOString()).toBe('2024-02-29T16:59:59.999Z');
    expect(periodCutoff('2023-02', null).toISOString()).toBe('2023-02-28T16:59:59.999Z');
    expect(periodCutoff('2024-04', null).toISOString()).toBe('2024-04-30T16:59:59.999Z');
    fc.assert(
      fc.property(periodArb, (period) => {
        expect(periodCutoff(period, null).getTime()).toBe(periodEnd(period).getTime() - 1);
        expect(periodCutoff(period, 31)).toEqual(periodCutoff(period, null));
      }),
    );
  });

  it('clamps a day past the month’s end to its last day', () => {
    expect(periodCutoff('2024-02', 30)).toEqual(periodCutoff('2024-02', 29));
    expect(periodCutoff('2023-02', 29)).toEqual(periodCutoff('2023-02', null));
    expect(periodCutoff('2024-04', 31)).toEqual(periodCutoff('2024-04', 30));
  });

  it('falls within its period, on its day, one millisecond before the next day starts', () => {
    fc.assert(
      fc.property(periodArb, dayArb, (period, day) => {
        const cutoff = periodCutoff(period, day);
        expect(currentPeriod(cutoff)).toBe(period);
        expect(cutoff.getTime()).toBeGreaterThanOrEqual(periodStart(period).getTime());
        expect(cutoff.getTime()).toBeLessThan(periodEnd(period).getTime());
        expect(local(cutoff).slice(10)).toBe('T23:59:59.999');
        const next = local(new Date(cutoff.getTime() + 1));
        expect(next.slice(10)).toBe('T00:00:00.000');
        if (day !== null) {
          const [y, m] = period.split('-').map(Number);
          const length = new Date(Date.UTC(y, m, 0)).getUTCDate();
          expect(Number(local(cutoff).slice(8, 10))).toBe(Math.min(day, length));
        }
      }),
    );
  });

  it('a later cut-off day never comes earlier', () => {
    fc.assert(
      fc.property(
        periodArb,
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 1, max: 31 }),
        (p, a, b) => {
          const [early, late] = a <= b ? [a, b] : [b, a];
          expect(periodCutoff(p, early).getTime()).toBeLessThanOrEqual(
            periodCutoff(p, late).getTime(),
          );
          expect(periodCutoff(p, late).getTime()).toBeLessThanOrEqual(
            periodCutoff(p, null).getTime(),
          );
        },
      ),
    );
  });

  it('a period is read as of now before its cut-off, and as of the cut-off ever after', () => {
    const cutoff = periodCutoff('2024-01', 15);
    expect(periodAsOf('2024-01', new Date('2024-01-10T03:00:00Z'), 15)).toEqual(
      new Date('2024-01-10T03:00:00Z'),
    );
    expect(periodAsOf('2024-01', cutoff, 15)).toEqual(cutoff);
    expect(periodAsOf('2024-01', new Date(cutoff.getTime() + 1), 15)).toEqual(cutoff);
    expect(periodAsOf('2024-01', new Date('2026-12-02T03:00:00Z'), 15)).toEqual(cutoff);
    fc.assert(
      fc.property(
        periodArb,
        dayArb,
        fc.integer({ min: -100 * 86_400_000, max: 100 * 86_400_000 }),
        (p, day, offset) => {
          const c = periodCutoff(p, day);
          const now = new Date(c.getTime() + offset);
          const asOf = periodAsOf(p, now, day);
          expect(asOf.getTime()).toBe(Math.min(now.getTime(), c.getTime()));
        },
      ),
    );
  });
});
