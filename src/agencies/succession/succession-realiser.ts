import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SYSTEM_ACTOR, type Actor } from '../../access/actor.js';
import { AuditService } from '../../audit/audit.service.js';
import { Clock } from '../../common/clock.js';
import { localDay } from '../../common/domain/local-time.js';
import { inTransaction } from '../../common/transaction-retry.js';
import {
  planRealisation,
  type LeadRow,
  type OfficerAccount,
  type RealisationEvent,
  type RealisationMove,
} from '../domain/realisation.js';

/** Serialises changes of the succession graph and their realisation (SuccessionEvents uses it too). */
export const SUCCESSION_LOCK = 'agency-succession';

/** One agency as the organisation's rows name it. */
export interface AgencyRef {
  id: string;
  code: string;
  name: string;
}

/** A realised move, with agencies by code (see RealisationMove). */
export type RealisedMove = RealisationMove & { fromCode: string; toCode: string | null };

export interface Realisation {
  /** The events realised, by id. */
  events: string[];
  moves: RealisedMove[];
}

/** The organisation as it stands: officers, current lead agencies, focal points. */
export async function organisationState(m: EntityManager) {
  const agencies: (AgencyRef & { contact_emails: string[] })[] = await m.query(
    `SELECT id, code, name, contact_emails FROM agency`,
  );
  const officers: OfficerAccount[] = await m.query(
    `SELECT id, email, agency_id AS agency FROM app_user
      WHERE role = 'AGENCY_OFFICER' AND agency_id IS NOT NULL ORDER BY email`,
  );
  const leads: LeadRow[] = await m.query(
    `SELECT l.id, p.number AS pilot, l.agency_id AS agency, l.position
       FROM pilot_lead_agency l JOIN pilot p ON p.id = l.pilot_id
      WHERE l.valid_until IS NULL ORDER BY p.number, l.position`,
  );
  return {
    agencies: new Map(agencies.map((a) => [a.id, { id: a.id, code: a.code, name: a.name }])),
    state: {
      officers,
      leads,
      focalPoints: new Map(agencies.map((a) => [a.id, a.contact_emails])),
    },
  };
}

/**
 * Realises every recorded succession event whose effective day has come (`realised_at` null,
 * `effective_on` <= `today`): officers' accounts, pilots' lead agencies and focal points pass
 * to each old agency's main successor (domain/realisation.ts), each move audited with its
 * before and after, and the events are marked realised. Inside the caller's transaction;
 * realising again finds nothing to do.
 */
export async function realiseDueEvents(
  m: EntityManager,
  today: string,
  actor: Actor = SYSTEM_ACTOR,
  audit = new AuditService(),
): Promise<Realisation> {
  const due: { id: string; effective_on: string }[] = await m.query(
    `SELECT id, to_char(effective_on, 'YYYY-MM-DD') AS effective_on FROM succession_event
      WHERE realised_at IS NULL AND effective_on <= $1::date`,
    [today],
  );
  if (due.length === 0) return { events: [], moves: [] };
  await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SUCCESSION_LOCK]);
  // Under the lock: another process may have realised them while this one waited.
  const events = await dueEvents(m, today);
  if (events.length === 0) return { events: [], moves: [] };

  const { agencies, state } = await organisationState(m);
  const code = (id: string) => agencies.get(id)!.code;
  const plan = planRealisation(events, state);
  const moves: RealisedMove[] = [];
  for (const move of plan) {
    const realised: RealisedMove = {
      ...move,
      fromCode: code(move.from),
      toCode: 'to' in move ? code(move.to) : null,
    };
    await carryOut(m, actor, audit, realised, events);
    moves.push(realised);
  }
  await m.query(`UPDATE succession_event SET realised_at = now() WHERE id = ANY($1::uuid[])`, [
    events.map((e) => e.key),
  ]);
  return { events: events.map((e) => e.key), moves };
}

async function dueEvents(m: EntityManager, today: string): Promise<RealisationEvent[]> {
  const rows: {
    id: string;
    effective_on: string;
    from_agency_id: string;
    to_agency_id: string;
    is_main: boolean;
    scope: string | null;
  }[] = await m.query(
    `SELECT e.id, to_char(e.effective_on, 'YYYY-MM-DD') AS effective_on,
            l.from_agency_id, l.to_agency_id, l.is_main, l.scope
       FROM succession_event e JOIN succession_link l ON l.event_id = e.id
      WHERE e.realised_at IS NULL AND e.effective_on <= $1::date
      ORDER BY e.effective_on, e.id, l.is_main DESC, l.to_agency_id
        FOR UPDATE OF e`,
    [today],
  );
  const byId = new Map<string, RealisationEvent & { links: RealisationEvent['links'][number][] }>();
  for (const r of rows) {
    const event = byId.get(r.id) ?? { key: r.id, effectiveOn: r.effective_on, links: [] };
    event.links.push({
      from: r.from_agency_id,
      to: r.to_agency_id,
      isMain: r.is_main,
      scope: r.scope,
    });
    byId.set(r.id, event);
  }
  return [...byId.values()];
}

