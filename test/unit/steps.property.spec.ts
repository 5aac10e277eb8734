import fc from 'fast-check';
import {
  createWorkingCalendar,
  type CalendarAdjustmentInput,
} from '../../src/calendar/domain/vietnamese-calendar.js';
import { weekendCalendar, type WorkingCalendar } from '../../src/calendar/domain/working-days.js';
import { localDay } from '../../src/common/domain/local-time.js';
import { policyProblems, type EscalationPolicy } from '../../src/escalation/domain/policy.js';
import {
  compareSteps,
  fireTime,
  latestDueStep,
  pendingSteps,
  stepKey,
  type Step,
} from '../../src/escalation/domain/steps.js';

/**
 * Properties of the escalation ladder (src/escalation/domain/steps.ts) for any valid policy,
 * any due instant in 2000–2100 and any working calendar: the weekend one, or the Vietnamese one
 * changed by random adjustments around the due day. The reference walks below are written
 * from product.md §4, not from the code under test.
 */

const DAY_MS = 86_400_000;
const FIRST_INSTANT = Date.parse('2000-01-01T00:00:00+07:00');
const LAST_INSTANT = Date.parse('2100-12-31T23:59:59.999+07:00');

fc.configureGlobal({ seed: 0x06_2024, numRuns: 100 });

/** 1–10 levels numbered from 1, afterWorkingDays strictly increasing, repeats every ≥ 0 days. */
const policyArb: fc.Arbitrary<EscalationPolicy> = fc
  .record({
    first: fc.integer({ min: 0, max: 10 }),
    gaps: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 0, maxLength: 9 }),
    repeatEveryWorkingDays: fc.integer({ min: 0, max: 30 }),
  })
  .map(({ first, gaps, repeatEveryWorkingDays }) => {
    const after = gaps.reduce((acc, gap) => [...acc, acc[acc.length - 1] + gap], [first]);
    return {
      responseWorkingDays: 15,
      levels: after.map((afterWorkingDays, i) => ({
        level: i + 1,
        name: `Mức ${i + 1}`,
        afterWorkingDays,
        notify: ['SECRETARIAT' as const],
      })),
      repeatEveryWorkingDays,
      digestCron: '30 7 * * 1',
      reportCutoffDay: 15,
    };
  });

const dueArb = fc.integer({ min: FIRST_INSTANT, max: LAST_INSTANT }).map((ms) => new Date(ms));

interface AdjustmentSpec {
  offsetDays: number;
  kind: CalendarAdjustmentInput['kind'];
}
type CalendarSpec = { kind: 'weekend' } | { kind: 'vietnamese'; adjustments: AdjustmentSpec[] };

/** The weekend calendar, or the Vietnamese one with days off and make-up working days. */
const calendarArb: fc.Arbitrary<CalendarSpec> = fc.oneof(
  fc.constant({ kind: 'weekend' as const }),
  fc
    .array(
      fc.record({
        offsetDays: fc.integer({ min: -10, max: 420 }),
        kind: fc.constantFrom('DAY_OFF' as const, 'WORKING_DAY' as const),
      }),
      { maxLength: 25 },
    )
    .map((adjustments) => ({ kind: 'vietnamese' as const, adjustments })),
);

/** The calendar of `spec`, its adjustments placed from 10 days before the due day to 420 after. */
function calendarFor(spec: CalendarSpec, dueAt: Date): WorkingCalendar {
  if (spec.kind === 'weekend') return weekendCalendar;
  const dueDay = Date.parse(`${localDay(dueAt)}T00:00:00Z`);
  const adjustments = spec.adjustments
    .map((a) => ({
      day: new Date(dueDay + a.offsetDays * DAY_MS).toISOString().slice(0, 10),
      kind: a.kind,
    }))
    .filter((a) => a.day >= '1999-01-01' && a.day <= '2101-12-31');
  return createWorkingCalendar(adjustments);
}

/** A due instant, the time asked about (40 days before to 2 years after it, in 2000–2100), a calendar. */
const scenarioArb = fc
  .record({
    policy: policyArb,
    dueAt: dueArb,
    offsetMs: fc.integer({ min: -40 * DAY_MS, max: 2 * 366 * DAY_MS }),
    calendar: calendarArb,
  })
  .map(({ policy, dueAt, offsetMs, calendar }) => ({
    policy,
    dueAt,
    now: new Date(Math.min(LAST_INSTANT, Math.max(FIRST_INSTANT, dueAt.getTime() + offsetMs))),
    calendar: calendarFor(calendar, dueAt),
  }));

/** Every step in order: the levels once, then the last level's repetitions (if it repeats). */
function* stepsInOrder(policy: EscalationPolicy): Generator<Step> {
  for (const l of policy.levels) yield { level: l.level, repeat: 0 };
  const last = policy.levels[policy.levels.length - 1].level;
  if (policy.repeatEveryWorkingDays > 0) for (let r = 1; ; r++) yield { level: last, repeat: r };
}

/** Working days after the due time at which a step fires (product.md §4). */
function threshold(policy: EscalationPolicy, step: Step): number {
  return (
    policy.levels[step.level - 1].afterWorkingDays + step.repeat * policy.repeatEveryWorkingDays
  );
}

/**
 * The naive answer: walk the calendar day by day from the due time, counting working days,
 * and keep the last step whose fire time (that many working days later, same time of day)
 * has come. Linear in the days walked, and shares nothing with fireTime or latestDueStep.
 */
