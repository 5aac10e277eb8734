export const RECOMMENDATION_STATES = ['DRAFT', 'SENT', 'ANSWERED', 'CLOSED', 'WITHDRAWN'] as const;
export type RecommendationState = (typeof RECOMMENDATION_STATES)[number];
