import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { forbidden } from '../common/domain-error.js';
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

/** Throws 403 FORBIDDEN unless the actor has one of the roles. */
export function assertRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) {
    throw forbidden(`Thao tác này dành cho: ${roles.map((r) => ROLE_NAMES[r]).join(', ')}.`, {
      role: actor.role,
      allowedRoles: roles,
    });
  }
}
