import { can } from '../../access/domain/permissions.js';
import type { Role } from '../../access/domain/role.js';
import type { RecommendationState } from './recommendation-state.js';

export const RECOMMENDATION_COMMANDS = ['send', 'respond', 'close', 'withdraw', 'reopen'] as const;
export type RecommendationCommand = (typeof RECOMMENDATION_COMMANDS)[number];

/**
 * DRAFT → SENT → ANSWERED → CLOSED; SENT → WITHDRAWN; ANSWERED → SENT (answer judged
 * insufficient: a new cycle with a new due time). A draft may also be withdrawn, and a further
 * answer may be recorded on an ANSWERED letter.
 */
export const RECOMMENDATION_MOVES: Readonly<
  Record<RecommendationCommand, Partial<Record<RecommendationState, RecommendationState>>>
> = {
  send: { DRAFT: 'SENT' },
  respond: { SENT: 'ANSWERED', ANSWERED: 'ANSWERED' },
  close: { ANSWERED: 'CLOSED' },
  withdraw: { DRAFT: 'WITHDRAWN', SENT: 'WITHDRAWN' },
  reopen: { ANSWERED: 'SENT' },
};

export function recommendationStateAfter(
  command: RecommendationCommand,
  from: RecommendationState,
): RecommendationState | null {
  return RECOMMENDATION_MOVES[command][from] ?? null;
}

export function recommendationCommandsFrom(from: RecommendationState): RecommendationCommand[] {
  return (Object.keys(RECOMMENDATION_MOVES) as RecommendationCommand[]).filter(
    (c) => RECOMMENDATION_MOVES[c][from] !== undefined,
  );
}

/** The commands this user may give a letter in its state: all its moves with `letters.record`. */
export function recommendationCommandsFor(
  from: RecommendationState,
  role: Role,
): RecommendationCommand[] {
  return can(role, 'letters.record') ? recommendationCommandsFrom(from) : [];
}

/**
 * The escalation level that still counts: the level reached in the current cycle while the letter
 * waits for its answer; 0 once it is answered, closed or withdrawn.
 */
export function activeEscalationLevel(state: RecommendationState, levelReached: number): number {
  return state === 'SENT' ? levelReached : 0;
}
