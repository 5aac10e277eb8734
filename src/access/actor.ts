import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { forbidden } from '../common/domain-error.js';
import { can, rolesWith, type Permission } from './domain/permissions.js';
import type { Role } from './domain/role.js';

/** Who is calling, as the guard established it for this request. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  agencyId: string | null;
  agencyCode: string | null;
}

/** Who is acting, and the request it came with: what every write records in the audit trail. */
export interface Actor extends AuthenticatedUser {
  requestId: string | null;
}

/** The system itself (start-up loads, scheduled jobs). */
export const SYSTEM_ACTOR: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  email: 'system',
  name: 'Hệ thống',
  role: 'ADMIN',
  agencyId: null,
  agencyCode: null,
  requestId: null,
};

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<{ user: AuthenticatedUser; id?: string }>();
  return { ...request.user, requestId: request.id ?? null };
});

const ROLE_NAMES: Record<Role, string> = {
  ADMIN: 'quản trị',
  SECRETARIAT: 'thư ký (cơ quan thường trực)',
  AGENCY_OFFICER: 'cán bộ đầu mối',
  LEADERSHIP: 'lãnh đạo',
};

/** The roles that have the permission, named for a message: "thư ký (cơ quan thường trực), lãnh đạo". */
export function roleNamesWith(permission: Permission): string {
  return rolesWith(permission)
    .map((r) => ROLE_NAMES[r])
    .join(', ');
}

/** Throws 403 FORBIDDEN unless the actor's role has the permission (domain/permissions.ts). */
export function assertAllowed(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) {
    throw forbidden(`Thao tác này dành cho: ${roleNamesWith(permission)}.`, {
      role: actor.role,
      allowedRoles: rolesWith(permission),
      permission,
    });
  }
}
