import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../common/pagination.js';
import { ROLES, type Role } from '../access/domain/role.js';

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
