import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertAllowed, type Actor } from '../../access/actor.js';
import { Clock } from '../../common/clock.js';
import { localDay } from '../../common/domain/local-time.js';
import { pageOf, type Page } from '../../common/pagination.js';
import { inTransaction } from '../../common/transaction-retry.js';
import type { CreateSuccessionEventDto, SuccessionEventQuery } from './succession.dto.js';
import { SuccessionEvents } from './succession-events.service.js';
import type { SuccessionEventView } from './succession.view.js';

interface EventRow {
  id: string;
  kind: SuccessionEventView['kind'];
  effective_on: string;
  legal_basis: string;
  note: string | null;
  package_key: string | null;
  realised_at: Date | null;
  created_at: Date;
}

interface LinkRow {
  event_id: string;
  from_code: string;
  from_name: string;
  to_code: string;
  to_name: string;
  is_main: boolean;
  scope: string | null;
}

/** The admin's succession events: recorded one at a time, listed with their links. */
@Injectable()
export class SuccessionAdmin {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: SuccessionEvents,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateSuccessionEventDto): Promise<SuccessionEventView> {
    assertAllowed(actor, 'agencies.manage');
    return inTransaction(this.dataSource, async (m) => {
      const { id } = await this.events.record(m, actor, {
        kind: input.kind,
        effectiveOn: input.effectiveOn,
        legalBasis: input.legalBasis,
        note: input.note ?? null,
        links: input.links,
      });
      return (await this.views(m, [id]))[0];
    });
  }

  async list(actor: Actor, query: SuccessionEventQuery): Promise<Page<SuccessionEventView>> {
    assertAllowed(actor, 'agencies.manage');
    const m = this.dataSource.manager;
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const ids: { id: string }[] = await m.query(
      `SELECT id FROM succession_event ORDER BY effective_on DESC, created_at DESC, id
        LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    const [{ total }] = (await m.query(`SELECT count(*)::int AS total FROM succession_event`)) as [
      { total: number },
    ];
    return pageOf(
      await this.views(
        m,
        ids.map((r) => r.id),
      ),
      total,
      query,
    );
  }

  private async views(m: EntityManager, ids: string[]): Promise<SuccessionEventView[]> {
    const today = localDay(this.clock.now());
    const events: EventRow[] = await m.query(
      `SELECT id, kind, to_char(effective_on, 'YYYY-MM-DD') AS effective_on, legal_basis, note,
              package_key, realised_at, created_at
         FROM succession_event WHERE id = ANY($1)
        ORDER BY effective_on DESC, created_at DESC, id`,
      [ids],
    );
    const links: LinkRow[] = await m.query(
      `SELECT l.event_id, f.code AS from_code, f.name AS from_name, t.code AS to_code,
              t.name AS to_name, l.is_main, l.scope
         FROM succession_link l JOIN agency f ON f.id = l.from_agency_id
         JOIN agency t ON t.id = l.to_agency_id
        WHERE l.event_id = ANY($1) ORDER BY f.code, l.is_main DESC, t.code`,
      [ids],
    );
    return events.map((e) => ({
      id: e.id,
      kind: e.kind,
      effectiveOn: e.effective_on,
      legalBasis: e.legal_basis,
      note: e.note,
      packageKey: e.package_key,
      inEffect: e.effective_on <= today,
      realisedAt: e.realised_at?.toISOString() ?? null,
      createdAt: e.created_at.toISOString(),
      links: links
        .filter((l) => l.event_id === e.id)
        .map((l) => ({
          from: { code: l.from_code, name: l.from_name },
          to: { code: l.to_code, name: l.to_name },
          isMain: l.is_main,
          scope: l.scope,
        })),
    }));
  }
}