async function carryOut(
  m: EntityManager,
  actor: Actor,
  audit: AuditService,
  move: RealisedMove,
  events: RealisationEvent[],
): Promise<void> {
  const event = events.find((e) => e.key === move.event)!;
  const because = { successionEventId: event.key, effectiveOn: event.effectiveOn };
  switch (move.kind) {
    case 'OFFICER': {
      await m.query(
        `UPDATE app_user SET agency_id = $2, version = version + 1, updated_at = now()
          WHERE id = $1 AND agency_id = $3`,
        [move.userId, move.to, move.from],
      );
      await audit.record(m, actor, {
        action: 'user.succession',
        entityType: 'user',
        entityId: move.userId,
        before: { email: move.email, agencyCode: move.fromCode },
        after: { email: move.email, agencyCode: move.toCode, ...because },
      });
      return;
    }
    case 'LEAD_AGENCY': {
      const before = await leadCodes(m, move.pilot);
      // The row a previous move of this plan opened has no id yet: found by pilot and agency.
      const [row] = (await m.query(
        `SELECT l.id, to_char(l.valid_from, 'YYYY-MM-DD') AS valid_from
           FROM pilot_lead_agency l JOIN pilot p ON p.id = l.pilot_id
          WHERE p.number = $1 AND l.agency_id = $2 AND l.valid_until IS NULL`,
        [move.pilot, move.from],
      )) as { id: string; valid_from: string | null }[];
      if (row && row.valid_from !== null && row.valid_from >= move.effectiveOn)
        // Opened on that very day (a chain of events on one day): it never led; drop it.
        await m.query(`DELETE FROM pilot_lead_agency WHERE id = $1`, [row.id]);
      else if (row)
        await m.query(`UPDATE pilot_lead_agency SET valid_until = $2::date WHERE id = $1`, [
          row.id,
          move.effectiveOn,
        ]);
      if (!move.successorAlreadyLeads)
        await m.query(
          `INSERT INTO pilot_lead_agency (pilot_id, agency_id, position, valid_from)
           SELECT id, $2, $3, $4::date FROM pilot WHERE number = $1`,
          [move.pilot, move.to, move.position, move.effectiveOn],
        );
      await audit.record(m, actor, {
        action: 'pilot.succession',
        entityType: 'pilot',
        entityId: String(move.pilot),
        before: { leadAgencies: before },
        after: { leadAgencies: await leadCodes(m, move.pilot), ...because },
      });
      return;
    }
    case 'FOCAL_POINTS': {
      if (!move.carried) return;
      await m.query(
        `UPDATE agency SET contact_emails = $2, version = version + 1, updated_at = now()
          WHERE id = $1`,
        [move.to, move.emails],
      );
      await audit.record(m, actor, {
        action: 'agency.succession',
        entityType: 'agency',
        entityId: move.toCode!,
        before: { contactEmails: [] },
        after: { contactEmails: move.emails, carriedFrom: move.fromCode, ...because },
      });
      return;
    }
    case 'NO_MAIN_SUCCESSOR':
      return;
  }
}

/** A pilot's current lead agencies, by code, in position order. */
async function leadCodes(m: EntityManager, pilot: number): Promise<string[]> {
  const rows: { code: string }[] = await m.query(
    `SELECT a.code FROM pilot_lead_agency l JOIN pilot p ON p.id = l.pilot_id
       JOIN agency a ON a.id = l.agency_id
      WHERE p.number = $1 AND l.valid_until IS NULL ORDER BY l.position`,
    [pilot],
  );
  return rows.map((r) => r.code);
}

/**
 * Realises due succession events at start-up and on the reconciliation tick (the clock's day,
 * Asia/Ho_Chi_Minh), so an event recorded ahead of its day takes effect on that day without
 * anyone acting. A failure is logged; the next tick tries again.
 */
@Injectable()
export class SuccessionRealiser {
  private readonly logger = new Logger(SuccessionRealiser.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async realiseDue(): Promise<Realisation> {
    const today = localDay(this.clock.now());
    const done = await inTransaction(this.dataSource, (m) =>
      realiseDueEvents(m, today, SYSTEM_ACTOR, this.audit),
    );
    if (done.events.length > 0)
      this.logger.log(
        `succession events realised on ${today}: ${done.events.length} events, ${done.moves.length} moves`,
      );
    return done;
  }
}
