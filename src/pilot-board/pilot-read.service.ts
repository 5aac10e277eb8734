import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor.js';
import type { AgencyRef } from '../agencies/agency.view.js';
import { openBlockerSql } from '../blockers/domain/blocker-enums.js';
import { Clock } from '../common/clock.js';
import { notFound } from '../common/domain-error.js';
import { DEFAULT_LIMIT, pageOf, type Page } from '../common/pagination.js';
import { escapeLike } from '../common/query-params.js';
import { overdueSql } from '../recommendations/domain/overdue.js';
import { missedMilestoneSql } from '../milestones/domain/milestone.js';
import { TIME_ZONE } from '../common/domain/local-time.js';
import type { PilotQuery } from './pilot.query.js';
import { leadsPilot, pilotWriteRefusal } from '../pilots/domain/pilot-access.js';
import { pilotMovesFor, recentReportPeriods } from '../pilots/domain/pilot-lifecycle.js';
import type { PilotFacts, PilotView } from './pilot.view.js';
import { currentLeadAgencySql } from '../pilots/domain/lead-agency-validity.js';

export interface PilotRow {
  id: string;
  number: number;
  name: string;
  state: PilotView['state'];
  state_changed_at: Date;
  version: number;
  progress: string | null;
  open_blockers: number;
  overdue_recommendations: number;
  missed_milestones: number;
  last_report_period: string | null;
  /** A report exists for a period the completion guard accepts (recentReportPeriods). */
  has_recent_report: boolean;
  lead_agencies: AgencyRef[] | null;
  total: number;
}

/** Pilots with their computed fields and lead agencies, in one statement whatever the page size. */
@Injectable()
export class PilotReadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The page as `actor` sees it: each pilot with what that user may do with it. */
  async list(query: PilotQuery, actor: Actor): Promise<Page<PilotView>> {
    const now = this.clock.now();
    const sql = pilotListStatements(query, now);
    const rows: PilotRow[] = await this.dataSource.query(sql.page.text, sql.page.values);
    // The window count comes with the page; only a page past the end needs its own count.
    const total =
      rows[0]?.total ??
      ((await this.dataSource.query(sql.count.text, sql.count.values)) as [{ total: number }])[0]
        .total;
    const recentPeriods = recentReportPeriods(now);
    const items = rows.map((row): PilotView => {
      const facts = toPilotView(row);
      const ledByUserAgency = leadsPilot(
        actor,
        facts.leadAgencies.map((a) => a.code),
      );
      const canWrite = pilotWriteRefusal(actor, ledByUserAgency) === null;
      return {
        ...facts,
        ledByUserAgency,
        canWrite,
        allowedMoves: pilotMovesFor(facts.state, {
          role: actor.role,
          mayWrite: canWrite,
          openBlockers: facts.openBlockers,
          recentPeriods,
          hasRecentReport: row.has_recent_report,
        }),
      };
    });
    return pageOf(items, total, query);
  }

  async byNumber(number: number, actor: Actor): Promise<PilotView> {
    const page = await this.list({ number } as PilotQuery & { number: number }, actor);
    if (page.items.length === 0) throw notFound(`mô hình số ${number}`);
    return page.items[0];
  }
}

export function toPilotView(row: PilotRow): PilotFacts {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    state: row.state,
    stateChangedAt: row.state_changed_at.toISOString(),
    version: row.version,
    leadAgencies: row.lead_agencies ?? [],
    progress: row.progress,
    lastReportPeriod: row.last_report_period,
    blocked: row.open_blockers > 0,
    openBlockers: row.open_blockers,
    overdueRecommendations: row.overdue_recommendations,
    missedMilestones: row.missed_milestones,
  };
}

/**
 * A pilot list in one statement (page, computed fields, lead agencies, total), plus the count
 * for a page past the end. The benchmark's raw baseline runs the same SQL.
 */
export function pilotListStatements(query: PilotQuery & { number?: number }, now: Date) {
  const { where, params } = pilotFilters(query);
  const limit = query.limit ?? DEFAULT_LIMIT;
  const offset = query.offset ?? 0;
  const values = [now, ...params];
  return {
    page: {
      text: `SELECT p.id, p.number, p.name, p.state, p.state_changed_at, p.version, p.progress,
              (SELECT count(*)::int FROM blocker b WHERE b.pilot_id = p.id AND ${openBlockerSql('b')}) AS open_blockers,
              (SELECT count(DISTINCT r.id)::int
                 FROM recommendation r
                 JOIN recommendation_blocker rb ON rb.recommendation_id = r.id
                 JOIN blocker b ON b.id = rb.blocker_id
                WHERE b.pilot_id = p.id AND ${overdueSql('r', '$1')}) AS overdue_recommendations,
              (SELECT count(*)::int FROM milestone ms
                WHERE ms.pilot_id = p.id
                  AND ${missedMilestoneSql('ms', `($1::timestamptz AT TIME ZONE '${TIME_ZONE}')::date`)}) AS missed_milestones,
              (SELECT max(pr.period) FROM pilot_report pr WHERE pr.pilot_id = p.id) AS last_report_period,
              EXISTS (SELECT 1 FROM pilot_report pr
                       WHERE pr.pilot_id = p.id AND pr.period = ANY($${values.length + 1})) AS has_recent_report,
              (SELECT json_agg(json_build_object('code', a.code, 'name', a.name) ORDER BY l.position)
                 FROM pilot_lead_agency l JOIN agency a ON a.id = l.agency_id
                WHERE l.pilot_id = p.id AND ${currentLeadAgencySql('l')}) AS lead_agencies,
              count(*) OVER ()::int AS total
         FROM pilot p
        WHERE ${where}
        ORDER BY p.number
        LIMIT ${limit} OFFSET ${offset}`,
      values: [...values, recentReportPeriods(now)],
    },
    count: { text: `SELECT count(*)::int AS total FROM pilot p WHERE ${where}`, values },
  };
}

function pilotFilters(query: PilotQuery & { number?: number }): {
  where: string;
  params: unknown[];
} {
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
                WHERE pla.pilot_id = p.id AND ${currentLeadAgencySql('pla')}
                  AND a.code = ${param(query.agency)})`,
    );
  }
  if (query.blocked !== undefined) {
    clauses.push(
      `EXISTS (SELECT 1 FROM blocker b WHERE b.pilot_id = p.id AND ${openBlockerSql('b')}) = ${param(query.blocked)}`,
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
