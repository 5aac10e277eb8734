import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { ownersAnsweredBy } from '../agencies/succession/owner-holders.js';
import { Clock } from '../common/clock.js';
import { localDay } from '../common/domain/local-time.js';
import { notFound } from '../common/domain-error.js';
import { pageOf, type Page } from '../common/pagination.js';
import { currentLeadAgencySql } from '../pilots/domain/lead-agency-validity.js';
import { pilotWriteRefusal } from '../pilots/domain/pilot-access.js';
import {
  daysLate,
  dueLabel,
  milestoneCommandsFrom,
  milestoneStatus,
  missedMilestoneSql,
  type DuePrecision,
  type MilestoneState,
} from './domain/milestone.js';
import type { MilestoneQuery } from './milestone.dto.js';
import type { MilestoneAction, MilestoneView } from './milestone.view.js';

interface MilestoneRow {
  id: string;
  pilot_id: string;
  pilot_number: number;
  pilot_name: string;
  name: string;
  note: string | null;
  due_text: string;
  due_precision: DuePrecision;
  due_on: string;
  owner_agency_id: string;
  owner_code: string;
  owner_name: string;
  state: MilestoneState;
  done_on: string | null;
  drop_reason: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  total: number;
}

/** Milestones as one user sees them, each with its state on today and what the user may do. */
@Injectable()
export class MilestoneReadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(query: MilestoneQuery, actor: Actor): Promise<Page<MilestoneView>> {
    const today = localDay(this.clock.now());
    const clauses = ['TRUE'];
    const params: unknown[] = [today];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.pilot !== undefined) clauses.push(`p.number = ${param(query.pilot)}`);
    if (query.owner !== undefined) clauses.push(`a.code = ${param(query.owner)}`);
    if (query.state === 'MISSED') clauses.push(missedMilestoneSql('ms', '$1::date'));
    else if (query.state === 'PLANNED')
      clauses.push(`ms.state = 'PLANNED' AND NOT ${missedMilestoneSql('ms', '$1::date')}`);
    else if (query.state) clauses.push(`ms.state = ${param(query.state)}`);
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const rows = await this.rows(clauses.join(' AND '), params, `LIMIT ${limit} OFFSET ${offset}`);
    const total =
      rows[0]?.total ??
      (
        (await this.dataSource.query(
          `SELECT count(*)::int AS total FROM milestone ms JOIN pilot p ON p.id = ms.pilot_id
             JOIN agency a ON a.id = ms.owner_agency_id WHERE ${clauses.join(' AND ')}
              AND $1::date IS NOT NULL`,
          params,
        )) as [{ total: number }]
      )[0].total;
    const concerned = await this.concerned(actor, rows, today);
    return pageOf(
      rows.map((r) => toMilestoneView(r, today, actor, concerned)),
      total,
      query,
    );
  }

  async byId(id: string, actor: Actor): Promise<MilestoneView> {
    const today = localDay(this.clock.now());
    const [row] = await this.rows('ms.id = $2', [today, id], '');
    if (!row) throw notFound('mốc');
    return toMilestoneView(row, today, actor, await this.concerned(actor, [row], today));
  }

  private rows(where: string, params: unknown[], page: string): Promise<MilestoneRow[]> {
    return this.dataSource.query(
      `SELECT ms.id, ms.pilot_id, p.number AS pilot_number, p.name AS pilot_name, ms.name, ms.note,
              ms.due_text, ms.due_precision, to_char(ms.due_on, 'YYYY-MM-DD') AS due_on,
              ms.owner_agency_id, a.code AS owner_code, a.name AS owner_name, ms.state,
              to_char(ms.done_on, 'YYYY-MM-DD') AS done_on, ms.drop_reason, ms.version,
              ms.created_at, ms.updated_at, count(*) OVER ()::int AS total
         FROM milestone ms JOIN pilot p ON p.id = ms.pilot_id
         JOIN agency a ON a.id = ms.owner_agency_id
        WHERE ${where} AND $1::date IS NOT NULL
        ORDER BY p.number, ms.due_on, ms.created_at, ms.id ${page}`,
      params,
    );
  }

  /**
   * What ties the user's agency to the milestones: the pilots it leads, and the owners whose
   * work it answers for today (itself, or agencies merged into it: ownersAnsweredBy); nothing for
   * a user of no agency.
   */
  private async concerned(
    actor: Actor,
    milestones: MilestoneRow[],
    today: string,
  ): Promise<Concern> {
    if (!actor.agencyId) return { ledPilots: new Set(), answeredOwners: new Set() };
    const rows: { pilot_id: string }[] = await this.dataSource.query(
      `SELECT l.pilot_id FROM pilot_lead_agency l WHERE l.agency_id = $1 AND ${currentLeadAgencySql('l')}`,
      [actor.agencyId],
    );
    return {
      ledPilots: new Set(rows.map((r) => r.pilot_id)),
      answeredOwners: await ownersAnsweredBy(
        this.dataSource.manager,
        actor.agencyId,
        milestones.map((r) => r.owner_agency_id),
        today,
      ),
    };
  }
}

interface Concern {
  ledPilots: Set<string>;
  /** Owners whose work the user's agency answers for today: itself, agencies merged into it. */
  answeredOwners: Set<string>;
}

function toMilestoneView(
  r: MilestoneRow,
  today: string,
  actor: Actor,
  { ledPilots, answeredOwners }: Concern,
): MilestoneView {
  const concerned = answeredOwners.has(r.owner_agency_id) || ledPilots.has(r.pilot_id);
  const mayWrite = pilotWriteRefusal(actor, concerned) === null;
  const state = milestoneStatus(r.state, r.due_on, today);
  const actions: MilestoneAction[] = mayWrite ? [...milestoneCommandsFrom(r.state), 'edit'] : [];
  return {
    id: r.id,
    pilotNumber: r.pilot_number,
    pilotName: r.pilot_name,
    name: r.name,
    note: r.note,
    due: r.due_text,
    duePrecision: r.due_precision,
    dueOn: r.due_on,
    dueLabel: dueLabel({ text: r.due_text, precision: r.due_precision }),
    owner: { code: r.owner_code, name: r.owner_name },
    state,
    daysLate: state === 'MISSED' ? daysLate(r.due_on, today) : 0,
    doneOn: r.done_on,
    dropReason: r.drop_reason,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    allowedCommands: actions,
  };
}
