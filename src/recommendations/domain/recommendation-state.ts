export const RECOMMENDATION_STATES = ['DRAFT', 'SENT', 'ANSWERED', 'CLOSED', 'WITHDRAWN'] as const;
export type RecommendationState = (typeof RECOMMENDATION_STATES)[number];

/** Letters still being followed: not yet closed or withdrawn (the letters list's default view). */
export const FOLLOWED_STATES: readonly RecommendationState[] = ['DRAFT', 'SENT', 'ANSWERED'];
