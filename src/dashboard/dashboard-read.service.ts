import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openBlockerSql } from '../blockers/domain/blocker-enums.js';
import { Clock } from '../common/clock.js';
import { currentPeriod } from '../common/domain/periods.js';
import { escalationLevelSql } from '../recommendations/domain/escalation-level.js';
import { PILOT_STATES, type PilotState } from '../pilots/domain/pilot-state.js';
import { addresseeOverdueSql, overdueSql } from '../recommendations/domain/overdue.js';
import type { DashboardView } from './dashboard.view.js';
import { missingReportSql } from '../pilots/domain/reporting.js';
import { currentLeadAgencySql } from '../pilots/domain/lead-agency-validity.js';
import { localDay } from '../common/domain/local-time.js';
import { readMissedMilestones } from '../milestones/missed-milestones.js';

/** The dashboard's counts, read live at the clock's now. */
@Injectable()
export class DashboardReadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async get(): Promise<DashboardView> {
    const now = this.clock.now();
    const period = currentPeriod(now);
    const q = <T>(sql: string, params: unknown[] = []) =>
      this.dataSource.query(sql, params) as Promise<T[]>;
    const [states, blocked, byCategory, byAuthority, byLevel, byAddressee, missing, missed] =
      await Promise.all([
        q<{ state: PilotState; n: number }>(
          `SELECT state, count(*)::int AS n FROM pilot GROUP BY state`,
        ),
        q<{ number: number; name: string; n: number }>(
          `SELECT p.number, p.name, count(b.id)::int AS n FROM pilot p JOIN blocker b ON b.pilot_id = p.id AND ${openBlockerSql('b')}
          GROUP BY p.id ORDER BY p.number`,
        ),
        q<{ key: string; n: number }>(
          `SELECT b.category AS key, count(*)::int AS n FROM blocker b WHERE ${openBlockerSql('b')} GROUP BY 1 ORDER BY 1`,
        ),
        q<{ key: string; n: number }>(
          `SELECT b.authority AS key, count(*)::int AS n FROM blocker b WHERE ${openBlockerSql('b')} GROUP BY 1 ORDER BY 1`,
        ),
        q<{ level: number; n: number }>(
          `SELECT ${escalationLevelSql('r')} AS level,
                count(*)::int AS n
           FROM recommendation r WHERE ${overdueSql('r', '$1')} GROUP BY 1 ORDER BY 1`,
          [now],
        ),
        // Per addressee: a letter counts for an addressee only while that addressee still owes an
        // answer and is past its own due time, not for every addressee of an overdue letter.
        q<{ code: string; name: string; n: number }>(
          `SELECT a.code, a.name, count(*)::int AS n FROM recommendation r
           JOIN recommendation_addressee ra ON ra.recommendation_id = r.id JOIN agency a ON a.id = ra.agency_id
          WHERE ${addresseeOverdueSql('ra', 'r', '$1')} GROUP BY a.id ORDER BY n DESC, a.code`,
          [now],
        ),
        q<{ number: number; name: string; codes: string[] }>(
          `SELECT p.number, p.name, array_agg(a.code ORDER BY l.position) AS codes
           FROM pilot p JOIN pilot_lead_agency l ON l.pilot_id = p.id AND ${currentLeadAgencySql('l')}
           JOIN agency a ON a.id = l.agency_id
          WHERE ${missingReportSql('p', '$1')}
          GROUP BY p.id ORDER BY p.number`,
          [period],
        ),
        readMissedMilestones(this.dataSource.manager, localDay(now)),
      ]);
    const pilotsByState = Object.fromEntries(PILOT_STATES.map((s) => [s, 0])) as Record<
      PilotState,
      number
    >;
    for (const row of states) pilotsByState[row.state] = row.n;
    const toRecord = (rows: { key: string; n: number }[]) =>
      Object.fromEntries(rows.map((r) => [r.key, r.n]));
    return {
      asOf: now.toISOString(),
      period,
      pilotsByState,
      blockedPilots: blocked.map((b) => ({ number: b.number, name: b.name, openBlockers: b.n })),
      openBlockers: {
        total: byAuthority.reduce((sum, r) => sum + r.n, 0),
        byCategory: toRecord(byCategory),
        byAuthority: toRecord(byAuthority),
      },
      overdueRecommendations: {
        total: byLevel.reduce((sum, r) => sum + r.n, 0),
        byLevel: byLevel.map((r) => ({ level: r.level, count: r.n })),
        byAddressee: byAddressee.map((r) => ({ code: r.code, name: r.name, count: r.n })),
      },
      pilotsWithoutReport: missing.map((m) => ({
        number: m.number,
        name: m.name,
        leadAgencyCodes: m.codes,
      })),
      missedMilestones: missed,
    };
  }
}
