import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../common/pagination.js';
import { ROLES, type Role } from '../access/domain/role.js';
import type { User } from './user.entity.js';

/** An account as the API shows it: never the password hash. */
export class UserView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'syt@demo.example' })
  email!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: String, nullable: true, example: 'SYT' })
  agencyCode!: string | null;

  @ApiProperty()
  disabled!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  disabledAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastLoginAt!: string | null;

  @ApiProperty()
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class UserPage extends PageOf(UserView) {}

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
