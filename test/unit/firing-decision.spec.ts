import { weekendCalendar } from '../../src/calendar/domain/working-days.js';
import { atLocalTime } from '../../src/common/domain/local-time.js';
import { decideStep, type StepFacts } from '../../src/escalation/domain/firing-decision.js';
import { DEFAULT_POLICY, type EscalationPolicy } from '../../src/escalation/domain/policy.js';
import type { Step } from '../../src/escalation/domain/steps.js';

// Due on Monday 8 January 2024 at 08:00. With weekends only, the default ladder fires level 1 at
// the due time, level 2 ten working days later (22/01), level 3 twenty later (05/02), and level
// 3 again every ten working days: 19/02 (repeat 1), 04/03 (repeat 2), 18/03 (repeat 3).
const due = atLocalTime('2024-01-08', '08:00');
const at = (day: string, time = '09:00') => atLocalTime(day, time);
const sent = { state: 'SENT' as const, cycle: 1, responseDueAt: due };

function decide(
  job: Step & { cycle?: number },
  now: Date,
  more: Partial<Omit<StepFacts, 'job' | 'now'>> = {},
) {
  return decideStep({
    letter: sent,
    policy: DEFAULT_POLICY,
    recorded: [],
    calendar: weekendCalendar,
    ...more,
    job: { cycle: 1, ...job },
    now,
  });
}

describe('decideStep: what a step job records', () => {
  it('does nothing for a letter that has moved on', () => {
    const now = at('2024-03-01');
    for (const letter of [
      null,
      { ...sent, state: 'ANSWERED' as const },
      { ...sent, state: 'WITHDRAWN' as const },
      { ...sent, cycle: 2 },
      { ...sent, responseDueAt: null },
    ]) {
      expect(decide({ level: 1, repeat: 0 }, now, { letter })).toEqual({ outcome: 'moved-on' });
    }
  });

  it('does nothing for a level the policy in force no longer has', () => {
    expect(decide({ level: 4, repeat: 0 }, at('2024-06-03'))).toEqual({
      outcome: 'not-in-policy',
    });
  });

  it('does nothing for a step already recorded, fired or skipped', () => {
    const recorded = [{ level: 1, repeat: 0 }];
    expect(decide({ level: 1, repeat: 0 }, at('2024-01-09'), { recorded })).toEqual({
      outcome: 'already',
    });
  });

  it('does nothing before the step is due', () => {
    expect(decide({ level: 1, repeat: 0 }, atLocalTime('2024-01-08', '07:59'))).toEqual({
      outcome: 'not-due',
    });
    expect(decide({ level: 2, repeat: 0 }, at('2024-01-19'))).toEqual({ outcome: 'not-due' });
    expect(decide({ level: 3, repeat: 2 }, at('2024-03-01'))).toEqual({ outcome: 'not-due' });
  });

  it('fires level 1 at the due time itself, 0 working days overdue', () => {
    expect(decide({ level: 1, repeat: 0 }, due)).toEqual({
      outcome: 'fired',
      skipped: [],
      fired: {
        level: 1,
        repeat: 0,
        levelName: 'Nhắc hạn',
        outcome: 'FIRED',
        dueAt: due,
        workingDaysOverdue: 0,
      },
    });
  });

  it('fires a level on time with its fire time and the working days overdue', () => {
    const recorded = [{ level: 1, repeat: 0 }];
    expect(decide({ level: 2, repeat: 0 }, at('2024-01-22'), { recorded })).toEqual({
      outcome: 'fired',
      skipped: [],
      fired: {
        level: 2,
        repeat: 0,
        levelName: 'Đôn đốc',
        outcome: 'FIRED',
        dueAt: atLocalTime('2024-01-22', '08:00'),
        workingDaysOverdue: 10,
      },
    });
  });

  it('catches up: a letter entered when level 3 is due skips levels 1 and 2 and fires 3', () => {
    const now = at('2024-02-06');
    expect(decide({ level: 1, repeat: 0 }, now)).toEqual({
      outcome: 'skipped',
      skipped: [
        {
          level: 1,
          repeat: 0,
          levelName: 'Nhắc hạn',
          outcome: 'SKIPPED',
          dueAt: due,
          workingDaysOverdue: 21,
        },
      ],
    });
    const two = decide({ level: 2, repeat: 0 }, now, { recorded: [{ level: 1, repeat: 0 }] });
    expect(two).toMatchObject({
      outcome: 'skipped',
      skipped: [{ level: 2, repeat: 0, dueAt: atLocalTime('2024-01-22', '08:00') }],
    });
    const three = decide({ level: 3, repeat: 0 }, now, {
      recorded: [
        { level: 1, repeat: 0 },
        { level: 2, repeat: 0 },
      ],
    });
    expect(three).toEqual({
      outcome: 'fired',
      skipped: [],
      fired: {
        level: 3,
        repeat: 0,
        levelName: 'Báo cáo lãnh đạo',
        outcome: 'FIRED',
        dueAt: atLocalTime('2024-02-05', '08:00'),
        workingDaysOverdue: 21,
      },
    });
  });

  it('fires only the latest due repetition, recording the ones passed over as skipped', () => {
    const now = at('2024-03-05'); // repeat 2 of level 3 came on 04/03
    const earlier = [
      { level: 1, repeat: 0 },
      { level: 2, repeat: 0 },
    ];
    const decision = decide({ level: 3, repeat: 0 }, now, { recorded: earlier });
    expect(decision).toMatchObject({
      outcome: 'fired',
      skipped: [
        { level: 3, repeat: 0, outcome: 'SKIPPED', dueAt: atLocalTime('2024-02-05', '08:00') },
        { level: 3, repeat: 1, outcome: 'SKIPPED', dueAt: atLocalTime('2024-02-19', '08:00') },
      ],
      fired: { level: 3, repeat: 2, outcome: 'FIRED', dueAt: atLocalTime('2024-03-04', '08:00') },
    });
    if (decision.outcome !== 'fired') throw new Error('expected a fired step');
    const days = [...decision.skipped, decision.fired].map((s) => s.workingDaysOverdue);
    expect(new Set(days)).toEqual(new Set([41]));
  });

  it('does not record again a repetition passed over that is recorded already', () => {
    const now = at('2024-03-19'); // repeat 3 came on 18/03
    const recorded = [
      { level: 1, repeat: 0 },
      { level: 2, repeat: 0 },
      { level: 3, repeat: 0 },
      { level: 3, repeat: 2 },
    ];
    expect(decide({ level: 3, repeat: 1 }, now, { recorded })).toMatchObject({
      outcome: 'fired',
      skipped: [{ level: 3, repeat: 1 }],
      fired: { level: 3, repeat: 3 },
    });
  });

  it('fires the next repetition on time with nothing skipped', () => {
    const recorded = [
      { level: 1, repeat: 0 },
      { level: 2, repeat: 0 },
      { level: 3, repeat: 0 },
    ];
    expect(decide({ level: 3, repeat: 1 }, at('2024-02-19'), { recorded })).toMatchObject({
      outcome: 'fired',
      skipped: [],
      fired: { level: 3, repeat: 1, dueAt: atLocalTime('2024-02-19', '08:00') },
    });
  });

  it('a last level that does not repeat fires once, however late', () => {
    const policy: EscalationPolicy = { ...DEFAULT_POLICY, repeatEveryWorkingDays: 0 };
    expect(decide({ level: 3, repeat: 0 }, at('2024-06-03'), { policy })).toMatchObject({
      outcome: 'fired',
      skipped: [],
      fired: { level: 3, repeat: 0 },
    });
  });
});
