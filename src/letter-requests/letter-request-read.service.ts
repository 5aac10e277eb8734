import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { assertAllowed } from '../access/actor.js';
import type { AgencyRef } from '../agencies/agency.view.js';
import { openBlockerSql, type BlockerState } from '../blockers/domain/blocker-enums.js';
import { Clock } from '../common/clock.js';
import { DAY_MS, localDay } from '../common/domain/local-time.js';
import { notFound } from '../common/domain-error.js';
import { DEFAULT_LIMIT, pageOf, type Page } from '../common/pagination.js';
import { currentLeadAgencySql } from '../pilots/domain/lead-agency-validity.js';
import type { RecommendationState } from '../recommendations/domain/recommendation-state.js';
import {
  letterRequestCommandsFor,
  type LetterRequestState,
} from './domain/letter-request-lifecycle.js';
import type { LetterRequestQuery } from './letter-request.query.js';
import type {
  LetterRequestQueueView,
  LetterRequestView,
  UncoveredBlockerView,
} from './letter-request.view.js';

interface RequestRow {
  id: string;
  state: LetterRequestState;
  question: string;
  impact: string;
  created_at: Date;
  closed_at: Date | null;
  closing_reason: string | null;
  version: number;
  requested_by_id: string | null;
  requested_by_name: string | null;
  blocker_id: string;
  blocker_title: string;
  blocker_state: BlockerState;
  blocker_topic: string | null;
  pilot_id: string | null;
  pilot_number: number | null;
  pilot_name: string | null;
  addressee_code: string;
  addressee_name: string;
  requesting_code: string | null;
  requesting_name: string | null;
  rec_id: string | null;
  rec_state: RecommendationState | null;
  rec_number: string | null;
}

interface UncoveredRow {
  id: string;
  title: string;
  state: BlockerState;
  topic: string | null;
  since: Date;
  pilot_id: string | null;
  pilot_number: number | null;
  pilot_name: string | null;
  draft_ids: string[];
}

/** A letter from a SENT or ANSWERED recommendation covers the blocker aliased `alias`. */
const coveredBySentLetterSql = (alias: string) =>
  `EXISTS (SELECT 1 FROM recommendation_blocker rb JOIN recommendation r ON r.id = rb.recommendation_id
            WHERE rb.blocker_id = ${alias}.id AND r.state IN ('SENT', 'ANSWERED'))`;

const REQUEST_SELECT = `
  SELECT lr.id, lr.state, lr.question, lr.impact, lr.created_at, lr.closed_at, lr.closing_reason,
         lr.version, lr.requested_by_id, u.name AS requested_by_name,
         b.id AS blocker_id, b.title AS blocker_title, b.state AS blocker_state, b.topic AS blocker_topic,
         p.id AS pilot_id, p.number AS pilot_number, p.name AS pilot_name,
         ad.code AS addressee_code, ad.name AS addressee_name,
         ra.code AS requesting_code, ra.name AS requesting_name,
         r.id AS rec_id, r.state AS rec_state, r.document_number AS rec_number
    FROM letter_request lr
    JOIN blocker b ON b.id = lr.blocker_id
    LEFT JOIN pilot p ON p.id = b.pilot_id
    JOIN agency ad ON ad.id = lr.agency_id
    LEFT JOIN agency ra ON ra.id = lr.requesting_agency_id
    LEFT JOIN app_user u ON u.id = lr.requested_by_id
    LEFT JOIN recommendation r ON r.id = lr.recommendation_id`;

/**
 * Letter requests as one user sees them: the secretariat, leadership and the admin every one;
 * an officer those of their agency (asked by it, or about a pilot it leads). And the
 * secretariat's queue: the open requests and the CENTRAL blockers no sent letter covers.
 */
