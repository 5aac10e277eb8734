import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { forbidden } from '../common/domain-error.js';
import { currentLeadAgencySql } from './domain/lead-agency-validity.js';
import { pilotWriteRefusal } from './domain/pilot-access.js';

/** Whether the agency currently leads the pilot (one of its current lead agencies). */
export async function agencyLeadsPilot(
  m: EntityManager,
  pilotId: string,
  agencyId: string,
): Promise<boolean> {
  const rows = (await m.query(
    `SELECT 1 FROM pilot_lead_agency l
      WHERE l.pilot_id = $1 AND l.agency_id = $2 AND ${currentLeadAgencySql('l')} LIMIT 1`,
    [pilotId, agencyId],
  )) as unknown[];
  return rows.length > 0;
}

/** The write rule of domain/pilot-access.ts, checked on the object, not only on the route. */
export async function assertCanWritePilot(
  m: EntityManager,
  actor: Actor,
  pilot: { id: string; number: number },
): Promise<void> {
  const leads =
    actor.role === 'AGENCY_OFFICER' && actor.agencyId !== null
      ? await agencyLeadsPilot(m, pilot.id, actor.agencyId)
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
