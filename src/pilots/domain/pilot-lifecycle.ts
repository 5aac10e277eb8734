import type { Role } from '../../users/role.js';
import { PILOT_STATES, type PilotState } from './pilot-state.js';

/**
 * How a pilot may move (product.md §3). `free`: allowed; `reason`: allowed with a non-empty
 * reason; `guard`: only with no open blocker and a report for the current or previous period;
 * `secretariat`: the secretariat only, with a reason. Anything absent is refused.
 */
export type MoveRule = 'free' | 'reason' | 'guard' | 'secretariat';

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
      if (ctx.role !== 'SECRETARIAT') return { kind: 'secretariat-only' };
      return hasReason ? null : { kind: 'reason-required' };
    case 'guard':
      return ctx.hasOpenBlocker || !ctx.hasRecentReport
        ? { kind: 'guard', openBlocker: ctx.hasOpenBlocker, missingReport: !ctx.hasRecentReport }
        : null;
  }
}
