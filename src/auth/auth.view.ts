import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../access/domain/role.js';

/** Who signed in, as the sign-in answer shows it. */
export class SignedInUserView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'syt@demo.example' })
  email!: string;

  @ApiProperty({ example: 'Cán bộ đầu mối Sở Y tế' })
  name!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: String, nullable: true, example: 'SYT' })
  agencyCode!: string | null;
}

export class LoginResult {
  @ApiProperty({ description: 'JWT; gửi lại trong Authorization: Bearer …' })
  accessToken!: string;

  @ApiProperty({ type: SignedInUserView })
  user!: SignedInUserView;
}
