import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { EntityVersion, OneOf, Text } from '../common/validators.js';
import { ACCOUNT_ADDRESS, normalizeEmail } from './email-address.js';
import { ROLES, type Role } from '../access/domain/role.js';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
const AGENCY_CODE = /^[A-Z][A-Z0-9_]{0,31}$/;

function Email() {
  return applyDecorators(
    ApiProperty({ example: 'can-bo@khanhhoa.gov.vn' }),
    Transform(({ value }) => (typeof value === 'string' ? normalizeEmail(value) : value)),
    IsEmail({}, { message: 'email không đúng định dạng' }),
    Matches(ACCOUNT_ADDRESS, {
      message:
        'email chỉ gồm chữ cái không dấu, chữ số và . _ - + @ (tên miền tiếng Việt: dạng xn--)',
    }),
    MaxLength(254, { message: 'email tối đa 254 ký tự' }),
  );
}

/** Not trimmed: spaces may be part of a passphrase. */
function Password(options: { optional?: boolean } = {}) {
  return applyDecorators(
    options.optional
      ? ApiPropertyOptional({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
      : ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX }),
    ...(options.optional ? [IsOptional()] : []),
    IsString({ message: 'password phải là chuỗi' }),
    MinLength(PASSWORD_MIN, { message: `password phải có ít nhất ${PASSWORD_MIN} ký tự` }),
    MaxLength(PASSWORD_MAX, { message: `password tối đa ${PASSWORD_MAX} ký tự` }),
  );
}

export function AgencyCode(field: string, description: string) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, example: 'SYT', nullable: true, description }),
    IsOptional(),
    Matches(AGENCY_CODE, { message: `${field} phải là mã cơ quan viết hoa, ví dụ SYT` }),
  );
}

export class CreateUserDto {
  @Email()
  email: string;

  @Text('name', { max: 200, example: 'Nguyễn Văn An' })
  name: string;

  @OneOf('role', ROLES)
  role: Role;

  @AgencyCode('agencyCode', 'Bắt buộc với AGENCY_OFFICER, không dùng cho vai trò khác')
  agencyCode?: string;

  @Password()
  password: string;
}

export class UpdateUserDto {
  @EntityVersion()
  version: number;

  @Text('name', { max: 200, optional: true })
  name?: string;

  @OneOf('role', ROLES, { optional: true })
  role?: Role;

  @AgencyCode('agencyCode', 'null để bỏ; rời vai trò AGENCY_OFFICER thì tự bỏ')
  agencyCode?: string | null;

  @Password({ optional: true })
  password?: string;

  @ApiPropertyOptional({ description: 'true: khóa tài khoản ngay; false: mở lại' })
  @IsOptional()
  @IsBoolean({ message: 'disabled phải là true hoặc false' })
  disabled?: boolean;
}

/** The password alone, as `npm run cli -- user:set-password` checks it. */
export class PasswordDto {
  @Password()
  password: string;
}
