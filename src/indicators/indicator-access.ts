import { can } from '../access/domain/permissions.js';
import type { Actor } from '../access/actor.js';
import { forbidden } from '../common/domain-error.js';

/**
 * Who may enter an indicator's value: the secretariat (`indicators.writeAll`), and the officers
 * of the agency that owns the indicator. Checked on the object, as pilots are (pilot-access.ts).
 */
export function assertCanWriteIndicator(
  actor: Actor,
  indicator: { code: string; agencyId: string },
  ownerName: string,
): void {
  if (can(actor.role, 'indicators.writeAll')) return;
  if (actor.role === 'AGENCY_OFFICER' && actor.agencyId) {
    if (actor.agencyId === indicator.agencyId) return;
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
