import type { DataSource } from 'typeorm';
import { SuccessionIndex } from '../../agencies/succession/succession-read.js';
import { localDay } from '../../common/domain/local-time.js';
import type { WorkingCalendar } from '../../calendar/domain/working-days.js';
import { notFound } from '../../common/domain-error.js';
import type { EscalationOutcome } from '../domain/escalation-level.js';
import type { RecommendationState } from '../domain/recommendation-state.js';
import type {
  AddresseeSource,
  AgencyName,
  FollowUpLetterSource,
} from './follow-up-letter.model.js';
import {
  addresseeDueSql,
  owesAnswer,
  owesAnswerSql,
  type AddresseeStatus,
} from '../domain/addressee-status.js';

interface RecommendationRow {
  id: string;
  state: RecommendationState;
  document_number: string | null;
  letter_date: string | null;
  response_due_at: Date | null;
  summary: string;
  cycle: number;
  sender_code: string | null;
  sender_name: string | null;
  addressees: (AgencyName & {
    status: AddresseeStatus;
    dueAt: string | null;
    answeredOn: string | null;
  })[];
  distribution: AgencyName[] | null;
  concerns: string[] | null;
  responses: { documentNumber: string; date: string }[] | null;
}

/** Reads what a follow-up letter cites: the letter, its addressees and distribution, concerns, answers and reminders. */
export async function loadFollowUpLetterSource(
  dataSource: DataSource,
  id: string,
  now: Date,
  calendar: WorkingCalendar,
): Promise<FollowUpLetterSource> {
  const [row] = (await dataSource.query(
    `SELECT r.id, r.state, r.document_number, to_char(r.letter_date, 'YYYY-MM-DD') AS letter_date,
            r.response_due_at, r.summary, r.cycle, s.code AS sender_code, s.name AS sender_name,
            coalesce((SELECT json_agg(json_build_object(
                        'code', a.code, 'name', a.name, 'status', ra.status,
                        'dueAt', ${addresseeDueSql('ra', 'r')},
                        'answeredOn', (SELECT to_char(min(x.date), 'YYYY-MM-DD') FROM recommendation_response x
                                        WHERE x.recommendation_id = r.id AND x.addressee_agency_id = ra.agency_id
                                          AND x.cycle = r.cycle)) ORDER BY ra.position)
               FROM recommendation_addressee ra JOIN agency a ON a.id = ra.agency_id
              WHERE ra.recommendation_id = r.id), '[]'::json) AS addressees,
            (SELECT json_agg(json_build_object('code', a.code, 'name', a.name) ORDER BY rd.position)
               FROM recommendation_distribution rd JOIN agency a ON a.id = rd.agency_id
              WHERE rd.recommendation_id = r.id) AS distribution,
            (SELECT array_agg(c ORDER BY n NULLS LAST, c) FROM (
               SELECT DISTINCT p.number AS n,
                      coalesce('Mô hình ' || p.number || ' (' || p.name || ')', b.topic, b.title) AS c
                 FROM recommendation_blocker rb JOIN blocker b ON b.id = rb.blocker_id
                 LEFT JOIN pilot p ON p.id = b.pilot_id
                WHERE rb.recommendation_id = r.id) concern) AS concerns,
            -- Earlier cycles' answers (judged insufficient) of the addressees that still owe one.
            (SELECT json_agg(json_build_object('documentNumber', x.document_number,
                                               'date', to_char(x.date, 'YYYY-MM-DD')) ORDER BY x.date, x.recorded_at)
               FROM recommendation_response x
              WHERE x.recommendation_id = r.id AND x.cycle < r.cycle
                AND (x.addressee_agency_id IS NULL OR EXISTS (
                      SELECT 1 FROM recommendation_addressee xa
                       WHERE xa.recommendation_id = r.id AND xa.agency_id = x.addressee_agency_id
                         AND ${owesAnswerSql('xa')}))) AS responses
       FROM recommendation r LEFT JOIN agency s ON s.id = r.sender_agency_id
      WHERE r.id = $1`,
    [id],
  )) as RecommendationRow[];
  if (!row) throw notFound('kiến nghị');
  const [escalations, today] = await Promise.all([
    dataSource.query(
      `SELECT e.cycle, e.level, e.level_name, e.repeat, e.outcome, e.occurred_at, a.code AS agency_code
         FROM escalation_event e LEFT JOIN agency a ON a.id = e.agency_id
        WHERE e.recommendation_id = $1 ORDER BY e.occurred_at, e.level, e.repeat`,
      [id],
    ) as Promise<
      {
        agency_code: string | null;
        cycle: number;
        level: number;
        level_name: string;
        repeat: number;
        outcome: EscalationOutcome;
        occurred_at: Date;
      }[]
    >,
    todaysNames(dataSource, id, localDay(now)),
  ]);
  return {
    recommendation: {
      id: row.id,
      state: row.state,
      documentNumber: row.document_number,
      letterDate: row.letter_date,
      responseDueAt: row.response_due_at,
      summary: row.summary,
      cycle: row.cycle,
      sender: row.sender_code ? { code: row.sender_code, name: row.sender_name! } : null,
      addressees: row.addressees.map((a): AddresseeSource => ({
        code: a.code,
        name: a.name,
        status: a.status,
        dueAt: a.dueAt ? new Date(a.dueAt) : null,
        answeredOn: a.answeredOn,
      })),
      distribution: row.distribution ?? [],
      addresseesToday: today.addressees,
      distributionToday: today.distribution(row.distribution ?? []),
      concerns: row.concerns ?? [],
      responses: row.responses ?? [],
    },
    escalations: escalations.map((e) => ({
      ...(e.agency_code ? { agencyCode: e.agency_code } : {}),
      cycle: e.cycle,
      level: e.level,
      levelName: e.level_name,
      repeat: e.repeat,
      outcome: e.outcome,
      occurredAt: e.occurred_at,
    })),
    workingGroup: today.workingGroup,
    now,
    calendar,
  };
}

