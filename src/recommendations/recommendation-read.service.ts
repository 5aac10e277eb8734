import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service.js';
import type { Actor } from '../access/actor.js';
import { can } from '../access/domain/permissions.js';
import { Clock } from '../common/clock.js';
import { notFound } from '../common/domain-error.js';
import { DEFAULT_LIMIT, pageOf, type Page } from '../common/pagination.js';
import { escapeLike } from '../common/query-params.js';
import { localDay } from '../common/domain/local-time.js';
import {
  addresseeHolders,
  lettersWithHeldAddressee,
  OPEN_FOR_HOLDERS,
} from './addressee-holders.js';
import type { AgencyRef } from '../agencies/agency.view.js';
import { FOLLOW_UP_MIN_LEVEL, followUpRefusal } from './domain/follow-up-letter-rule.js';
import { overdueSql, overdueStatus, runningDueSql } from './domain/overdue.js';
import { addresseeDue, owesAnswer, type AddresseeStatus } from './domain/addressee-status.js';
import {
  activeEscalationLevel,
  recommendationCommandsFor,
} from './domain/recommendation-lifecycle.js';
import { addresseeEscalationLevelSql, escalationLevelSql } from './domain/escalation-level.js';
import { byUrgency } from './domain/urgency.js';
import { currentLeadAgencySql } from '../pilots/domain/lead-agency-validity.js';
import type { RecommendationQuery } from './recommendation.query.js';
import type { WorkingCalendar } from '../calendar/domain/working-days.js';
import { workingDaysOverdue } from './domain/overdue.js';
import type {
  AddresseeView,
  FollowUpLetterView,
  RecommendationView,
  ResponseView,
} from './recommendation.view.js';

interface Row {
  id: string;
  state: RecommendationView['state'];
  document_number: string | null;
  letter_date: string | null;
  sender_code: string | null;
  sender_name: string | null;
  sent_at: Date | null;
  response_due_at: Date | null;
  running_due_at: Date | null;
  summary: string;
  cycle: number;
  version: number;
  escalation_level: number;
  of_user_agency: boolean;
}

/**
 * The letter aliased `r` is of an agency `agency` names (an SQL comparison: `= $2`,
 * `IN (SELECT …)`): the agency sent it, is asked in it, or currently leads a pilot whose blocker
 * the letter covers.
 */
const letterOfAgencySql = (agency: string) =>
  `(r.sender_agency_id ${agency}
    OR EXISTS (SELECT 1 FROM recommendation_addressee ra
                WHERE ra.recommendation_id = r.id AND ra.agency_id ${agency})
    OR EXISTS (SELECT 1 FROM recommendation_blocker rb JOIN blocker b ON b.id = rb.blocker_id
                 JOIN pilot_lead_agency l ON l.pilot_id = b.pilot_id AND ${currentLeadAgencySql('l')}
                WHERE rb.recommendation_id = r.id AND l.agency_id ${agency}))`;

