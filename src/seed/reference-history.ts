import type { EntityManager } from 'typeorm';
import { BlockerStateChange } from '../blockers/blocker-state-change.entity.js';
import type { WorkingCalendar } from '../calendar/domain/working-days.js';
import { periodCutoff } from '../common/domain/periods.js';
import { takeSnapshot } from '../periods/period-snapshots.js';
import { PilotReportRevision } from '../progress-reports/pilot-report-revision.entity.js';
import { RecommendationStateChange } from '../recommendations/recommendation-state-change.entity.js';
import type { Recommendation } from '../recommendations/recommendation.entity.js';
import type { BlockerSeed } from './reference-data.types.js';

/*
 * The history the reference data carries, dated as the report and its letters, never as the
 * load: what the workflow services write when the same things happen through them.
 */

/** A loaded report's first revision, as of the report. */
export async function seedReportRevision(
  m: EntityManager,
  reportId: string,
  report: { progress: string; metrics: Record<string, number> | null },
  at: Date,
): Promise<void> {
  await m.insert(PilotReportRevision, { reportId, ...report, at, authorId: null });
}

/**
 * A loaded blocker's moves: raised (OPEN) when it was first raised, then ESCALATED when the first
 * of the loaded letters carrying it was sent (as a sent letter escalates it), if it is.
 */
export async function seedBlockerHistory(
  m: EntityManager,
  blockerId: string,
  seed: Pick<BlockerSeed, 'state'>,
  raisedAt: Date,
  carriedBySentAt: readonly Date[],
): Promise<void> {
  const moves: Partial<BlockerStateChange>[] = [
    { blockerId, fromState: null, toState: 'OPEN', at: raisedAt },
  ];
  if (seed.state !== 'OPEN') {
    const firstSent = Math.min(...carriedBySentAt.map((d) => d.getTime()));
    const at =
      seed.state === 'ESCALATED' && Number.isFinite(firstSent)
        ? new Date(Math.max(raisedAt.getTime(), firstSent))
        : raisedAt;
    moves.push({ blockerId, fromState: 'OPEN', toState: seed.state, at });
  }
  for (const move of moves) await m.insert(BlockerStateChange, move);
}

/** A loaded letter's first state, as of when it was sent (created, for a draft). */
export async function seedLetterHistory(m: EntityManager, r: Recommendation): Promise<void> {
  await m.insert(RecommendationStateChange, {
    recommendationId: r.id,
    fromState: null,
    toState: r.state,
    at: r.sentAt ?? r.createdAt,
    responseDueAt: r.responseDueAt,
    cycle: r.cycle,
  });
}

/**
 * Locks the reference report's period with a snapshot read as of the end of the report's day
 * (days overdue counted to it; letters sent after it absent), taken and locked at that instant,
 * by no one: the period the reference data describes reads exactly as the report did. Only when
 * the period was never locked or unlocked before (no row for it), so a database whose secretariat
 * has since reopened it keeps their decision. Returns whether it locked.
 */
export async function lockReferencePeriod(
  m: EntityManager,
  period: string,
  reportDay: string,
  calendar: WorkingCalendar,
): Promise<boolean> {
  // The cut-off rule with the report's day as the cut-off day.
  const asOf = periodCutoff(period, Number(reportDay.slice(8, 10)));
  const [inserted] = (await m.query(
    `INSERT INTO report_period (period, locked_at) VALUES ($1, $2)
     ON CONFLICT DO NOTHING RETURNING period`,
    [period, asOf],
  )) as { period: string }[];
  if (!inserted) return false;
  await takeSnapshot(m, period, { takenAt: asOf, asOf }, calendar, null);
  return true;
}
