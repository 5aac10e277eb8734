import {
  eventsTable,
  type EscalationEventView,
} from '../../src/web/recommendations/escalations.view.js';

const skipped = (repeat: number, day: number): EscalationEventView => ({
  cycle: 1,
  level: 3,
  levelName: 'Báo cáo lãnh đạo',
  outcome: 'SKIPPED',
  repeat,
  dueAt: `2023-12-${String(day).padStart(2, '0')}T01:00:00.000Z`,
  occurredAt: '2023-12-20T01:00:00.000Z',
  workingDaysOverdue: 20 + day,
});

/** The letter page's escalation table: a run of skipped steps of one level is one row. */
describe('the escalation events table', () => {
  const row = (events: EscalationEventView[]) => eventsTable(events).toString();

  it('names a run by its lowest and highest occurrence, one event per addressee included', () => {
    // Two addressees, each its first occurrence of level 3: nothing to add to the level's name.
    expect(row([skipped(0, 4), skipped(0, 4)])).not.toMatch(/nhắc lại/);
    expect(row([skipped(0, 4), skipped(0, 4), skipped(1, 11), skipped(1, 11)])).toMatch(
      /lần đầu và nhắc lại lần 1</,
    );
    expect(row([skipped(0, 4), skipped(1, 11), skipped(2, 18)])).toMatch(
      /lần đầu và nhắc lại lần 1–2</,
    );
    expect(row([skipped(2, 4), skipped(2, 4), skipped(3, 11)])).toMatch(/nhắc lại lần 2–3</);
    expect(row([skipped(2, 4), skipped(2, 4)])).toMatch(/nhắc lại lần 2</);
    expect(row([skipped(0, 4), skipped(0, 4)])).not.toMatch(/1–0/);
  });
});
