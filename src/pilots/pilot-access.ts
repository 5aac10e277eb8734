import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { forbidden } from '../common/domain-error.js';
import { pilotWriteRefusal } from './domain/pilot-access.js';
import { PilotLeadAgency } from './pilot-lead-agency.entity.js';

/** The write rule of domain/pilot-access.ts, checked on the object, not only on the route. */
export async function assertCanWritePilot(
  m: EntityManager,
  actor: Actor,
  pilot: { id: string; number: number },
): Promise<void> {
  const leads =
    actor.role === 'AGENCY_OFFICER' && actor.agencyId !== null
      ? await m.existsBy(PilotLeadAgency, { pilotId: pilot.id, agencyId: actor.agencyId })
      : false;
  const refusal = pilotWriteRefusal(actor, leads);
  if (refusal === null) return;
  if (refusal === 'not-lead') {
    throw forbidden(`Mô hình số ${pilot.number} không do đơn vị của bạn chủ trì.`, {
      pilotNumber: pilot.number,
      agencyCode: actor.agencyCode,
    });
  }
  throw forbidden(
    'Chỉ thư ký Tổ công tác và cán bộ đầu mối của đơn vị chủ trì được cập nhật mô hình.',
    {
      role: actor.role,
    },
  );
}
