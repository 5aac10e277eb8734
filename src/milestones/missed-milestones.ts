import type { EntityManager } from 'typeorm';
import { daysLate, dueLabel, missedMilestoneSql, type DuePrecision } from './domain/milestone.js';

/** A milestone missed on a day: what the overview and the leadership digest list. */
export interface MissedMilestone {
  id: string;
  pilotNumber: number;
  pilotName: string;
  name: string;
  ownerCode: string;
  ownerName: string;
  dueOn: string;
  /** "30/12/2023", "tháng 01/2024", "năm 2024" */
  dueLabel: string;
  /** Days past the due day on `today` (1 the day after). */
  daysLate: number;
}

/** The milestones still PLANNED past their due day on `today` (YYYY-MM-DD), latest first. */
export async function readMissedMilestones(
  m: EntityManager,
  today: string,
): Promise<MissedMilestone[]> {
  const rows = (await m.query(
    `SELECT ms.id, p.number, p.name AS pilot_name, ms.name, a.code AS owner_code,
            a.name AS owner_name, to_char(ms.due_on, 'YYYY-MM-DD') AS due_on, ms.due_text,
            ms.due_precision
       FROM milestone ms JOIN pilot p ON p.id = ms.pilot_id
       JOIN agency a ON a.id = ms.owner_agency_id
      WHERE ${missedMilestoneSql('ms', '$1::date')}
      ORDER BY ms.due_on, p.number, ms.id`,
    [today],
  )) as {
    id: string;
    number: number;
    pilot_name: string;
    name: string;
    owner_code: string;
    owner_name: string;
    due_on: string;
    due_text: string;
    due_precision: DuePrecision;
  }[];
  return rows.map((r) => ({
    id: r.id,
    pilotNumber: r.number,
    pilotName: r.pilot_name,
    name: r.name,
    ownerCode: r.owner_code,
    ownerName: r.owner_name,
    dueOn: r.due_on,
    dueLabel: dueLabel({ text: r.due_text, precision: r.due_precision }),
    daysLate: daysLate(r.due_on, today),
  }));
}
