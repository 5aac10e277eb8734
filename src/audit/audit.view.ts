import type { AuditEntityType, AuditEntry } from './audit-entry.entity.js';

export interface AuditView {
  id: string;
  at: string;
  actor: { id: string | null; email: string | null };
  action: string;
  entityType: AuditEntityType;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export function toAuditView(r: AuditEntry): AuditView {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actor: { id: r.actorId, email: r.actorEmail },
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: r.before,
    after: r.after,
    requestId: r.requestId,
  };
}
