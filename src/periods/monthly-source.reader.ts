import type { EntityManager } from 'typeorm';
import { openBlockerSql } from '../blockers/domain/blocker-enums.js';
import type { WorkingCalendar } from '../calendar/domain/working-days.js';
import { periodEnd, periodStart, previousPeriod } from '../common/domain/periods.js';
import { firedInCurrentCycleSql } from '../recommendations/domain/escalation-level.js';
import type { PilotState } from '../pilots/domain/pilot-state.js';
import { overdueStatus } from '../recommendations/domain/overdue.js';
import type { RecommendationState } from '../recommendations/domain/recommendation-state.js';
import type {
  MonthlySource,
  SourceAgency,
  SourceBlocker,
  SourceBlockerEvent,
} from './monthly-source.js';
import { reportNameOf, type AgencyNaming } from '../agencies/domain/report-name.js';

/** JSON of an agency with what reportNameOf needs, ready to embed in a statement. */
const agencyJson = (a: string, parent: string) =>
  `json_build_object('code', ${a}.code, 'name', ${a}.name, 'shortName', ${a}.short_name,
                     'kind', ${a}.kind, 'parentName', ${parent}.name)`;

const toAgency = (a: AgencyNaming): SourceAgency => ({
  code: a.code,
  name: a.name,
  reportName: reportNameOf(a),
});

const iso = (d: Date) => d.toISOString();

/**
 * Reads the monthly report's data of `period` as it stands at `now`: every pilot with its
 * lead agencies, the period's report and its open blockers; every open (SENT or ANSWERED)
 * recommendation with its overdue working days and escalation level; and the state moves,
 * blockers raised and resolved and answers recorded within the period up to `now`.
 *
 * Runs on the given manager, so a lock takes its snapshot inside its own transaction.
 */
