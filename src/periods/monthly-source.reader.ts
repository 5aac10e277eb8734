import type { EntityManager } from 'typeorm';
import { isOpenBlocker, type BlockerState } from '../blockers/domain/blocker-enums.js';
import type { WorkingCalendar } from '../calendar/domain/working-days.js';
import { localDay } from '../common/domain/local-time.js';
import { periodStart, previousPeriod } from '../common/domain/periods.js';
import { leadAgencyOnSql } from '../pilots/domain/lead-agency-validity.js';
import { firedInCurrentCycleSql } from '../recommendations/domain/escalation-level.js';
import type { PilotState } from '../pilots/domain/pilot-state.js';
import type { RecommendationState } from '../recommendations/domain/recommendation-state.js';
import type { AddresseeStatus } from '../recommendations/domain/addressee-status.js';
import { addresseeStanding, letterLateness } from '../recommendations/domain/addressee-line.js';
import type {
  MonthlySource,
  SourceAddresseeStatus,
  SourceAgency,
  SourceBlocker,
  SourceBlockerEvent,
} from './monthly-source.js';
import { reportNameOf, type AgencyNaming } from '../agencies/domain/report-name.js';
import { readSourceMilestones } from './milestone-source.reader.js';
import { readSourceIndicators } from './indicator-source.reader.js';

/** JSON of an agency with what reportNameOf needs, ready to embed in a statement. */
const agencyJson = (a: string, parent: string) =>
  `json_build_object('code', ${a}.code, 'name', ${a}.name, 'shortName', ${a}.short_name,
                     'kind', ${a}.kind, 'parentName', ${parent}.name)`;

/** The addressees of the letter aliased `r`, in order, as JSON. */
const addresseesJson = (r: string) =>
  `coalesce((SELECT json_agg(${agencyJson('a', 'pa')} ORDER BY ra.position)
               FROM recommendation_addressee ra JOIN agency a ON a.id = ra.agency_id
               LEFT JOIN agency pa ON pa.id = a.parent_id
              WHERE ra.recommendation_id = ${r}.id), '[]'::json)`;

const toAgency = (a: AgencyNaming): SourceAgency => ({
  code: a.code,
  name: a.name,
  reportName: reportNameOf(a),
});

const iso = (d: Date) => d.toISOString();

/*
 * Every statement below reads as of `$1`, the cut-off instant: the last row of a history at or
 * before it (rows of one instant in the order they were written). A row no history mentions at
 * all (written around the services, which always write one) counts as it stands, from its own
 * dates.
 */

/** A pilot's state as of $1: absent (NULL) before it was tracked. */
const pilotStateAsOf = `
  CASE
    WHEN NOT EXISTS (SELECT 1 FROM pilot_state_change c WHERE c.pilot_id = p.id)
      THEN CASE WHEN p.state_changed_at <= $1 THEN p.state END
    -- Nothing changed after $1: the state it has now (moves of one instant need no order).
    WHEN NOT EXISTS (SELECT 1 FROM pilot_state_change c WHERE c.pilot_id = p.id AND c.at > $1)
      THEN p.state
    ELSE (SELECT c.to_state FROM pilot_state_change c WHERE c.pilot_id = p.id AND c.at <= $1
           ORDER BY c.at DESC, c.id DESC LIMIT 1)
  END`;

/**
 * Reads the monthly report's data of `period` as of `asOf`, its cut-off instant (or "now" while
 * the period has not reached it; see periodAsOf): every pilot tracked by then with its state,
 * lead agencies on that day, the period's report as it read then and its open blockers; every
 * letter sent by then and still open (SENT or ANSWERED) then, with its due time, working days
 * overdue counted to `asOf` and the escalation level reached by then in its cycle of then; and
 * the state moves, blockers raised and resolved and answers recorded from the period's start to
 * `asOf`. Everything comes from the histories, so a change after `asOf` changes nothing here.
 *
 * Runs on the given manager, so a lock takes its snapshot inside its own transaction.
 */