/** Recommendations with addressees, distribution, blockers, responses and computed overdue fields, in six statements per page. */
@Injectable()
export class RecommendationReadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
  ) {}

  /** One recommendation as `actor` sees it; 404 when there is none. */
  async get(actor: Actor, id: string): Promise<RecommendationView> {
    const page = await this.list({ id } as RecommendationQuery & { id: string }, actor);
    if (page.items.length === 0) throw notFound('kiến nghị');
    return page.items[0];
  }

  /** The page as `actor` sees it: each letter with what that user may do with it. */
  async list(
    query: RecommendationQuery & { id?: string },
    actor: Actor,
  ): Promise<Page<RecommendationView>> {
    const now = this.clock.now();
    const params: unknown[] = [now];
    const param = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = ['TRUE'];
    if (query.id) where.push(`r.id = ${param(query.id)}`);
    if (query.state) where.push(`r.state = ${param(query.state)}`);
    if (query.overdue !== undefined) {
      where.push(`(${overdueSql('r', '$1')}) = ${param(query.overdue)}`);
    }
    if (query.addressee) {
      where.push(`EXISTS (SELECT 1 FROM recommendation_addressee ra JOIN agency a ON a.id = ra.agency_id
                          WHERE ra.recommendation_id = r.id AND a.code = ${param(query.addressee)})`);
    }
    if (query.agency) {
      where.push(
        letterOfAgencySql(`= (SELECT id FROM agency WHERE code = ${param(query.agency)})`),
      );
    }
    if (query.pilot) {
      where.push(`EXISTS (SELECT 1 FROM recommendation_blocker rb JOIN blocker b ON b.id = rb.blocker_id
                          JOIN pilot p ON p.id = b.pilot_id
                          WHERE rb.recommendation_id = r.id AND p.number = ${param(query.pilot)})`);
    }
    if (query.heldSuccession !== undefined) {
      const held = await lettersWithHeldAddressee(this.dataSource.manager, localDay(now));
      where.push(`(r.id = ANY(${param(held)}::uuid[])) = ${param(query.heldSuccession)}`);
    }
    if (query.unattributedAnswers !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM recommendation_response ur
                          WHERE ur.recommendation_id = r.id AND ur.addressee_agency_id IS NULL) = ${param(query.unattributedAnswers)}`);
    }
    if (query.q) {
      // The letter's number and text, and its agencies by code and name ("SYT" finds the letters
      // about SYT's pilots too, which may not name it).
      const pattern = `'%' || f_unaccent(${param(escapeLike(query.q))}) || '%'`;
      where.push(
        `(f_unaccent(coalesce(r.document_number, '') || ' ' || r.summary) LIKE ${pattern}
          OR ${letterOfAgencySql(
            `IN (SELECT id FROM agency WHERE f_unaccent(code || ' ' || short_name || ' ' || name) LIKE ${pattern})`,
          )})`,
      );
    }
    where.push('$1::timestamptz IS NOT NULL');
    const condition = where.join(' AND ');
    const conditionParams = params.length;
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = query.offset ?? 0;
    // Urgency needs working days overdue, counted on the calendar here: every match is read and
    // the page cut after sorting (a few hundred letters at most).
    const urgent = query.sort === 'urgency';
    // An officer sees their own agency's letters first, in either order.
    const ownSql =
      actor.role === 'AGENCY_OFFICER' && actor.agencyId
        ? letterOfAgencySql(`= ${param(actor.agencyId)}::uuid`)
        : 'FALSE';

    const rows: Row[] = await this.dataSource.query(
      `SELECT r.id, r.state, r.document_number, to_char(r.letter_date, 'YYYY-MM-DD') AS letter_date,
              s.code AS sender_code, s.name AS sender_name, r.sent_at, r.response_due_at,
              ${runningDueSql('r')} AS running_due_at, r.summary,
              r.cycle, r.version,
              ${escalationLevelSql('r')}
                AS escalation_level, ${ownSql} AS of_user_agency
         FROM recommendation r
         LEFT JOIN agency s ON s.id = r.sender_agency_id
        WHERE ${condition}
        ORDER BY of_user_agency DESC, r.letter_date ASC NULLS LAST, r.document_number, r.created_at, r.id
        ${urgent ? '' : `LIMIT ${limit} OFFSET ${offset}`}`,
      params,
    );
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM recommendation r WHERE ${condition}`,
      params.slice(0, conditionParams),
    )) as [{ total: number }];
    const calendar = await this.calendars.current();
    const judged = rows.map((r) => ({
      row: r,
      id: r.id,
      state: r.state,
      letterDate: r.letter_date,
      // The due time that still runs: the earliest of the addressees that still owe an answer.
      responseDueAt: (r.running_due_at ?? r.response_due_at)?.toISOString() ?? null,
      ...overdueStatus({ state: r.state, responseDueAt: r.running_due_at }, now, calendar),
      activeEscalationLevel: activeEscalationLevel(r.state, r.escalation_level),
    }));
    const chosen = urgent
      ? judged
          .sort(
            (a, b) =>
              Number(b.row.of_user_agency) - Number(a.row.of_user_agency) || byUrgency(a, b),
          )
          .slice(offset, offset + limit)
      : judged;
    const ids = chosen.map((j) => j.id);
    const [agencies, blockers, responses] = await Promise.all([
      // Addressees and distribution ("Nơi nhận") in one statement, each in its letter's order.
      this.group<AgencyRow>(
        `SELECT x.*, a.code, a.name FROM (
             SELECT ra.recommendation_id, ra.agency_id, ra.position, FALSE AS distribution, ra.status,
                    ra.due_at, ra.status_changed_at, ra.handled_by, ra.release_reason,
                    ${addresseeEscalationLevelSql('ra', 'lr')} AS level
               FROM recommendation_addressee ra JOIN recommendation lr ON lr.id = ra.recommendation_id
              UNION ALL
             SELECT recommendation_id, agency_id, position, TRUE, NULL, NULL, NULL, NULL, NULL, NULL
               FROM recommendation_distribution) x
           JOIN agency a ON a.id = x.agency_id WHERE x.recommendation_id = ANY($1) ORDER BY x.position`,
        ids,
      ),
      this.group<{
        recommendation_id: string;
        id: string;
        title: string;
        pilot_number: number | null;
        topic: string | null;
      }>(
        `SELECT rb.recommendation_id, b.id, b.title, p.number AS pilot_number, b.topic FROM recommendation_blocker rb
           JOIN blocker b ON b.id = rb.blocker_id LEFT JOIN pilot p ON p.id = b.pilot_id
          WHERE rb.recommendation_id = ANY($1) ORDER BY p.number NULLS LAST, b.created_at`,
        ids,
      ),
      this.group<ResponseRow>(
        `SELECT x.recommendation_id, x.id, x.document_number, to_char(x.date, 'YYYY-MM-DD') AS date, x.summary,
                x.recorded_at, x.channel, x.cycle, ad.code AS addressee_code,
                ab.code AS answered_by_code, ab.name AS answered_by_name
           FROM recommendation_response x
           LEFT JOIN agency ad ON ad.id = x.addressee_agency_id
           LEFT JOIN agency ab ON ab.id = x.answered_by_agency_id
          WHERE x.recommendation_id = ANY($1) ORDER BY x.date, x.recorded_at`,
        ids,
      ),
    ]);
    const holders = await addresseeHolders(this.dataSource.manager, ids, localDay(now));
    const mayDraftFollowUp = can(actor.role, 'followUpLetter.draft');
    const items = chosen.map(({ row: r, ...j }): RecommendationView => ({
      id: r.id,
      state: r.state,
      documentNumber: r.document_number,
      letterDate: r.letter_date,
      senderAgency: r.sender_code ? { code: r.sender_code, name: r.sender_name! } : null,
      sentAt: r.sent_at?.toISOString() ?? null,
      responseDueAt: r.response_due_at?.toISOString() ?? null,
      summary: r.summary,
      addressees: (agencies.get(r.id) ?? [])
        .filter((a) => !a.distribution)
        .map((a) =>
          addresseeView(
            a,
            r,
            (responses.get(r.id) ?? []).filter((x) => x.addressee_code === a.code),
            now,
            calendar,
          ),
        ),
      distribution: agencyRefs(agencies.get(r.id), true),
      blockers: (blockers.get(r.id) ?? []).map((b) => ({
        id: b.id,
        title: b.title,
        pilotNumber: b.pilot_number,
        topic: b.topic,
      })),
      responses: (responses.get(r.id) ?? []).map(responseView),
      cycle: r.cycle,
      version: r.version,
      overdue: j.overdue,
      workingDaysOverdue: j.workingDaysOverdue,
      escalationLevel: r.escalation_level,
      activeEscalationLevel: j.activeEscalationLevel,
      allowedCommands: [
        ...recommendationCommandsFor(r.state, actor.role),
        // The secretariat may close a letter early once one of its addressees has answered.
        ...(r.state === 'SENT' &&
        can(actor.role, 'letters.record') &&
        (agencies.get(r.id) ?? []).some((a) => a.status === 'ANSWERED')
          ? (['close'] as const)
          : []),
      ],
      followUpLetter: mayDraftFollowUp ? followUpLetterFor(r.state, r.escalation_level) : null,
      ofUserAgency: r.of_user_agency,
      addresseeHolders: holders.get(r.id) ?? [],
      heldSuccession:
        (OPEN_FOR_HOLDERS as readonly string[]).includes(r.state) &&
        (holders.get(r.id) ?? []).some((a) => a.holder.status === 'AMBIGUOUS'),
    }));
    return pageOf(items, total, query);
  }

  private async group<T extends { recommendation_id: string }>(
    sql: string,
    ids: string[],
  ): Promise<Map<string, T[]>> {
    const byId = new Map<string, T[]>();
    if (ids.length === 0) return byId;
    for (const row of (await this.dataSource.query(sql, [ids])) as T[]) {
      const list = byId.get(row.recommendation_id) ?? [];
      list.push(row);
      byId.set(row.recommendation_id, list);
    }
    return byId;
  }
}

