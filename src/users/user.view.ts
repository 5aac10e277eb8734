import type { Role } from './domain/role.js';
import type { User } from './user.entity.js';

/** An account as the API shows it: never the password hash. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  agencyCode: string | null;
  disabled: boolean;
  disabledAt: string | null;
  lastLoginAt: string | null;
  version: number;
  createdAt: string;
}

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
