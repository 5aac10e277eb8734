import {
  heldJobOnTime,
  planReconciliation,
  type HeldJob,
} from '../../src/escalation/domain/reconciliation.js';

const NOW = Date.parse('2026-03-02T08:00:00+07:00');
const MINUTE = 60_000;
const RETRY_WAIT = 160_000;

describe('reconciliation plan (src/escalation/domain/reconciliation.ts)', () => {
  const step = (id: string, at: number) => ({ id, fireAt: new Date(at) });
  const delayed = (runsAt: number): HeldJob => ({ state: 'delayed', runsAt });
  const waiting: HeldJob = { state: 'waiting', runsAt: null };
  const active: HeldJob = { state: 'active', runsAt: null };

  it('keeps a delayed job within a second of its step, and replaces one further off', () => {
    expect(
      heldJobOnTime(delayed(NOW + 60 * MINUTE + 900), NOW + 60 * MINUTE, NOW, RETRY_WAIT),
    ).toBe(true);
    expect(
      heldJobOnTime(delayed(NOW + 60 * MINUTE + 1000), NOW + 60 * MINUTE, NOW, RETRY_WAIT),
    ).toBe(false);
  });

  it('keeps a due step waiting out a retry, but not one held far ahead', () => {
    expect(heldJobOnTime(delayed(NOW + 2 * MINUTE), NOW - MINUTE, NOW, RETRY_WAIT)).toBe(true);
    expect(heldJobOnTime(delayed(NOW + 60 * MINUTE), NOW - MINUTE, NOW, RETRY_WAIT)).toBe(false);
  });

  it('keeps a waiting job only for a step that is due', () => {
    expect(heldJobOnTime(waiting, NOW - MINUTE, NOW, RETRY_WAIT)).toBe(true);
    expect(heldJobOnTime(waiting, NOW + 60 * MINUTE, NOW, RETRY_WAIT)).toBe(false);
  });

  it('adds, moves and removes what differs, and never touches a running job', () => {
    const held = new Map<string, HeldJob>([
      ['right', delayed(NOW + 60 * MINUTE)],
      ['late', delayed(NOW + 120 * MINUTE)],
      ['running', active],
      ['running-left-over', active],
      ['left-over', delayed(NOW + MINUTE)],
      ['old-waiting', waiting],
    ]);
    const plan = planReconciliation(
      [
        step('right', NOW + 60 * MINUTE),
        step('late', NOW + 60 * MINUTE),
        step('running', NOW + 60 * MINUTE),
        step('missing', NOW + 30 * MINUTE),
      ],
      held,
      NOW,
      RETRY_WAIT,
    );
    expect(plan.add.map((s) => s.id)).toEqual(['missing']);
    expect(plan.reschedule.map((s) => s.id)).toEqual(['late']);
    expect(plan.remove.sort()).toEqual(['left-over', 'old-waiting']);
    expect(plan.kept).toBe(2);
  });
});