function naiveLatestDueStep(
  policy: EscalationPolicy,
  dueAt: Date,
  now: Date,
  calendar: WorkingCalendar,
): Step | null {
  let latest: Step | null = null;
  let days = 0;
  let working = 0;
  for (const step of stepsInOrder(policy)) {
    while (working < threshold(policy, step)) {
      days += 1;
      if (calendar.isWorkingDay(localDay(new Date(dueAt.getTime() + days * DAY_MS)))) working += 1;
    }
    if (dueAt.getTime() + days * DAY_MS > now.getTime()) break;
    latest = step;
  }
  return latest;
}

describe('escalation steps (property-based)', () => {
  it('the generated policies are valid ones', () => {
    fc.assert(fc.property(policyArb, (policy) => policyProblems(policy).length === 0));
  });

  it('latestDueStep equals a naive walk over the fire times', () => {
    fc.assert(
      fc.property(scenarioArb, ({ policy, dueAt, now, calendar }) => {
        expect(latestDueStep(policy, dueAt, now, calendar)).toEqual(
          naiveLatestDueStep(policy, dueAt, now, calendar),
        );
      }),
    );
  });

  it('latestDueStep is null before the first level fires, and never goes back as time passes', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.integer({ min: 0, max: 60 * DAY_MS }),
        ({ policy, dueAt, now, calendar }, laterMs) => {
          const first = fireTime(policy, dueAt, { level: 1, repeat: 0 }, calendar);
          const step = latestDueStep(policy, dueAt, now, calendar);
          expect(step === null).toBe(now < first);
          const later = new Date(Math.min(LAST_INSTANT, now.getTime() + laterMs));
          const afterwards = latestDueStep(policy, dueAt, later, calendar);
          if (step) expect(compareSteps(afterwards!, step)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('fire times strictly increase with the level and with the repetition, at the due time of day', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.integer({ min: 1, max: 12 }),
        ({ policy, dueAt, calendar }, repeats) => {
          const last = policy.levels[policy.levels.length - 1];
          // As many repetitions as stay inside the calendar (to 2101) from a due time in 2100.
          const every = policy.repeatEveryWorkingDays;
          const inside = every > 0 ? Math.floor((220 - last.afterWorkingDays) / every) : 0;
          const steps = [
            ...policy.levels.map((l) => ({ level: l.level, repeat: 0 })),
            ...Array.from({ length: Math.min(repeats, inside) }, (_, i) => ({
              level: last.level,
              repeat: i + 1,
            })),
          ];
          const times = steps.map((s) => fireTime(policy, dueAt, s, calendar));
          for (let i = 1; i < times.length; i++)
            expect(times[i].getTime()).toBeGreaterThan(times[i - 1].getTime());
          for (const [i, at] of times.entries()) {
            // Whole days after the due time; a day later than it only onto a working day.
            expect((at.getTime() - dueAt.getTime()) % DAY_MS).toBe(0);
            if (at > dueAt) expect(calendar.isWorkingDay(localDay(at))).toBe(true);
            else expect(policy.levels[steps[i].level - 1].afterWorkingDays).toBe(0);
          }
        },
      ),
    );
  });

  /** Any set of recorded steps: a subset of the levels, and some repetitions of the last. */
  const recordedArb = policyArb.chain((policy) =>
    fc
      .tuple(
        fc.subarray(policy.levels.map((l) => l.level)),
        fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 6 }),
      )
      .map(([levels, repeats]) => {
        const last = policy.levels[policy.levels.length - 1].level;
        const recorded: Step[] = [
          ...levels.map((level) => ({ level, repeat: 0 })),
          ...repeats.map((repeat) => ({ level: last, repeat })),
        ];
        return { policy, recorded };
      }),
  );

  it('pendingSteps never returns a recorded step', () => {
    fc.assert(
      fc.property(recordedArb, ({ policy, recorded }) => {
        const done = new Set(recorded.map(stepKey));
        for (const step of pendingSteps(policy, recorded))
          expect(done.has(stepKey(step))).toBe(false);
      }),
    );
  });

  it('pendingSteps returns exactly the unrecorded levels, plus the next repetition of the last level once reached', () => {
    fc.assert(
      fc.property(recordedArb, ({ policy, recorded }) => {
        const key = (s: Step) => `${s.level}/${s.repeat}`;
        const done = new Set(recorded.map(key));
        const last = policy.levels[policy.levels.length - 1].level;
        const expected = policy.levels
          .map((l) => ({ level: l.level, repeat: 0 }))
          .filter((s) => !done.has(key(s)));
        const reached = recorded.filter((s) => s.level === last).map((s) => s.repeat);
        if (reached.length > 0 && policy.repeatEveryWorkingDays > 0)
          expect(pendingSteps(policy, recorded)).toEqual([
            ...expected,
            { level: last, repeat: Math.max(...reached) + 1 },
          ]);
        else expect(pendingSteps(policy, recorded)).toEqual(expected);
      }),
    );
  });

  it('once every step due so far is recorded, the next pending one is the step after the latest due', () => {
    fc.assert(
      fc.property(scenarioArb, ({ policy, dueAt, now, calendar }) => {
        const latest = latestDueStep(policy, dueAt, now, calendar);
        const recorded: Step[] = [];
        for (const step of stepsInOrder(policy)) {
          if (!latest || compareSteps(step, latest) > 0) break;
          recorded.push(step);
        }
        const pending = pendingSteps(policy, recorded).sort(compareSteps);
        const steps = stepsInOrder(policy);
        for (let i = 0; i < recorded.length; i++) steps.next();
        const following = steps.next();
        if (following.done) expect(pending).toEqual([]);
        else {
          expect(pending[0]).toEqual(following.value);
          expect(fireTime(policy, dueAt, following.value, calendar).getTime()).toBeGreaterThan(
            now.getTime(),
          );
        }
      }),
    );
  });
});
