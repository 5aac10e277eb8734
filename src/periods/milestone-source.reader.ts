import type { EntityManager } from 'typeorm';
import { reportNameOf, type AgencyNaming } from '../agencies/domain/report-name.js';
import { localDay } from '../common/domain/local-time.js';
import {
  daysLate,
  dueLabel,
  milestoneStatus,
  type DuePrecision,
  type MilestoneState,
} from '../milestones/domain/milestone.js';
import type { SourceMilestone } from './monthly-source.js';

/**
 * Every milestone as of `asOf` (a period's cut-off instant), from its last revision written at or
 * before then (by id within one instant): one created later is absent, one done or moved later
 * reads as it stood. Its state is the one shown on the day of `asOf` (MISSED past its due day),
 * in pilot and due order.
 */
export async function readSourceMilestones(
  m: EntityManager,
  asOf: Date,
): Promise<SourceMilestone[]> {
  const rows = (await m.query(
    `SELECT ms.id, p.number, p.name AS pilot_name, r.name, r.due_text, r.due_precision,
            to_char(r.due_on, 'YYYY-MM-DD') AS due_on, r.state,
            to_char(r.done_on, 'YYYY-MM-DD') AS done_on, r.drop_reason,
            json_build_object('code', a.code, 'name', a.name, 'shortName', a.short_name,
                              'kind', a.kind, 'parentName', pa.name) AS owner
       FROM milestone ms JOIN pilot p ON p.id = ms.pilot_id
       JOIN LATERAL (SELECT v.* FROM milestone_revision v
                      WHERE v.milestone_id = ms.id AND v.at <= $1
                      ORDER BY v.at DESC, v.id DESC LIMIT 1) r ON TRUE
       JOIN agency a ON a.id = r.owner_agency_id
       LEFT JOIN agency pa ON pa.id = a.parent_id
      ORDER BY p.number, r.due_on, ms.created_at, ms.id`,
    [asOf],
  )) as {
    id: string;
    number: number;
    pilot_name: string;
    name: string;
    due_text: string;
    due_precision: DuePrecision;
    due_on: string;
    state: MilestoneState;
    done_on: string | null;
    drop_reason: string | null;
    owner: AgencyNaming;
  }[];
  const today = localDay(asOf);
  return rows.map((r) => {
    const state = milestoneStatus(r.state, r.due_on, today);
    return {
      id: r.id,
      pilotNumber: r.number,
      pilotName: r.pilot_name,
      name: r.name,
      due: r.due_text,
      dueLabel: dueLabel({ text: r.due_text, precision: r.due_precision }),
      dueOn: r.due_on,
      owner: { code: r.owner.code, name: r.owner.name, reportName: reportNameOf(r.owner) },
      state,
      daysLate: state === 'MISSED' ? daysLate(r.due_on, today) : 0,
      doneOn: r.done_on,
      dropReason: r.drop_reason,
    };
  });
}
