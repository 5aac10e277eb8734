import type { Role } from '../access/domain/role.js';

export type { AuthenticatedUser } from '../access/actor.js';

export interface AccessTokenClaims {
  sub: string;
  role: Role;
}
