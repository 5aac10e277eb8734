import { pilotWriteRefusal, type PilotWriteRefusal } from '../../pilots/domain/pilot-access.js';
import { can } from '../../access/domain/permissions.js';
import type { Role } from '../../access/domain/role.js';
import { isOpenBlocker, OPEN_BLOCKER_STATES, type BlockerState } from './blocker-enums.js';

export type BlockerCommand = 'resolve' | 'withdraw' | 'reopen';

/**
 * OPEN → ESCALATED while a sent recommendation covers it (the system moves it) →
 * RESOLVED | WITHDRAWN; RESOLVED can be reopened (to ESCALATED when a sent letter still covers it).
 */
const FROM: Record<BlockerCommand, readonly BlockerState[]> = {
  resolve: OPEN_BLOCKER_STATES,
  withdraw: OPEN_BLOCKER_STATES,
  reopen: ['RESOLVED'],
};

export function blockerCommandAllowed(command: BlockerCommand, from: BlockerState): boolean {
  return FROM[command].includes(from);
}

export function blockerCommandsFrom(from: BlockerState): BlockerCommand[] {
  return (Object.keys(FROM) as BlockerCommand[]).filter((c) => FROM[c].includes(from));
}

/** Where a command leads; `coveredBySentLetter` decides between OPEN and ESCALATED. */
export function blockerStateAfter(
  command: BlockerCommand,
  coveredBySentLetter: boolean,
): BlockerState {
  switch (command) {
    case 'resolve':
      return 'RESOLVED';
    case 'withdraw':
      return 'WITHDRAWN';
    case 'reopen':
      return coveredBySentLetter ? 'ESCALATED' : 'OPEN';
  }
}

/** An open blocker follows its letters: ESCALATED exactly while a SENT one covers it. */
export function openBlockerState(
  current: BlockerState,
  coveredBySentLetter: boolean,
): BlockerState {
  if (!isOpenBlocker(current)) return current;
  return coveredBySentLetter ? 'ESCALATED' : 'OPEN';
}

/** Everything a user may do with a blocker: its state moves, editing it, putting it in a letter. */
export const BLOCKER_ACTIONS = [
  'resolve',
  'withdraw',
  'reopen',
  'edit',
  'draftRecommendation',
] as const;
export type BlockerAction = (typeof BLOCKER_ACTIONS)[number];

/**
 * Who may write a blocker: whoever may write its pilot (pilot-access.ts); a cross-cutting one
 * (no pilot), the secretariat alone. `pilot.leads`: the user's agency leads the blocker's pilot.
 */
export function blockerWriteRefusal(
  actor: { role: Role; agencyId: string | null },
  pilot: { leads: boolean } | null,
): PilotWriteRefusal | 'secretariat-only' | null {
  if (pilot) return pilotWriteRefusal(actor, pilot.leads);
  return can(actor.role, 'blockers.writeCrossCutting') ? null : 'secretariat-only';
}

/**
 * What a user who may write the blocker can do with it in its state: the commands of its
 * lifecycle, editing it, and, while it is open, drafting a letter to the centre about it.
 */
export function blockerActionsFor(state: BlockerState, mayWrite: boolean): BlockerAction[] {
  if (!mayWrite) return [];
  return [
    ...blockerCommandsFrom(state),
    'edit',
    ...(isOpenBlocker(state) ? (['draftRecommendation'] as const) : []),
  ];
}
