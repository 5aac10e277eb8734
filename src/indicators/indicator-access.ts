import type { EntityManager } from 'typeorm';
import { can } from '../access/domain/permissions.js';
import type { Actor } from '../access/actor.js';
import { ownersAnsweredBy } from '../agencies/succession/owner-holders.js';
import { forbidden } from '../common/domain-error.js';

/**
 * The owners, of `ownerIds`, whose indicators are the user's to enter on `today`: for an agency
 * officer, its agency's own and those of agencies whose duties it holds that day (merged into it
 * in the 2025 reorganisation, product.md §9), as milestones (ownersAnsweredBy); none for anyone
 * else (the secretariat enters any indicator by its role, not as an owner).
 */
export async function indicatorOwnersHeld(
  m: EntityManager,
  actor: Actor,
  ownerIds: readonly string[],
  today: string,
): Promise<Set<string>> {
  return actor.role === 'AGENCY_OFFICER'
    ? ownersAnsweredBy(m, actor.agencyId, ownerIds, today)
    : new Set();
}

/**
 * Who may enter an indicator's value: the secretariat (`indicators.writeAll`), and the officers
 * of the agency that owns the indicator or, from a succession's effective day, of whoever holds
 * the owner's duties on `today` (indicatorOwnersHeld). Checked on the object, as pilots are
 * (pilot-access.ts).
 */
export async function assertCanWriteIndicator(
  m: EntityManager,
  actor: Actor,
  indicator: { code: string; agencyId: string },
  ownerName: string,
  today: string,
): Promise<void> {
  if (can(actor.role, 'indicators.writeAll')) return;
  if (actor.role === 'AGENCY_OFFICER' && actor.agencyId) {
    if ((await indicatorOwnersHeld(m, actor, [indicator.agencyId], today)).has(indicator.agencyId))
      return;
    throw forbidden(`Chỉ số ${indicator.code} do ${ownerName} nhập, không phải đơn vị của bạn.`, {
      indicatorCode: indicator.code,
      agencyCode: actor.agencyCode,
    });
  }
  throw forbidden(
    'Chỉ thư ký Tổ công tác và cán bộ đầu mối của đơn vị chịu trách nhiệm được nhập số liệu chỉ số.',
    { role: actor.role },
  );
}
