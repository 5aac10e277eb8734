import fc from 'fast-check';
import { createWorkingCalendar } from '../../src/calendar/domain/vietnamese-calendar.js';
import {
  addWorkingDays,
  weekendCalendar,
  type WorkingCalendar,
} from '../../src/calendar/domain/working-days.js';
import { localDay } from '../../src/common/domain/local-time.js';
import { dueCutoffs } from '../../src/escalation/domain/steps.js';

/**
 * dueCutoffs (src/escalation/domain/steps.ts) narrows the catch-up's search for steps whose time
 * has come: it must never leave out a due step, and what it lets in fires today at the latest.
 * Checked against addWorkingDays itself, for any offset, instant and calendar (the weekend one,
 * or the Vietnamese one with random days off and make-up working days near `now`).
 */

const DAY_MS = 86_400_000;
const FIRST_INSTANT = Date.parse('2001-01-01T00:00:00+07:00');
const LAST_INSTANT = Date.parse('2099-12-31T23:59:59.999+07:00');

fc.configureGlobal({ seed: 0x06_2025, numRuns: 100 });

const scenarioArb = fc
  .record({
    offsets: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 6 }),
    now: fc.integer({ min: FIRST_INSTANT, max: LAST_INSTANT }),
    /** Due times to try, from 120 days before now to a day after. */
    dues: fc.array(fc.integer({ min: -120 * DAY_MS, max: DAY_MS }), {
      minLength: 1,
      maxLength: 20,
    }),
    adjustments: fc.option(
      fc.array(
        fc.record({
          offsetDays: fc.integer({ min: -120, max: 1 }),
          kind: fc.constantFrom('DAY_OFF' as const, 'WORKING_DAY' as const),
        }),
        { maxLength: 25 },
      ),
    ),
  })
  .map(({ offsets, now, dues, adjustments }) => {
    const today = Date.parse(`${localDay(new Date(now))}T00:00:00Z`);
    const calendar: WorkingCalendar = adjustments
      ? createWorkingCalendar(
          adjustments.map((a) => ({
            day: new Date(today + a.offsetDays * DAY_MS).toISOString().slice(0, 10),
            kind: a.kind,
          })),
        )
      : weekendCalendar;
    return { offsets, now: new Date(now), dues: dues.map((d) => new Date(now + d)), calendar };
  });

describe('dueCutoffs (property-based)', () => {
  it('never leaves out a due time whose step has come, and lets in only steps due by the end of today', () => {
    fc.assert(
      fc.property(scenarioArb, ({ offsets, now, dues, calendar }) => {
        const cutoffs = dueCutoffs(offsets, now, calendar);
        offsets.forEach((n, i) => {
          const cutoff = cutoffs[i];
          expect(cutoff).not.toBeNull();
          for (const due of dues) {
            const fires = addWorkingDays(due, n, calendar);
            if (fires.getTime() <= now.getTime())
              expect(due.getTime()).toBeLessThanOrEqual(cutoff!.getTime());
            if (due.getTime() <= cutoff!.getTime())
              expect(localDay(fires) <= localDay(now)).toBe(true);
          }
        });
      }),
    );
  });

  it('is `now` itself for a step at the due time (offset 0)', () => {
    const now = new Date('2025-03-08T10:00:00+07:00');
    expect(dueCutoffs([0], now, weekendCalendar)).toEqual([now]);
  });

  it('counts back over a weekend: on Monday 09:00, one working day after Friday 09:00 has come', () => {
    const now = new Date('2025-03-10T09:00:00+07:00'); // Monday
    // (D, Monday] holds one working day for D = Sunday: due Sunday 09:00 fires Monday 09:00.
    expect(dueCutoffs([1], now, weekendCalendar)).toEqual([new Date('2025-03-09T09:00:00+07:00')]);
  });
});
