import type { User } from './user.entity.js';
import type { UserView } from './user.view.js';

// Apart from user.view.ts, whose classes load the OpenAPI decorators (@nestjs/swagger), so that
// what reads accounts without serving them over HTTP (the CLI) does not load those.

/** `user.agency` must be loaded (or the code given) for `agencyCode`. */
export function toUserView(u: User, agencyCode: string | null = u.agency?.code ?? null): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    agencyCode,
    disabled: u.disabledAt !== null,
    disabledAt: u.disabledAt?.toISOString() ?? null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
  };
}
