import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { holdersOn } from '../agencies/succession/succession-steps.js';
import { forbidden } from '../common/domain-error.js';
import { agencyLeadsPilot } from '../pilots/pilot-access.js';
import { pilotWriteRefusal } from '../pilots/domain/pilot-access.js';

/**
 * The agency that holds each owner's duties on `today` (the owner itself while it exists; its
 * main successor once merged or renamed), by owner id; none for a split without a main one.
 * Its officers are reminded of the owner's milestones and may write them.
 */
export async function ownerHolders(
  m: EntityManager,
  ownerIds: readonly string[],
  today: string,
): Promise<Map<string, string>> {
  const held = new Map<string, string>();
  if (ownerIds.length === 0) return held;
  for (const [owner, holder] of await holdersOn(m, [...new Set(ownerIds)], today, 'MAIN'))
    if (holder.status === 'HELD_BY') held.set(owner, holder.agency);
  return held;
}

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
      ? actor.agencyId === target.ownerAgencyId ||
        (await agencyLeadsPilot(m, target.pilotId, actor.agencyId)) ||
        (await ownerHolders(m, [target.ownerAgencyId], target.today)).get(target.ownerAgencyId) ===
          actor.agencyId
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
