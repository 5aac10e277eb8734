import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { DomainError } from '../common/domain-error.js';
import { PilotLeadAgency } from './pilot-lead-agency.entity.js';

/**
 * Who may write a pilot, its reports and its blockers: the secretariat, and officers of one of
 * the pilot's lead agencies. Checked on the object, not only on the route.
 */
export async function assertCanWritePilot(
  m: EntityManager,
  actor: Actor,
  pilot: { id: string; number: number },
): Promise<void> {
  if (actor.role === 'SECRETARIAT') return;
  if (actor.role === 'AGENCY_OFFICER' && actor.agencyId) {
    const lead = await m.existsBy(PilotLeadAgency, { pilotId: pilot.id, agencyId: actor.agencyId });
    if (lead) return;
    throw new DomainError(
      403,
      'FORBIDDEN',
      `Mô hình số ${pilot.number} không do đơn vị của bạn chủ trì.`,
      {
        pilotNumber: pilot.number,
        agencyCode: actor.agencyCode,
      },
    );
  }
  throw new DomainError(
    403,
    'FORBIDDEN',
    'Chỉ thư ký Tổ công tác và cán bộ đầu mối của đơn vị chủ trì được cập nhật mô hình.',
    {
      role: actor.role,
    },
  );
}
