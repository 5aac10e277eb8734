import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarService } from '../../calendar/calendar.service.js';
import { currentPeriod, periodEnd } from '../../common/domain/periods.js';
import { addresseeEscalationLevelSql } from '../../recommendations/domain/escalation-level.js';
import {
  addresseeDueSql,
  type AddresseeStatus,
} from '../../recommendations/domain/addressee-status.js';
import {
  addresseeFactsJsonSql,
  addresseeFactsOf,
  type AddresseeFactsJson,
} from '../../recommendations/domain/addressee-line.js';
import { Clock } from '../../common/clock.js';
import { fieldError } from '../../common/domain-error.js';
import type { PilotState } from '../../pilots/domain/pilot-state.js';
import type { RecommendationState } from '../../recommendations/domain/recommendation-state.js';
import {
  addresseeRows,
  countStates,
  leadAgencyRows,
  statesAt,
  type StateChangeRow,
} from './overview-model.js';
import type { OverviewView, TrendPoint } from './overview.view.js';
import { currentLeadAgencySql } from '../../pilots/domain/lead-agency-validity.js';

interface PilotSql {
  id: string;
  number: number;
  state: PilotState;
  state_changed_at: Date;
  code: string;
  agency_name: string;
  short_name: string;
}

interface LetterSql {
  code: string;
  name: string;
  short_name: string;
  kind: string;
  id: string;
  state: RecommendationState;
  document_number: string | null;
  letter_date: string | null;
  sent_at: Date;
  addressee_status: AddresseeStatus;
  due_at: Date | null;
  first_answer: string | null;
  escalation_level: number;
  addressees: AddresseeFactsJson[];
}

/**
 * Reads what the leadership overview needs in five statements and hands it to the pure
 * functions of overview-model.ts. The pilots' states of a past period are rebuilt from
 * pilot_state_change; those of the current period are the live ones.
 */
@Injectable()
export class OverviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
  ) {}

  async overview(requested?: string): Promise<OverviewView> {
    const now = this.clock.now();
    const current = currentPeriod(now);
    const period = requested ?? current;
    if (period > current) {
      throw fieldError(
        'period',
        `period không được sau ${current}`,
        `Kỳ ${period} chưa đến (kỳ hiện tại ${current}).`,
      );
    }
    const q = <T>(sql: string, params: unknown[] = []) =>
      this.dataSource.query(sql, params) as Promise<T[]>;
    const [pilots, changes, reported, periods, letters, calendar] = await Promise.all([
      q<PilotSql>(
        `SELECT p.id, p.number, p.state, p.state_changed_at, a.code, a.name AS agency_name, a.short_name
           FROM pilot p
           JOIN LATERAL (SELECT l.agency_id FROM pilot_lead_agency l
                          WHERE l.pilot_id = p.id AND ${currentLeadAgencySql('l')}
                          ORDER BY l.position LIMIT 1) lead ON TRUE
           JOIN agency a ON a.id = lead.agency_id
          ORDER BY p.number`,
      ),
      q<{ pilot_id: string; to_state: PilotState; at: Date }>(
        `SELECT pilot_id, to_state, at FROM pilot_state_change WHERE at < $1 ORDER BY at, id`,
        [periodEnd(period)],
      ),
      q<{ pilot_id: string }>(`SELECT pilot_id FROM pilot_report WHERE period = $1`, [period]),
      q<{ period: string; locked: boolean; reports: number }>(
        `SELECT p.period, coalesce(rp.locked_at IS NOT NULL, FALSE) AS locked,
                (SELECT count(*) FROM pilot_report r WHERE r.period = p.period)::int AS reports
           FROM (SELECT period FROM pilot_report UNION SELECT period FROM report_period) p
           LEFT JOIN report_period rp ON rp.period = p.period
          WHERE p.period <= $1
          ORDER BY p.period`,
        [period],
      ),
      q<LetterSql>(
        // One row per addressee of a sent letter, on its own clock: its status, due time, first
        // answer and ladder; and where every addressee of the letter stands, for its line.
        `SELECT a.code, a.name, a.short_name, a.kind, r.id, r.state, r.document_number,
                to_char(r.letter_date, 'YYYY-MM-DD') AS letter_date, r.sent_at,
                ra.status AS addressee_status, ${addresseeDueSql('ra', 'r')} AS due_at,
                (SELECT to_char(min(x.date), 'YYYY-MM-DD') FROM recommendation_response x
                  WHERE x.recommendation_id = r.id AND x.addressee_agency_id = ra.agency_id) AS first_answer,
                ${addresseeEscalationLevelSql('ra', 'r')} AS escalation_level,
                ${addresseeFactsJsonSql('r')} AS addressees
           FROM recommendation_addressee ra
           JOIN recommendation r ON r.id = ra.recommendation_id
           JOIN agency a ON a.id = ra.agency_id
          WHERE r.state <> 'DRAFT' AND r.sent_at IS NOT NULL
          ORDER BY a.code, due_at, r.document_number, r.id`,
      ),
      this.calendars.current(),
    ]);

    // A pilot never recorded in pilot_state_change counts from its last state change, as it is now.
    const tracked = new Set(changes.map((c) => c.pilot_id));
    const history: StateChangeRow[] = changes.map((c) => ({
      pilotId: c.pilot_id,
      toState: c.to_state,
      at: c.at,
    }));
    for (const p of pilots) {
      if (!tracked.has(p.id) && p.state_changed_at < periodEnd(period))
        history.push({ pilotId: p.id, toState: p.state, at: p.state_changed_at });
    }
    history.sort((a, b) => a.at.getTime() - b.at.getTime());
    const live = new Map(pilots.map((p) => [p.id, p.state]));
    const stateAt = (of: string) => (of === current ? live : statesAt(history, periodEnd(of)));

    const states = stateAt(period);
    const leadAgencies = leadAgencyRows(
      pilots.map((p) => ({
        id: p.id,
        number: p.number,
        agencyCode: p.code,
        agencyName: p.agency_name,
        agencyShortName: p.short_name,
      })),
      states,
      new Set(reported.map((r) => r.pilot_id)),
    );
    const trend: TrendPoint[] = periods
      .filter((p) => p.reports > 0 || p.locked)
      .map((p) => {
        const at = stateAt(p.period);
        return {
          period: p.period,
          locked: p.locked,
          reports: p.reports,
          total: at.size,
          byState: countStates(at.values()),
        };
      });
    const addressees = addresseeRows(
      letters.map((l) => ({
        agencyCode: l.code,
        agencyName: l.name,
        agencyShortName: l.short_name,
        agencyKind: l.kind,
        id: l.id,
        state: l.state,
        documentNumber: l.document_number,
        letterDate: l.letter_date,
        sentAt: l.sent_at,
        addresseeStatus: l.addressee_status,
        dueAt: l.due_at,
        firstAnswer: l.first_answer,
        escalationLevel: l.escalation_level,
        addressees: l.addressees.map(addresseeFactsOf),
      })),
      now,
      calendar,
    );
    return {
      period,
      asOf: now.toISOString(),
      statesAt: (period === current ? now : periodEnd(period)).toISOString(),
      pilots: {
        total: states.size,
        byState: countStates(states.values()),
        reportsMissing: leadAgencies.reduce((s, r) => s + r.reportsMissing, 0),
      },
      leadAgencies,
      addressees,
      trend,
    };
  }
}