interface AgencyRow extends AgencyRef {
  recommendation_id: string;
  agency_id: string;
  distribution: boolean;
  status: AddresseeStatus | null;
  due_at: Date | null;
  status_changed_at: Date | null;
  handled_by: string | null;
  release_reason: string | null;
  level: number | null;
}

interface ResponseRow {
  recommendation_id: string;
  id: string;
  document_number: string;
  date: string;
  summary: string;
  recorded_at: Date;
  channel: ResponseView['channel'];
  cycle: number;
  addressee_code: string | null;
  answered_by_code: string | null;
  answered_by_name: string | null;
}

function responseView(x: ResponseRow): ResponseView {
  return {
    id: x.id,
    documentNumber: x.document_number,
    date: x.date,
    summary: x.summary,
    recordedAt: x.recorded_at.toISOString(),
    addresseeCode: x.addressee_code,
    answeredBy: x.answered_by_code ? { code: x.answered_by_code, name: x.answered_by_name! } : null,
    channel: x.channel,
    cycle: x.cycle,
  };
}

/** One addressee on its own clock: status, due time, how late, its ladder and its answers. */
function addresseeView(
  a: AgencyRow,
  r: Row,
  responses: ResponseRow[],
  now: Date,
  calendar: WorkingCalendar,
): AddresseeView {
  const status = a.status ?? 'AWAITING';
  const dueAt =
    r.state === 'DRAFT'
      ? null
      : addresseeDue({ dueAt: a.due_at }, { responseDueAt: r.response_due_at });
  const owes = r.state === 'SENT' && owesAnswer(status);
  const late = overdueStatus(
    { state: owes ? 'SENT' : r.state === 'SENT' ? 'ANSWERED' : r.state, responseDueAt: dueAt },
    now,
    calendar,
  );
  const current = responses.filter((x) => x.cycle === r.cycle);
  const firstAnswer = current.length ? current.reduce((x, y) => (x.date <= y.date ? x : y)) : null;
  return {
    code: a.code,
    name: a.name,
    status,
    dueAt: dueAt?.toISOString() ?? null,
    ownDueAt: a.due_at !== null,
    overdue: late.overdue,
    workingDaysOverdue: late.workingDaysOverdue,
    escalationLevel: a.level ?? 0,
    statusChangedAt: a.status_changed_at?.toISOString() ?? null,
    handledBy: a.handled_by,
    releaseReason: a.release_reason,
    answeredOn: status === 'ANSWERED' && firstAnswer ? firstAnswer.date : null,
    // How late the answer came, in working days after the due time (0: on time).
    answeredLateWorkingDays:
      status === 'ANSWERED' && firstAnswer && dueAt
        ? workingDaysOverdue(dueAt, dayEnd(firstAnswer.date), calendar)
        : null,
    responses: responses.map(responseView),
  };
}

/** The last instant of a local calendar day (an answer dated that day came by then). */
function dayEnd(day: string): Date {
  return new Date(`${day}T23:59:59+07:00`);
}

function agencyRefs(
  rows: (AgencyRef & { distribution: boolean })[] | undefined,
  distribution: boolean,
): AgencyRef[] {
  return (rows ?? [])
    .filter((a) => a.distribution === distribution)
    .map(({ code, name }) => ({ code, name }));
}

function followUpLetterFor(state: RecommendationView['state'], level: number): FollowUpLetterView {
  const problem = followUpRefusal(state, level);
  return { canDraft: problem === null, minLevel: FOLLOW_UP_MIN_LEVEL, problem };
}
