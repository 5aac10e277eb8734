import type { Role } from '../users/domain/role.js';

/** Who is calling, as the guard established it for this request. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  agencyId: string | null;
  agencyCode: string | null;
}

export interface AccessTokenClaims {
  sub: string;
  role: Role;
}
