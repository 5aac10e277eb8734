import { currentPeriod, periodMonthYear, previousPeriod } from '../../common/domain/periods.js';
import { can } from '../../access/domain/permissions.js';
import type { Role } from '../../access/domain/role.js';
import { PILOT_STATES, type PilotState } from './pilot-state.js';

/**
 * How a pilot may move (product.md §3). `free`: allowed; `reason`: allowed with a non-empty
 * reason; `guard`: only with no open blocker and a report for the current or previous period;
 * `secretariat`: the secretariat only, with a reason. Anything absent is refused.
 */
export const MOVE_RULES = ['free', 'reason', 'guard', 'secretariat'] as const;
export type MoveRule = (typeof MOVE_RULES)[number];

export const PILOT_TRANSITIONS: Readonly<
  Record<PilotState, Partial<Record<PilotState, MoveRule>>>
> = {
  NOT_STARTED: { PREPARING: 'free', PILOTING: 'free', SUSPENDED: 'reason' },
  PREPARING: { NOT_STARTED: 'reason', PILOTING: 'free', SUSPENDED: 'reason' },
  PILOTING: { PREPARING: 'reason', OPERATING: 'free', SUSPENDED: 'reason' },
  OPERATING: { PILOTING: 'reason', COMPLETED: 'guard', SUSPENDED: 'reason' },
  COMPLETED: { OPERATING: 'secretariat' },
  SUSPENDED: { PREPARING: 'reason', PILOTING: 'reason', OPERATING: 'reason' },
};

export interface PilotMoveContext {
  role: Role;
  reason?: string | null;
  hasOpenBlocker: boolean;
  /** A report exists for the current or the previous period. */
  hasRecentReport: boolean;
}

export type PilotMoveRefusal =
  | { kind: 'not-allowed'; allowed: PilotState[] }
  | { kind: 'reason-required' }
  | { kind: 'secretariat-only' }
  | { kind: 'guard'; openBlocker: boolean; missingReport: boolean };

export function allowedTargets(from: PilotState): PilotState[] {
  return PILOT_STATES.filter((to) => PILOT_TRANSITIONS[from][to] !== undefined);
}

/** The one guard: null when the move may happen, else why not. */
export function checkPilotMove(
  from: PilotState,
  to: PilotState,
  ctx: PilotMoveContext,
): PilotMoveRefusal | null {
  const rule = PILOT_TRANSITIONS[from][to];
  if (!rule) return { kind: 'not-allowed', allowed: allowedTargets(from) };
  const hasReason = typeof ctx.reason === 'string' && ctx.reason.trim().length > 0;
  switch (rule) {
    case 'free':
      return null;
    case 'reason':
      return hasReason ? null : { kind: 'reason-required' };
    case 'secretariat':
      if (!can(ctx.role, 'pilots.reservedMoves')) return { kind: 'secretariat-only' };
      return hasReason ? null : { kind: 'reason-required' };
    case 'guard':
      return ctx.hasOpenBlocker || !ctx.hasRecentReport
        ? { kind: 'guard', openBlocker: ctx.hasOpenBlocker, missingReport: !ctx.hasRecentReport }
        : null;
  }
}

/** The periods the completion guard accepts a report for: the current one and the one before. */
export function recentReportPeriods(now: Date): [string, string] {
  const current = currentPeriod(now);
  return [current, previousPeriod(current)];
}

/** A move offered to a user; `problems` (Vietnamese) list why its guard refuses it for now. */
export interface PilotMoveOption {
  to: PilotState;
  rule: MoveRule;
  reasonRequired: boolean;
  problems: string[];
}

export interface PilotMoveFacts {
  role: Role;
  /** The user may write the pilot at all (pilot-access.ts). */
  mayWrite: boolean;
  openBlockers: number;
  /** The current and the previous period, `YYYY-MM`, that the guard accepts a report for. */
  recentPeriods: readonly [string, string];
  hasRecentReport: boolean;
}

/**
 * The moves this user may ask for from `from`, each judged by checkPilotMove before any reason
 * is given: a move that needs a reason is offered with `reasonRequired`, one the guard refuses
 * with its problems, one reserved to the secretariat only to the secretariat.
 */
export function pilotMovesFor(from: PilotState, facts: PilotMoveFacts): PilotMoveOption[] {
  if (!facts.mayWrite) return [];
  const options: PilotMoveOption[] = [];
  for (const to of allowedTargets(from)) {
    const refusal = checkPilotMove(from, to, {
      role: facts.role,
      reason: null,
      hasOpenBlocker: facts.openBlockers > 0,
      hasRecentReport: facts.hasRecentReport,
    });
    if (refusal?.kind === 'secretariat-only' || refusal?.kind === 'not-allowed') continue;
    options.push({
      to,
      rule: PILOT_TRANSITIONS[from][to]!,
      reasonRequired: refusal?.kind === 'reason-required',
      problems: refusal?.kind === 'guard' ? guardProblems(refusal, facts) : [],
    });
  }
  return options;
}

function guardProblems(
  refusal: { openBlocker: boolean; missingReport: boolean },
  facts: PilotMoveFacts,
): string[] {
  const [current, previous] = facts.recentPeriods.map(periodMonthYear);
  return [
    refusal.openBlocker ? `mô hình còn ${facts.openBlockers} vướng mắc chưa giải quyết` : null,
    refusal.missingReport
      ? `chưa có báo cáo tiến độ tháng ${current} hoặc tháng ${previous}`
      : null,
  ].filter((p): p is string => p !== null);
}
