import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import type { AuditService } from '../audit/audit.service.js';
import { writeIndicatorValue } from './indicator-value-writer.js';

/**
 * A pilot report's `metrics` as the pilot's indicator values of the period (product.md §3): a
 * key that is the code of one of the pilot's active indicators sets its value (a ratio's whole
 * from its `denominatorMetric` key), written, versioned and audited as any value, in the report's
 * transaction (its writer may write the pilot, the period is open). Other keys are accepted and
 * kept in the report's `metrics` only, as before indicators existed: the API stays compatible and
 * the catalogue names a key when the secretariat adds it. Last write wins (no version check): the
 * report itself carries the version the user edited.
 */
export async function recordPilotMetrics(
  m: EntityManager,
  audit: AuditService,
  actor: Actor,
  pilotId: string,
  period: string,
  metrics: Record<string, number> | null,
  now: Date,
): Promise<void> {
  if (!metrics) return;
  const indicators = (await m.query(
    `SELECT id, code, denominator_metric FROM indicator
      WHERE pilot_id = $1 AND active AND code = ANY($2) ORDER BY display_order, code`,
    [pilotId, Object.keys(metrics)],
  )) as { id: string; code: string; denominator_metric: string | null }[];
  for (const i of indicators) {
    const whole = i.denominator_metric ? metrics[i.denominator_metric] : undefined;
    await writeIndicatorValue(
      m,
      audit,
      actor,
      { id: i.id, code: i.code },
      {
        period,
        value: metrics[i.code],
        denominator: whole !== undefined && whole > 0 ? whole : null,
      },
      now,
    );
  }
}
