import {
  blockerCommandAllowed,
  blockerStateAfter,
  openBlockerState,
} from '../../src/blockers/domain/blocker-lifecycle.js';
import { BLOCKER_STATES } from '../../src/blockers/domain/blocker-enums.js';
import { allowedTargets, checkPilotMove } from '../../src/pilots/domain/pilot-lifecycle.js';
import { previousPeriod } from '../../src/common/domain/periods.js';
import { PILOT_STATES, type PilotState } from '../../src/pilots/domain/pilot-state.js';
import { recommendationStateAfter } from '../../src/recommendations/domain/recommendation-lifecycle.js';
import { RECOMMENDATION_STATES } from '../../src/recommendations/domain/recommendation-state.js';

// product.md §3, written out again as the reader sees it: '-' refused, 'yes', 'reason', 'guard', 'secretariat'.
const TABLE: Record<PilotState, Record<PilotState, string>> = {
  NOT_STARTED: {
    NOT_STARTED: '-',
    PREPARING: 'yes',
    PILOTING: 'yes',
    OPERATING: '-',
    COMPLETED: '-',
    SUSPENDED: 'reason',
  },
  PREPARING: {
    NOT_STARTED: 'reason',
    PREPARING: '-',
    PILOTING: 'yes',
    OPERATING: '-',
    COMPLETED: '-',
    SUSPENDED: 'reason',
  },
  PILOTING: {
    NOT_STARTED: '-',
    PREPARING: 'reason',
    PILOTING: '-',
    OPERATING: 'yes',
    COMPLETED: '-',
    SUSPENDED: 'reason',
  },
  OPERATING: {
    NOT_STARTED: '-',
    PREPARING: '-',
    PILOTING: 'reason',
    OPERATING: '-',
    COMPLETED: 'guard',
    SUSPENDED: 'reason',
  },
  COMPLETED: {
    NOT_STARTED: '-',
    PREPARING: '-',
    PILOTING: '-',
    OPERATING: 'secretariat',
    COMPLETED: '-',
    SUSPENDED: '-',
  },
  SUSPENDED: {
    NOT_STARTED: '-',
    PREPARING: 'reason',
    PILOTING: 'reason',
    OPERATING: 'reason',
    COMPLETED: '-',
    SUSPENDED: '-',
  },
};

const pairs = PILOT_STATES.flatMap((from) =>
  PILOT_STATES.map((to) => [from, to, TABLE[from][to]] as const),
);
const ok = { role: 'AGENCY_OFFICER' as const, hasOpenBlocker: false, hasRecentReport: true };

describe('pilot lifecycle, every pair of states', () => {
  it.each(pairs)('%s → %s is "%s"', (from, to, rule) => {
    const withReason = checkPilotMove(from, to, {
      ...ok,
      role: 'SECRETARIAT',
      reason: 'Theo chỉ đạo',
    });
    const withoutReason = checkPilotMove(from, to, { ...ok, reason: '  ' });
    switch (rule) {
      case '-':
        expect(withReason).toEqual({ kind: 'not-allowed', allowed: allowedTargets(from) });
        expect(allowedTargets(from)).not.toContain(to);
        break;
      case 'yes':
        expect(withoutReason).toBeNull();
        break;
      case 'reason':
        expect(withoutReason).toEqual({ kind: 'reason-required' });
        expect(checkPilotMove(from, to, { ...ok, reason: 'Theo chỉ đạo' })).toBeNull();
        break;
      case 'guard':
        expect(checkPilotMove(from, to, ok)).toBeNull();
        expect(checkPilotMove(from, to, { ...ok, hasOpenBlocker: true })).toEqual({
          kind: 'guard',
          openBlocker: true,
          missingReport: false,
        });
        expect(checkPilotMove(from, to, { ...ok, hasRecentReport: false })).toEqual({
          kind: 'guard',
          openBlocker: false,
          missingReport: true,
        });
        break;
      case 'secretariat':
        expect(checkPilotMove(from, to, { ...ok, reason: 'Theo chỉ đạo' })).toEqual({
          kind: 'secretariat-only',
        });
        expect(checkPilotMove(from, to, { ...ok, role: 'SECRETARIAT', reason: '' })).toEqual({
          kind: 'reason-required',
        });
        expect(withReason).toBeNull();
        break;
    }
  });

  it('finds the previous period across a year', () => {
    expect(previousPeriod('2024-01')).toBe('2023-12');
    expect(previousPeriod('2024-10')).toBe('2024-09');
  });
});

describe('recommendation lifecycle', () => {
  const expected: Record<string, Record<string, string | null>> = {
    send: { DRAFT: 'SENT', SENT: null, ANSWERED: null, CLOSED: null, WITHDRAWN: null },
    respond: { DRAFT: null, SENT: 'ANSWERED', ANSWERED: 'ANSWERED', CLOSED: null, WITHDRAWN: null },
    close: { DRAFT: null, SENT: null, ANSWERED: 'CLOSED', CLOSED: null, WITHDRAWN: null },
    withdraw: {
      DRAFT: 'WITHDRAWN',
      SENT: 'WITHDRAWN',
      ANSWERED: null,
      CLOSED: null,
      WITHDRAWN: null,
    },
    reopen: { DRAFT: null, SENT: null, ANSWERED: 'SENT', CLOSED: null, WITHDRAWN: null },
  };
  const cases = Object.entries(expected).flatMap(([command, row]) =>
    RECOMMENDATION_STATES.map((from) => [command, from, row[from]] as const),
  );
  it.each(cases)('%s from %s → %s', (command, from, to) => {
    expect(recommendationStateAfter(command as never, from)).toBe(to);
  });
});

describe('blocker lifecycle', () => {
  const allowed: Record<string, string[]> = {
    resolve: ['OPEN', 'ESCALATED'],
    withdraw: ['OPEN', 'ESCALATED'],
    reopen: ['RESOLVED'],
  };
  const cases = Object.entries(allowed).flatMap(([command, from]) =>
    BLOCKER_STATES.map((s) => [command, s, from.includes(s)] as const),
  );
  it.each(cases)('%s from %s allowed: %s', (command, from, ok) => {
    expect(blockerCommandAllowed(command as never, from)).toBe(ok);
  });

  it('reopens to ESCALATED only while a sent letter covers it', () => {
    expect(blockerStateAfter('reopen', true)).toBe('ESCALATED');
    expect(blockerStateAfter('reopen', false)).toBe('OPEN');
    expect(blockerStateAfter('resolve', true)).toBe('RESOLVED');
    expect(blockerStateAfter('withdraw', false)).toBe('WITHDRAWN');
  });

  it('keeps an open blocker in step with its letters, and leaves closed ones alone', () => {
    expect(openBlockerState('OPEN', true)).toBe('ESCALATED');
    expect(openBlockerState('ESCALATED', false)).toBe('OPEN');
    expect(openBlockerState('RESOLVED', true)).toBe('RESOLVED');
    expect(openBlockerState('WITHDRAWN', true)).toBe('WITHDRAWN');
  });
});
