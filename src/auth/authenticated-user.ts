import type { Role } from '../access/domain/role.js';

export interface AccessTokenClaims {
  sub: string;
  role: Role;
}
