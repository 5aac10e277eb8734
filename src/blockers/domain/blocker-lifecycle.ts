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
