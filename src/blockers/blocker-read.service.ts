import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { notFound } from '../common/domain-error.js';
import { pageOf, type Page } from '../common/pagination.js';
import { escapeLike } from '../common/query-params.js';
import { Blocker } from './blocker.entity.js';
import type { BlockerQuery } from './blocker.query.js';
import type { BlockerView } from './blocker.view.js';
import { blockerActionsFor, blockerWriteRefusal } from './domain/blocker-lifecycle.js';
import { currentLeadAgencySql } from '../pilots/domain/lead-agency-validity.js';

/** Blockers as one user sees them: each with what that user may do with it. */
@Injectable()
export class BlockerReadService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: BlockerQuery, actor: Actor): Promise<Page<BlockerView>> {
    const qb = this.dataSource
      .getRepository(Blocker)
      .createQueryBuilder('b')
      .leftJoinAndSelect('b.pilot', 'p')
      .orderBy('p.number', 'ASC', 'NULLS LAST')
      .addOrderBy('b.created_at', 'ASC')
      .take(query.limit ?? 50)
      .skip(query.offset ?? 0);
    if (query.state) qb.andWhere('b.state = :state', { state: query.state });
    if (query.authority) qb.andWhere('b.authority = :authority', { authority: query.authority });
    if (query.category) qb.andWhere('b.category = :category', { category: query.category });
    if (query.pilot) qb.andWhere('p.number = :pilot', { pilot: query.pilot });
    if (query.q) {
      qb.andWhere(
        `f_unaccent(b.title || ' ' || b.description || ' ' || coalesce(b.topic, '')) LIKE '%' || f_unaccent(:q) || '%'`,
        { q: escapeLike(query.q) },
      );
    }
    const [rows, total] = await qb.getManyAndCount();
    const led = await this.pilotsLedBy(actor);
    return pageOf(
      rows.map((b) => toBlockerView(b, actor, led)),
      total,
      query,
    );
  }

  async byId(id: string, actor: Actor): Promise<BlockerView> {
    const blocker = await this.dataSource
      .getRepository(Blocker)
      .findOne({ where: { id }, relations: { pilot: true } });
    if (!blocker) throw notFound('vướng mắc');
    return toBlockerView(blocker, actor, await this.pilotsLedBy(actor));
  }

  /** Ids of the pilots the user's agency leads (none for a user of no agency). */
  private async pilotsLedBy(actor: Actor): Promise<Set<string>> {
    if (!actor.agencyId) return new Set();
    const rows: { pilot_id: string }[] = await this.dataSource.query(
      `SELECT l.pilot_id FROM pilot_lead_agency l WHERE l.agency_id = $1 AND ${currentLeadAgencySql('l')}`,
      [actor.agencyId],
    );
    return new Set(rows.map((r) => r.pilot_id));
  }
}

function toBlockerView(b: Blocker, actor: Actor, ledPilotIds: Set<string>): BlockerView {
  const pilot = b.pilotId ? { leads: ledPilotIds.has(b.pilotId) } : null;
  return {
    id: b.id,
    pilotNumber: b.pilot?.number ?? null,
    topic: b.topic,
    title: b.title,
    description: b.description,
    category: b.category,
    authority: b.authority,
    state: b.state,
    resolution: b.resolution,
    version: b.version,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
    allowedCommands: blockerActionsFor(b.state, blockerWriteRefusal(actor, pilot) === null),
  };
}
