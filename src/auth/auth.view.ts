import { ApiProperty } from '@nestjs/swagger';
import { PERMISSION_NAMES, type Permission } from '../access/domain/permissions.js';
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

  @ApiProperty({
    enum: PERMISSION_NAMES,
    isArray: true,
    example: ['letters.draft'],
    description:
      'Những gì vai trò này được làm ở mọi nơi (bảng quyền src/access/domain/permissions.ts). ' +
      'Quyền trên từng đối tượng (cán bộ đầu mối với mô hình đơn vị mình chủ trì) nằm ở allowedActions / allowedCommands của đối tượng đó.',
  })
  permissions!: Permission[];
}

export class LoginResult {
  @ApiProperty({ description: 'JWT; gửi lại trong Authorization: Bearer …' })
  accessToken!: string;

  @ApiProperty({ type: SignedInUserView })
  user!: SignedInUserView;
}
