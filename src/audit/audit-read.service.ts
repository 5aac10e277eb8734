import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertAllowed, type Actor } from '../access/actor.js';
import { pageOf, type Page } from '../common/pagination.js';
import { AuditEntry } from './audit-entry.entity.js';
import type { AuditQuery } from './audit.query.js';
import { toAuditView, type AuditView } from './audit.view.js';

/**
 * One object's audit trail, newest first, each entry with its author's name as the account has it
 * today; accounts' trails are for ADMIN only.
 */
@Injectable()
export class AuditReadService {
  constructor(private readonly dataSource: DataSource) {}

  async list(actor: Actor, query: AuditQuery): Promise<Page<AuditView>> {
    if (query.entityType === 'user') assertAllowed(actor, 'audit.readUsers');
    const [rows, total] = await this.dataSource.getRepository(AuditEntry).findAndCount({
      where: { entityType: query.entityType, entityId: query.entityId },
      order: { at: 'DESC', id: 'DESC' },
      take: query.limit ?? 50,
      skip: query.offset ?? 0,
    });
    const ids = [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))];
    const users = (await this.dataSource.query(
      `SELECT id, name FROM app_user WHERE id = ANY($1::uuid[])`,
      [ids],
    )) as { id: string; name: string }[];
    const names = new Map(users.map((u) => [u.id, u.name]));
    return pageOf(
      rows.map((r) => toAuditView(r, names)),
      total,
      query,
    );
  }
}
