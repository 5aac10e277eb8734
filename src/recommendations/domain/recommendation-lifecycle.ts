import type { RecommendationState } from './recommendation-state.js';

export type RecommendationCommand = 'send' | 'respond' | 'close' | 'withdraw' | 'reopen';

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