/**
 * The follow-up letter is a document of its own day: it asks whoever holds the duty that day of
 * each addressee that still owes an answer (the secretariat's choice followed; a split still undecided keeps the addressee),
 * copies the Government working group role's holder that day, and today's holders of the
 * original letter's Nơi nhận — while citing the original letter under its own names.
 */
async function todaysNames(dataSource: DataSource, id: string, day: string) {
  const m = dataSource.manager;
  const index = await SuccessionIndex.load(m);
  const holderOf = (start: string, mode: 'DUTY' | 'MAIN'): AgencyName => {
    const h = index.holder(start, day, mode);
    return h.status === 'HELD_BY' && h.agency ? h.agency : index.ref(start);
  };
  const once = (list: AgencyName[]) =>
    list.filter((a, i) => list.findIndex((b) => b.code === a.code) === i);
  // Only the addressees that still owe an answer are asked again.
  const rows: { agency_id: string; holder_agency_id: string | null; status: AddresseeStatus }[] = (
    await m.query(
      `SELECT agency_id, holder_agency_id, status FROM recommendation_addressee
          WHERE recommendation_id = $1 ORDER BY position`,
      [id],
    )
  ).filter((r: { status: AddresseeStatus }) => owesAnswer(r.status));
  const [role] = (await m.query(`SELECT agency_id FROM agency_role WHERE role = $1`, [
    'GOVERNMENT_WORKING_GROUP',
  ])) as { agency_id: string }[];
  const group = role ? index.holder(role.agency_id, day, 'MAIN') : null;
  return {
    addressees: once(
      rows.map((r) =>
        r.holder_agency_id ? holderOf(r.holder_agency_id, 'DUTY') : holderOf(r.agency_id, 'DUTY'),
      ),
    ),
    distribution: (named: AgencyName[]) =>
      once(
        named.map((a) => {
          const agency = index.byCode(a.code);
          return agency ? holderOf(agency.id, 'MAIN') : a;
        }),
      ),
    workingGroup: group?.status === 'HELD_BY' ? group.agency : null,
  };
}
