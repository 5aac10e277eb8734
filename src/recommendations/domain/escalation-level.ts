/**
 * A letter's escalation level, a rule about the letter: what its views, the follow-up letter,
 * the digest and the reports read. src/escalation records the steps it is computed from
 * (escalation_event) and imports this, never the reverse.
 */

import { owesAnswerSql } from './addressee-status.js';

/** What became of a step of the ladder: mailed (FIRED), or passed over by a catch-up (SKIPPED). */
export const ESCALATION_OUTCOMES = ['FIRED', 'SKIPPED'] as const;
export type EscalationOutcome = (typeof ESCALATION_OUTCOMES)[number];

const FIRED: EscalationOutcome = 'FIRED';

interface RecordedStep {
  cycle: number;
  level: number;
  outcome: EscalationOutcome;
}

/** The steps mailed in a response cycle (a new cycle starts when an answer is judged insufficient). */
export function firedInCycle<T extends RecordedStep>(events: readonly T[], cycle: number): T[] {
  return events.filter((e) => e.cycle === cycle && e.outcome === FIRED);
}

/** A letter's escalation level: the highest level FIRED in its current cycle; 0 before any. */
export function escalationLevel(events: readonly RecordedStep[], cycle: number): number {
  return firedInCycle(events, cycle).reduce((max, e) => Math.max(max, e.level), 0);
}

/** SQL: the escalation_event row aliased `event` was FIRED in the current cycle of the letter `letter`. */
export function firedInCurrentCycleSql(event: string, letter: string): string {
  return `${event}.recommendation_id = ${letter}.id AND ${event}.cycle = ${letter}.cycle AND ${event}.outcome = '${FIRED}'`;
}

/**
 * SQL: the escalation level (an int, 0 before any) of the recommendation row aliased `letter`:
 * the highest level its addressees' ladders reached in the current cycle — while the letter
 * awaits answers, only the ladders of the addressees that still owe one count.
 */
export function escalationLevelSql(letter: string): string {
  return `coalesce((SELECT max(fired.level) FROM escalation_event fired
                     WHERE ${firedInCurrentCycleSql('fired', letter)}
                       AND (${letter}.state <> 'SENT' OR EXISTS (
                             SELECT 1 FROM recommendation_addressee owing
                              WHERE owing.recommendation_id = fired.recommendation_id
                                AND owing.agency_id = fired.agency_id AND ${owesAnswerSql('owing')}))), 0)::int`;
}

/** SQL: the escalation level of one addressee `ra` of the letter `letter` in its current cycle. */
export function addresseeEscalationLevelSql(ra: string, letter: string): string {
  return `coalesce((SELECT max(fired.level) FROM escalation_event fired
                     WHERE ${firedInCurrentCycleSql('fired', letter)} AND fired.agency_id = ${ra}.agency_id), 0)::int`;
}
