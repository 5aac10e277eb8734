import type { RecommendationState } from './recommendation-state.js';

/** What decides how urgent a letter is. */
export interface UrgencyFacts {
  id: string;
  state: RecommendationState;
  workingDaysOverdue: number;
  /** The level that still counts (activeEscalationLevel): 0 unless the letter awaits its answer. */
  activeEscalationLevel: number;
  /** ISO instant. */
  responseDueAt: string | null;
  /** `YYYY-MM-DD`. */
  letterDate: string | null;
}

/** Letters waiting for an answer first, then answered ones, drafts, and the finished ones. */
const GROUP: Record<RecommendationState, number> = {
  SENT: 0,
  ANSWERED: 1,
  DRAFT: 2,
  CLOSED: 3,
  WITHDRAWN: 3,
};

/** The due time that still matters (only a SENT letter's clock runs). */
const runningDue = (r: UrgencyFacts) =>
  r.state === 'SENT' && r.responseDueAt ? Date.parse(r.responseDueAt) : Number.POSITIVE_INFINITY;

const compare = (a: number, b: number) => (a === b ? 0 : a < b ? -1 : 1);

/**
 * Most urgent first: working days overdue, then the escalation level reached, then the nearest
 * due date; letters waiting for an answer before answered ones, drafts, then closed ones; the
 * newest letter, then the id, break the remaining ties.
 */
export function byUrgency(a: UrgencyFacts, b: UrgencyFacts): number {
  return (
    compare(GROUP[a.state], GROUP[b.state]) ||
    compare(b.workingDaysOverdue, a.workingDaysOverdue) ||
    compare(b.activeEscalationLevel, a.activeEscalationLevel) ||
    compare(runningDue(a), runningDue(b)) ||
    (b.letterDate ?? '').localeCompare(a.letterDate ?? '') ||
    a.id.localeCompare(b.id)
  );
}
