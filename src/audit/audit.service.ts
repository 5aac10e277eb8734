import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { AuditEntry, type AuditEntityType } from './audit-entry.entity.js';

export interface AuditRecord {
  action: string;
  entityType: AuditEntityType;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Writes the trail of a change inside the change's own transaction. */
@Injectable()
export class AuditService {
  async record(m: EntityManager, actor: Actor, record: AuditRecord): Promise<void> {
    await m.insert(AuditEntry, {
      actorId: actor.email === 'system' ? null : actor.id,
      actorEmail: actor.email,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      before: (record.before === undefined ? null : snapshot(record.before)) as object | null,
      after: (record.after === undefined ? null : snapshot(record.after)) as object | null,
      requestId: actor.requestId,
    });
  }
}

/** Plain JSON of an entity, without secrets. */
function snapshot(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'passwordHash' ? undefined : v)));
}