export async function readMonthlySource(
  m: EntityManager,
  period: string,
  asOf: Date,
  calendar: WorkingCalendar,
): Promise<MonthlySource> {
  const start = periodStart(period);
  const asOfDay = localDay(asOf);

  const pilots: {
    id: string;
    number: number;
    name: string;
    state: PilotState;
    lead_agencies_label: string | null;
    report: string | null;
    lead_agencies: AgencyNaming[];
  }[] = await m.query(
    `SELECT * FROM (
       SELECT p.id, p.number, p.name, ${pilotStateAsOf} AS state, p.lead_agencies_label,
              (SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM pilot_report_revision v WHERE v.report_id = pr.id)
                           THEN pr.progress
                           ELSE (SELECT v.progress FROM pilot_report_revision v
                                  WHERE v.report_id = pr.id AND v.at <= $1
                                  ORDER BY v.at DESC, v.id DESC LIMIT 1) END
                 FROM pilot_report pr WHERE pr.pilot_id = p.id AND pr.period = $2) AS report,
              coalesce((SELECT json_agg(${agencyJson('a', 'pa')} ORDER BY l.position)
                          FROM pilot_lead_agency l JOIN agency a ON a.id = l.agency_id
                          LEFT JOIN agency pa ON pa.id = a.parent_id
                         WHERE l.pilot_id = p.id AND ${leadAgencyOnSql('l', '$3::date')}), '[]'::json)
                AS lead_agencies
         FROM pilot p) p
      WHERE p.state IS NOT NULL
      ORDER BY p.number`,
    [asOf, period, asOfDay],
  );

  // Every blocker raised by $1, with its words and state then and the last move that led to it.
  // Its words: the last revision by $1 (else its first, else the row as it stands).
  const blockers: {
    id: string;
    pilot_id: string | null;
    number: number | null;
    topic: string | null;
    title: string;
    description: string;
    category: string;
    authority: string;
    raised_at: Date;
    state: BlockerState;
    moved_at: Date | null;
    note: string | null;
  }[] = await m.query(
    `SELECT * FROM (
       SELECT b.id, b.pilot_id, p.number,
              CASE WHEN w.title IS NULL THEN b.topic ELSE w.topic END AS topic,
              coalesce(w.title, b.title) AS title,
              coalesce(w.description, b.description) AS description,
              coalesce(w.category, b.category) AS category,
              coalesce(w.authority, b.authority) AS authority,
              coalesce(first.at, b.created_at) AS raised_at,
              CASE WHEN first.at IS NULL THEN (CASE WHEN b.created_at <= $1 THEN b.state END)
                   ELSE last.to_state END AS state,
              CASE WHEN first.at IS NULL THEN b.resolved_at ELSE last.at END AS moved_at,
              CASE WHEN first.at IS NULL THEN b.resolution ELSE last.note END AS note
         FROM blocker b LEFT JOIN pilot p ON p.id = b.pilot_id
         LEFT JOIN LATERAL (SELECT v.topic, v.title, v.description, v.category, v.authority
                              FROM blocker_revision v WHERE v.blocker_id = b.id
                             ORDER BY v.at <= $1 DESC, CASE WHEN v.at <= $1 THEN v.at END DESC,
                                      v.at, CASE WHEN v.at <= $1 THEN v.id END DESC, v.id
                             LIMIT 1) w ON TRUE
         LEFT JOIN LATERAL (SELECT min(h.at) AS at FROM blocker_state_change h
                             WHERE h.blocker_id = b.id) first ON TRUE
         LEFT JOIN LATERAL (SELECT h.to_state, h.at, h.note FROM blocker_state_change h
                             WHERE h.blocker_id = b.id AND h.at <= $1
                             ORDER BY h.at DESC, h.id DESC LIMIT 1) last ON TRUE) b
      WHERE b.state IS NOT NULL
      ORDER BY b.raised_at, b.number NULLS LAST, b.id`,
    [asOf],
  );

  const recommendations: {
    id: string;
    state: RecommendationState;
    document_number: string | null;
    letter_date: string | null;
    summary: string;
    sent_at: Date | null;
    response_due_at: Date | null;
    cycle: number;
    addressees: AgencyNaming[];
    pilot_numbers: number[];
    level: number | null;
    level_name: string | null;
  }[] = await m.query(
    `SELECT r.id, s.state, s.cycle, r.document_number, to_char(r.letter_date, 'YYYY-MM-DD') AS letter_date,
            r.summary, r.sent_at, s.response_due_at, ${addresseesJson('r')} AS addressees,
            coalesce((SELECT array_agg(DISTINCT p.number ORDER BY p.number)
                        FROM recommendation_blocker rb JOIN blocker b ON b.id = rb.blocker_id
                        JOIN pilot p ON p.id = b.pilot_id
                       WHERE rb.recommendation_id = r.id), '{}') AS pilot_numbers,
            e.level, e.level_name
       FROM recommendation r
       JOIN LATERAL (
             (SELECT r.id, h.to_state AS state, h.response_due_at, h.cycle
                FROM recommendation_state_change h
               WHERE h.recommendation_id = r.id AND h.at <= $1
               ORDER BY h.at DESC, h.id DESC LIMIT 1)
             UNION ALL
             SELECT r.id, r.state, r.response_due_at, r.cycle
              WHERE NOT EXISTS (SELECT 1 FROM recommendation_state_change h
                                 WHERE h.recommendation_id = r.id)) s ON TRUE
       LEFT JOIN LATERAL (
             SELECT ev.level, ev.level_name FROM escalation_event ev
              WHERE ${firedInCurrentCycleSql('ev', 's')} AND ev.occurred_at <= $1
              ORDER BY ev.level DESC, ev.repeat DESC LIMIT 1) e ON TRUE
      WHERE r.sent_at <= $1 AND s.state IN ('SENT', 'ANSWERED')
      -- Letters of one document (a report's several recommendations) in the order they were
      -- recorded: created_at (the seed writes report 442's ten 1 ms apart in 442's order, and
      -- ReferenceLetterOrder1796340000000 puts older loads' so), then the first move of each,
      -- whose id follows the order of writing, for letters written at one instant.
      ORDER BY r.letter_date ASC NULLS LAST, r.document_number, r.created_at,
               (SELECT min(h.id) FROM recommendation_state_change h
                 WHERE h.recommendation_id = r.id) NULLS LAST, r.id`,
    [asOf],
  );

  // Each addressee of those letters as of $1, from recommendation_addressee_change: its last move
  // by then (an addressee with none is AWAITING, due when the letter was), the date of its first
  // answer recorded by then in the letter's cycle of then, and its own ladder's level by then.
  const letterCycle = new Map(recommendations.map((r) => [r.id, r.cycle]));
  const addresseeRows: {
    recommendation_id: string;
    code: string;
    status: AddresseeStatus | null;
    status_cycle: number | null;
    due_at: Date | null;
    answered_on: string | null;
    level: number | null;
    level_name: string | null;
  }[] = recommendations.length
    ? await m.query(
        `SELECT ra.recommendation_id, a.code, h.to_status AS status, h.cycle AS status_cycle, h.due_at,
                (SELECT to_char(min(x.date), 'YYYY-MM-DD') FROM recommendation_response x
                  WHERE x.recommendation_id = ra.recommendation_id AND x.addressee_agency_id = ra.agency_id
                    AND x.cycle = c.cycle AND x.recorded_at <= $1) AS answered_on,
                e.level, e.level_name
           FROM recommendation_addressee ra JOIN agency a ON a.id = ra.agency_id
           JOIN unnest($2::uuid[], $3::int[]) AS c(recommendation_id, cycle)
             ON c.recommendation_id = ra.recommendation_id
           LEFT JOIN LATERAL (
                 SELECT h.to_status, h.cycle, h.due_at FROM recommendation_addressee_change h
                  WHERE h.recommendation_id = ra.recommendation_id AND h.agency_id = ra.agency_id
                    AND h.at <= $1
                  ORDER BY h.at DESC, h.id DESC LIMIT 1) h ON TRUE
           LEFT JOIN LATERAL (
                 SELECT ev.level, ev.level_name FROM escalation_event ev
                  WHERE ev.recommendation_id = ra.recommendation_id AND ev.agency_id = ra.agency_id
                    AND ev.cycle = c.cycle AND ev.outcome = 'FIRED' AND ev.occurred_at <= $1
                  ORDER BY ev.level DESC, ev.repeat DESC LIMIT 1) e ON TRUE
          ORDER BY ra.recommendation_id, ra.position`,
        [asOf, [...letterCycle.keys()], [...letterCycle.values()]],
      )
    : [];
  const addresseesOf = new Map<string, typeof addresseeRows>();
  for (const a of addresseeRows)
    addresseesOf.set(a.recommendation_id, [...(addresseesOf.get(a.recommendation_id) ?? []), a]);

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
      WHERE c.from_state IS NOT NULL AND c.at >= $1 AND c.at <= $2
      ORDER BY c.at, p.number, c.id`,
    [start, asOf],
  );

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
            -- Who answered: the agency that did, else the addressee it answers for, else (an
            -- answer not attributed to one) the letter's addressees.
            CASE WHEN coalesce(x.answered_by_agency_id, x.addressee_agency_id) IS NULL
                 THEN ${addresseesJson('r')}
                 ELSE (SELECT json_build_array(${agencyJson('a', 'pa')}) FROM agency a
                         LEFT JOIN agency pa ON pa.id = a.parent_id
                        WHERE a.id = coalesce(x.answered_by_agency_id, x.addressee_agency_id)) END
              AS addressees,
            x.document_number, to_char(x.date, 'YYYY-MM-DD') AS date, x.summary, x.recorded_at
       FROM recommendation_response x JOIN recommendation r ON r.id = x.recommendation_id
       LEFT JOIN recommendation_addressee xa
              ON xa.recommendation_id = x.recommendation_id AND xa.agency_id = x.addressee_agency_id
      WHERE x.recorded_at >= $1 AND x.recorded_at <= $2
      ORDER BY x.recorded_at, r.id, xa.position NULLS LAST, x.id`,
    [start, asOf],
  );

  const within = (at: Date | null): at is Date => at !== null && at >= start && at <= asOf;
  const blockerEvent = (b: (typeof blockers)[number], at: Date): SourceBlockerEvent => ({
    id: b.id,
    pilotNumber: b.number,
    topic: b.topic,
    title: b.title,
    category: b.category,
    authority: b.authority,
    at: iso(at),
    resolution: b.state === 'RESOLVED' ? b.note : null,
  });
  const openByPilot = new Map<string, SourceBlocker[]>();
  for (const b of blockers) {
    if (!b.pilot_id || !isOpenBlocker(b.state)) continue;
    openByPilot.set(b.pilot_id, [
      ...(openByPilot.get(b.pilot_id) ?? []),
      {
        id: b.id,
        title: b.title,
        description: b.description,
        category: b.category,
        authority: b.authority,
        state: b.state,
      },
    ]);
  }
  const created = blockers
    .filter((b) => within(b.raised_at))
    .map((b) => blockerEvent(b, b.raised_at));
  const resolved = blockers
    .filter((b) => b.state === 'RESOLVED' && within(b.moved_at))
    .sort(
      (a, b) =>
        a.moved_at!.getTime() - b.moved_at!.getTime() ||
        (a.number ?? Infinity) - (b.number ?? Infinity) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map((b) => blockerEvent(b, b.moved_at!));

  return {
    schema: 1,
    period,
    previousPeriod: previousPeriod(period),
    asOf: iso(asOf),
    milestones: await readSourceMilestones(m, asOf),
    indicators: await readSourceIndicators(m, period, asOf),
    pilots: pilots.map((p) => ({
      number: p.number,
      name: p.name,
      state: p.state,
      leadAgencies: p.lead_agencies.map(toAgency),
      leadAgenciesLabel: p.lead_agencies_label,
      report: p.report,
      openBlockers: openByPilot.get(p.id) ?? [],
    })),
    recommendations: recommendations.map((r) => {
      const names = new Map(r.addressees.map((a) => [a.code, reportNameOf(a)]));
      const standings = (addresseesOf.get(r.id) ?? []).map((a) => {
        // A move of an earlier cycle says nothing of this one, but a release holds across cycles.
        const current =
          a.status !== null && (a.status_cycle === r.cycle || a.status === 'RELEASED');
        return {
          ...addresseeStanding(
            {
              code: a.code,
              name: names.get(a.code) ?? a.code,
              status: current ? a.status! : 'AWAITING',
              dueAt: (current && a.status_cycle === r.cycle ? a.due_at : null) ?? r.response_due_at,
              answeredOn: a.answered_on,
              escalationLevel: a.level ?? 0,
            },
            r.state,
            asOf,
            calendar,
          ),
          levelName: a.level_name,
        };
      });
      // The letter is as late as its most overdue addressee; its level, while it awaits answers,
      // is the highest of the addressees that still owe one (escalation-level.ts), as of then.
      const status = letterLateness(standings);
      const counted =
        r.state === 'SENT' && standings.some((a) => a.owes)
          ? standings.filter((a) => a.owes)
          : standings;
      const top = counted.reduce<(typeof standings)[number] | null>(
        (best, a) => (a.escalationLevel > (best?.escalationLevel ?? 0) ? a : best),
        null,
      );
      const addresseeStatuses: SourceAddresseeStatus[] = standings.map((a) => ({
        code: a.code,
        status: a.status,
        dueAt: a.dueAt ? iso(a.dueAt) : null,
        answeredOn: a.answeredOn,
        overdue: a.overdue,
        workingDaysOverdue: a.workingDaysOverdue,
        escalationLevel: a.escalationLevel,
      }));
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
        escalationLevel: standings.length ? (top?.escalationLevel ?? 0) : (r.level ?? 0),
        escalationLevelName: standings.length ? (top?.levelName ?? null) : r.level_name,
        pilotNumbers: r.pilot_numbers.map(Number),
        addresseeStatuses,
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
      blockersCreated: created,
      blockersResolved: resolved,
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