export async function readMonthlySource(
  m: EntityManager,
  period: string,
  now: Date,
  calendar: WorkingCalendar,
): Promise<MonthlySource> {
  // Within the period: $1 <= column < $2 (whatever has happened of it by now).
  const within = (column: string) => `${column} >= $1 AND ${column} < $2`;
  const windowParams = [periodStart(period), periodEnd(period)];

  const pilots: {
    number: number;
    name: string;
    state: PilotState;
    lead_agencies_label: string | null;
    report: string | null;
    lead_agencies: AgencyNaming[];
    open_blockers: SourceBlocker[];
  }[] = await m.query(
    `SELECT p.number, p.name, p.state, p.lead_agencies_label,
            (SELECT pr.progress FROM pilot_report pr WHERE pr.pilot_id = p.id AND pr.period = $1) AS report,
            coalesce((SELECT json_agg(${agencyJson('a', 'pa')} ORDER BY l.position)
                        FROM pilot_lead_agency l JOIN agency a ON a.id = l.agency_id
                        LEFT JOIN agency pa ON pa.id = a.parent_id
                       WHERE l.pilot_id = p.id), '[]'::json) AS lead_agencies,
            coalesce((SELECT json_agg(json_build_object('id', b.id, 'title', b.title, 'category', b.category,
                                                        'authority', b.authority, 'state', b.state)
                                      ORDER BY b.created_at, b.id)
                        FROM blocker b WHERE b.pilot_id = p.id AND ${openBlockerSql('b')}), '[]'::json)
              AS open_blockers
       FROM pilot p
      ORDER BY p.number`,
    [period],
  );

  const recommendations: {
    id: string;
    state: RecommendationState;
    document_number: string | null;
    letter_date: string | null;
    summary: string;
    sent_at: Date | null;
    response_due_at: Date | null;
    addressees: AgencyNaming[];
    pilot_numbers: number[];
    level: number | null;
    level_name: string | null;
  }[] = await m.query(
    `SELECT r.id, r.state, r.document_number, to_char(r.letter_date, 'YYYY-MM-DD') AS letter_date,
            r.summary, r.sent_at, r.response_due_at,
            coalesce((SELECT json_agg(${agencyJson('a', 'pa')} ORDER BY ra.position)
                        FROM recommendation_addressee ra JOIN agency a ON a.id = ra.agency_id
                        LEFT JOIN agency pa ON pa.id = a.parent_id
                       WHERE ra.recommendation_id = r.id), '[]'::json) AS addressees,
            coalesce((SELECT array_agg(DISTINCT p.number ORDER BY p.number)
                        FROM recommendation_blocker rb JOIN blocker b ON b.id = rb.blocker_id
                        JOIN pilot p ON p.id = b.pilot_id
                       WHERE rb.recommendation_id = r.id), '{}') AS pilot_numbers,
            e.level, e.level_name
       FROM recommendation r
       LEFT JOIN LATERAL (
             SELECT ev.level, ev.level_name FROM escalation_event ev
              WHERE ${firedInCurrentCycleSql('ev', 'r')}
              ORDER BY ev.level DESC, ev.repeat DESC LIMIT 1) e ON TRUE
      WHERE r.state IN ('SENT', 'ANSWERED')
      ORDER BY r.letter_date ASC NULLS LAST, r.document_number, r.created_at, r.id`,
  );

  const moves: {
    number: number;
    name: string;
    from_state: PilotState;
    to_state: PilotState;
    reason: string | null;
    at: Date;
  }[] = await m.query(
    `SELECT p.number, p.name, c.from_state, c.to_state, c.reason, c.at
       FROM pilot_state_change c JOIN pilot p ON p.id = c.pilot_id
      WHERE c.from_state IS NOT NULL AND ${within('c.at')}
      ORDER BY c.at, p.number, c.id`,
    windowParams,
  );

  type BlockerRow = {
    id: string;
    number: number | null;
    topic: string | null;
    title: string;
    category: string;
    authority: string;
    resolution: string | null;
    at: Date;
  };
  const blockerEvents = (column: 'created_at' | 'resolved_at', extra: string) =>
    m.query(
      `SELECT b.id, p.number, b.topic, b.title, b.category, b.authority, b.resolution, b.${column} AS at
         FROM blocker b LEFT JOIN pilot p ON p.id = b.pilot_id
        WHERE ${within(`b.${column}`)} ${extra}
        ORDER BY b.${column}, p.number NULLS LAST, b.id`,
      windowParams,
    ) as Promise<BlockerRow[]>;
  const created = await blockerEvents('created_at', '');
  const resolved = await blockerEvents('resolved_at', `AND b.state = 'RESOLVED'`);

  const responses: {
    id: string;
    recommendation_id: string;
    recommendation_document_number: string | null;
    recommendation_letter_date: string | null;
    addressees: AgencyNaming[];
    document_number: string;
    date: string;
    summary: string;
    recorded_at: Date;
  }[] = await m.query(
    `SELECT x.id, r.id AS recommendation_id, r.document_number AS recommendation_document_number,
            to_char(r.letter_date, 'YYYY-MM-DD') AS recommendation_letter_date,
            coalesce((SELECT json_agg(${agencyJson('a', 'pa')} ORDER BY ra.position)
                        FROM recommendation_addressee ra JOIN agency a ON a.id = ra.agency_id
                        LEFT JOIN agency pa ON pa.id = a.parent_id
                       WHERE ra.recommendation_id = r.id), '[]'::json) AS addressees,
            x.document_number, to_char(x.date, 'YYYY-MM-DD') AS date, x.summary, x.recorded_at
       FROM recommendation_response x JOIN recommendation r ON r.id = x.recommendation_id
      WHERE ${within('x.recorded_at')}
      ORDER BY x.recorded_at, x.id`,
    windowParams,
  );

  const blockerEvent = (b: BlockerRow): SourceBlockerEvent => ({
    id: b.id,
    pilotNumber: b.number,
    topic: b.topic,
    title: b.title,
    category: b.category,
    authority: b.authority,
    at: iso(b.at),
    resolution: b.resolution,
  });

  return {
    schema: 1,
    period,
    previousPeriod: previousPeriod(period),
    asOf: iso(now),
    pilots: pilots.map((p) => ({
      number: p.number,
      name: p.name,
      state: p.state,
      leadAgencies: p.lead_agencies.map(toAgency),
      leadAgenciesLabel: p.lead_agencies_label,
      report: p.report,
      openBlockers: p.open_blockers,
    })),
    recommendations: recommendations.map((r) => {
      const status = overdueStatus(
        { state: r.state, responseDueAt: r.response_due_at },
        now,
        calendar,
      );
      return {
        id: r.id,
        state: r.state,
        documentNumber: r.document_number,
        letterDate: r.letter_date,
        addressees: r.addressees.map(toAgency),
        summary: r.summary,
        sentAt: r.sent_at ? iso(r.sent_at) : null,
        responseDueAt: r.response_due_at ? iso(r.response_due_at) : null,
        overdue: status.overdue,
        workingDaysOverdue: status.workingDaysOverdue,
        escalationLevel: r.level ?? 0,
        escalationLevelName: r.level_name,
        pilotNumbers: r.pilot_numbers.map(Number),
      };
    }),
    changes: {
      stateMoves: moves.map((c) => ({
        pilotNumber: c.number,
        pilotName: c.name,
        from: c.from_state,
        to: c.to_state,
        reason: c.reason,
        at: iso(c.at),
      })),
      blockersCreated: created.map(blockerEvent),
      blockersResolved: resolved.map(blockerEvent),
      responsesReceived: responses.map((x) => ({
        id: x.id,
        recommendationId: x.recommendation_id,
        recommendationDocumentNumber: x.recommendation_document_number,
        recommendationLetterDate: x.recommendation_letter_date,
        addressees: x.addressees.map(toAgency),
        documentNumber: x.document_number,
        date: x.date,
        summary: x.summary,
        recordedAt: iso(x.recorded_at),
      })),
    },
  };
}