@Injectable()
export class LetterRequestReadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(
    query: LetterRequestQuery & { id?: string },
    actor: Actor,
  ): Promise<Page<LetterRequestView>> {
    const params: unknown[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = ['TRUE'];
    if (query.id) where.push(`lr.id = ${param(query.id)}`);
    if (query.state) where.push(`lr.state = ${param(query.state)}`);
    if (query.pilot) where.push(`p.number = ${param(query.pilot)}`);
    if (actor.role === 'AGENCY_OFFICER') {
      const agency = param(actor.agencyId);
      where.push(
        `(lr.requesting_agency_id = ${agency} OR EXISTS (
           SELECT 1 FROM pilot_lead_agency l
            WHERE l.pilot_id = b.pilot_id AND l.agency_id = ${agency} AND ${currentLeadAgencySql('l')}))`,
      );
    }
    const condition = where.join(' AND ');
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = query.offset ?? 0;
    const rows: RequestRow[] = await this.dataSource.query(
      `${REQUEST_SELECT} WHERE ${condition}
        ORDER BY lr.created_at DESC, lr.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM letter_request lr
         JOIN blocker b ON b.id = lr.blocker_id LEFT JOIN pilot p ON p.id = b.pilot_id
        WHERE ${condition}`,
      params,
    )) as [{ total: number }];
    return pageOf(await this.views(rows, actor), total, query);
  }

  /** One request as `actor` sees it; 404 when there is none, or none they may see. */
  async get(actor: Actor, id: string): Promise<LetterRequestView> {
    const page = await this.list({ id } as LetterRequestQuery & { id: string }, actor);
    if (page.items.length === 0) throw notFound('đề nghị gửi kiến nghị');
    return page.items[0];
  }

  /** The queue "Đề nghị kiến nghị": open requests and uncovered CENTRAL blockers, oldest first. */
  async queue(actor: Actor): Promise<LetterRequestQueueView> {
    assertAllowed(actor, 'letterRequests.handle');
    const requests: RequestRow[] = await this.dataSource.query(
      `${REQUEST_SELECT} WHERE lr.state = 'OPEN' ORDER BY lr.created_at, lr.id`,
    );
    // A blocker with a request waiting is listed once, as that request.
    const blockers: UncoveredRow[] = await this.dataSource.query(
      `SELECT b.id, b.title, b.state, b.topic, b.created_at AS since,
              p.id AS pilot_id, p.number AS pilot_number, p.name AS pilot_name,
              ARRAY(SELECT r.id FROM recommendation_blocker rb
                      JOIN recommendation r ON r.id = rb.recommendation_id
                     WHERE rb.blocker_id = b.id AND r.state = 'DRAFT'
                     ORDER BY r.created_at, r.id) AS draft_ids
         FROM blocker b LEFT JOIN pilot p ON p.id = b.pilot_id
        WHERE b.authority = 'CENTRAL' AND ${openBlockerSql('b')}
          AND NOT ${coveredBySentLetterSql('b')}
          AND NOT EXISTS (SELECT 1 FROM letter_request lr WHERE lr.blocker_id = b.id AND lr.state = 'OPEN')
        ORDER BY b.created_at, b.id`,
    );
    const leads = await this.leadAgencies(blockers.map((b) => b.pilot_id));
    const today = localDay(this.clock.now());
    return {
      requests: await this.views(requests, actor),
      uncoveredBlockers: blockers.map((b): UncoveredBlockerView => ({
        blocker: { id: b.id, title: b.title, state: b.state, topic: b.topic },
        pilot: b.pilot_number !== null ? { number: b.pilot_number, name: b.pilot_name! } : null,
        leadAgencies: (b.pilot_id && leads.get(b.pilot_id)) || [],
        since: b.since.toISOString(),
        ageDays: daysBetween(localDay(b.since), today),
        draftIds: b.draft_ids,
      })),
    };
  }

  private async views(rows: RequestRow[], actor: Actor): Promise<LetterRequestView[]> {
    const leads = await this.leadAgencies(rows.map((r) => r.pilot_id));
    const today = localDay(this.clock.now());
    return rows.map((r) => ({
      id: r.id,
      state: r.state,
      blocker: {
        id: r.blocker_id,
        title: r.blocker_title,
        state: r.blocker_state,
        topic: r.blocker_topic,
      },
      pilot: r.pilot_number !== null ? { number: r.pilot_number, name: r.pilot_name! } : null,
      leadAgencies: (r.pilot_id && leads.get(r.pilot_id)) || [],
      addressee: { code: r.addressee_code, name: r.addressee_name },
      question: r.question,
      impact: r.impact,
      requestedBy:
        r.requested_by_id !== null
          ? { id: r.requested_by_id, name: r.requested_by_name ?? '' }
          : null,
      requestingAgency:
        r.requesting_code !== null ? { code: r.requesting_code, name: r.requesting_name! } : null,
      createdAt: r.created_at.toISOString(),
      ageDays: daysBetween(localDay(r.created_at), today),
      closedAt: r.closed_at?.toISOString() ?? null,
      closingReason: r.closing_reason,
      recommendation:
        r.rec_id !== null
          ? { id: r.rec_id, state: r.rec_state!, documentNumber: r.rec_number }
          : null,
      version: r.version,
      allowedCommands: letterRequestCommandsFor(r.state, actor, {
        requestedById: r.requested_by_id,
      }),
    }));
  }

  /** Each pilot's current lead agencies, in order. */
  private async leadAgencies(pilotIds: (string | null)[]): Promise<Map<string, AgencyRef[]>> {
    const ids = [...new Set(pilotIds.filter((id): id is string => id !== null))];
    const byPilot = new Map<string, AgencyRef[]>();
    if (ids.length === 0) return byPilot;
    const rows: { pilot_id: string; code: string; name: string }[] = await this.dataSource.query(
      `SELECT l.pilot_id, a.code, a.name FROM pilot_lead_agency l JOIN agency a ON a.id = l.agency_id
        WHERE l.pilot_id = ANY($1) AND ${currentLeadAgencySql('l')} ORDER BY l.position`,
      [ids],
    );
    for (const r of rows)
      byPilot.set(r.pilot_id, [...(byPilot.get(r.pilot_id) ?? []), { code: r.code, name: r.name }]);
    return byPilot;
  }
}

/** Calendar days from one local day to another. */
function daysBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS));
}
