import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { ownersAnsweredBy } from '../agencies/succession/owner-holders.js';
import { forbidden } from '../common/domain-error.js';
import { agencyLeadsPilot } from '../pilots/pilot-access.js';
import { pilotWriteRefusal } from '../pilots/domain/pilot-access.js';

/**
 * Who may write a milestone: the secretariat (pilots.writeAll), and officers of its owner agency
 * (or of whoever holds the owner's duties on `today`, after the 2025 reorganisation) or of one
 * of its pilot's current lead agencies. Everyone signed in reads it.
 */
export async function assertCanWriteMilestone(
  m: EntityManager,
  actor: Actor,
  target: { pilotId: string; pilotNumber: number; ownerAgencyId: string; today: string },
): Promise<void> {
  const concerned =
    actor.role === 'AGENCY_OFFICER' && actor.agencyId !== null
      ? (await ownersAnsweredBy(m, actor.agencyId, [target.ownerAgencyId], target.today)).has(
          target.ownerAgencyId,
        ) || (await agencyLeadsPilot(m, target.pilotId, actor.agencyId))
      : false;
  const refusal = pilotWriteRefusal(actor, concerned);
  if (refusal === null) return;
  if (refusal === 'not-lead') {
    throw forbidden(
      `Mốc này của mô hình số ${target.pilotNumber} không do đơn vị của bạn chịu trách nhiệm hay chủ trì.`,
      { pilotNumber: target.pilotNumber, agencyCode: actor.agencyCode },
    );
  }
  throw forbidden(
    'Chỉ thư ký Tổ công tác và cán bộ đầu mối của đơn vị chịu trách nhiệm hoặc chủ trì mô hình được cập nhật mốc.',
    { role: actor.role },
  );
}
