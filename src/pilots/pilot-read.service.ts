import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { notFound } from '../common/domain-error.js';
import { DEFAULT_LIMIT, pageOf, type Page } from '../common/pagination.js';
import { escapeLike } from '../common/query-params.js';
import type { PilotQuery } from './pilot.query.js';
import type { AgencyRef, PilotView } from './pilot.view.js';

interface PilotRow {
  id: string;
  number: number;
  name: string;
  state: PilotView['state'];
  state_changed_at: Date;
  version: number;
  progress: string | null;
  open_blockers: number;
  overdue_recommendations: number;
  last_report_period: string | null;
}

const OPEN_BLOCKER = `b.state IN ('OPEN', 'ESCALATED')`;

/**
 * Pilots with their computed fields, in a fixed number of statements whatever the page size:
 * the page (with correlated counts), its total, and the lead agencies of the page.
 */
@Injectable()
export class PilotReadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(query: PilotQuery): Promise<Page<PilotView>> {
    const { where, params } = this.filters(query);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = query.offset ?? 0;
    const now = this.clock.now();
    const rows: PilotRow[] = await this.dataSource.query(
      `SELECT p.id, p.number, p.name, p.state, p.state_changed_at, p.version, p.progress,
              (SELECT count(*)::int FROM blocker b WHERE b.pilot_id = p.id AND ${OPEN_BLOCKER}) AS open_blockers,
              (SELECT count(DISTINCT r.id)::int
                 FROM recommendation r
                 JOIN recommendation_blocker rb ON rb.recommendation_id = r.id
                 JOIN blocker b ON b.id = rb.blocker_id
                WHERE b.pilot_id = p.id AND r.state = 'SENT' AND r.response_due_at < $1) AS overdue_recommendations,
              (SELECT max(pr.period) FROM pilot_report pr WHERE pr.pilot_id = p.id) AS last_report_period
         FROM pilot p
        WHERE ${where}
        ORDER BY p.number
        LIMIT ${limit} OFFSET ${offset}`,
      [now, ...params],
    );
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM pilot p WHERE ${where}`,
      [now, ...params],
    )) as [{ total: number }];
    const leads = await this.leadAgencies(rows.map((r) => r.id));
    return pageOf(
      rows.map((r) => toView(r, leads.get(r.id) ?? [])),
      total,
      query,
    );
  }

  async byNumber(number: number): Promise<PilotView> {
    const page = await this.list({ number } as PilotQuery & { number: number });
    if (page.items.length === 0) throw notFound(`mô hình số ${number}`);
    return page.items[0];
  }

  private filters(query: PilotQuery & { number?: number }): { where: string; params: unknown[] } {
    // $1 is always "now"; filters add their parameters after it.
    const clauses: string[] = ['TRUE'];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length + 1}`;
    };
    if (query.number !== undefined) clauses.push(`p.number = ${param(query.number)}`);
    if (query.state) clauses.push(`p.state = ${param(query.state)}`);
    if (query.agency) {
      clauses.push(
        `EXISTS (SELECT 1 FROM pilot_lead_agency pla JOIN agency a ON a.id = pla.agency_id
                  WHERE pla.pilot_id = p.id AND a.code = ${param(query.agency)})`,
      );
    }
    if (query.blocked !== undefined) {
      clauses.push(
        `EXISTS (SELECT 1 FROM blocker b WHERE b.pilot_id = p.id AND ${OPEN_BLOCKER}) = ${param(query.blocked)}`,
      );
    }
    if (query.q) {
      clauses.push(
        `f_unaccent(p.name || ' ' || coalesce(p.progress, '')) LIKE '%' || f_unaccent(${param(escapeLike(query.q))}) || '%'`,
      );
    }
    // Keep "now" referenced so the parameter types line up even without filters.
    clauses.push('$1::timestamptz IS NOT NULL');
    return { where: clauses.join(' AND '), params };
  }

  private async leadAgencies(pilotIds: string[]): Promise<Map<string, AgencyRef[]>> {
    const byPilot = new Map<string, AgencyRef[]>();
    if (pilotIds.length === 0) return byPilot;
    const rows: { pilot_id: string; code: string; name: string }[] = await this.dataSource.query(
      `SELECT pla.pilot_id, a.code, a.name
         FROM pilot_lead_agency pla JOIN agency a ON a.id = pla.agency_id
        WHERE pla.pilot_id = ANY($1)
        ORDER BY pla.pilot_id, pla.position`,
      [pilotIds],
    );
    for (const row of rows) {
      const list = byPilot.get(row.pilot_id) ?? [];
      list.push({ code: row.code, name: row.name });
      byPilot.set(row.pilot_id, list);
    }
    return byPilot;
  }
}

function toView(row: PilotRow, leadAgencies: AgencyRef[]): PilotView {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    state: row.state,
    stateChangedAt: row.state_changed_at.toISOString(),
    version: row.version,
    leadAgencies,
    progress: row.progress,
    lastReportPeriod: row.last_report_period,
    blocked: row.open_blockers > 0,
    openBlockers: row.open_blockers,
    overdueRecommendations: row.overdue_recommendations,
  };
}
