import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsOptional,
  Matches,
  MaxLength,
} from 'class-validator';
import { CalendarDay, EntityVersion, OneOf, Text } from '../common/validators.js';
import { AGENCY_KINDS, type AgencyKind } from './agency-kind.js';

export const AGENCY_CODE = /^[A-Z][A-Z0-9_]{1,31}$/;
/** Codes already in the data may be one letter long; new ones need two or more. */
const EXISTING_CODE = /^[A-Z][A-Z0-9_]{0,31}$/;

function Code(field: string, pattern: RegExp, options: { optional?: boolean } = {}) {
  return applyDecorators(
    options.optional
      ? ApiPropertyOptional({ type: String, example: 'BKHCN', nullable: true })
      : ApiProperty({ example: 'BKHCN', pattern: pattern.source }),
    ...(options.optional ? [IsOptional()] : []),
    Matches(pattern, { message: `${field} phải là mã viết hoa (chữ, số, _), ví dụ BKHCN` }),
  );
}

/** Focal-point addresses: trimmed, lower-cased, no repeats, at most 20. */
function ContactEmails() {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], example: ['dau-moi@khanhhoa.gov.vn'] }),
    IsOptional(),
    Transform(({ value }) =>
      Array.isArray(value)
        ? value.map((v) => (typeof v === 'string' ? v.normalize('NFC').trim().toLowerCase() : v))
        : value,
    ),
    IsArray({ message: 'contactEmails phải là danh sách email' }),
    ArrayMaxSize(20, { message: 'contactEmails tối đa 20 địa chỉ' }),
    ArrayUnique({ message: 'contactEmails không được lặp địa chỉ' }),
    IsEmail({}, { each: true, message: 'contactEmails chỉ gồm email hợp lệ' }),
    MaxLength(254, { each: true, message: 'mỗi email tối đa 254 ký tự' }),
  );
}

export class CreateAgencyDto {
  @Code('code', AGENCY_CODE)
  code: string;

  @Text('name', { max: 300, example: 'Bộ Khoa học và Công nghệ' })
  name: string;

  @Text('shortName', { max: 100, example: 'Bộ KH&CN' })
  shortName: string;

  @OneOf('kind', AGENCY_KINDS)
  kind: AgencyKind;

  @Code('parentCode', EXISTING_CODE, { optional: true })
  parentCode?: string;

  @ContactEmails()
  contactEmails?: string[];
}

export class UpdateAgencyDto {
  @EntityVersion()
  version: number;

  @Text('name', { max: 300, optional: true })
  name?: string;

  @Text('shortName', { max: 100, optional: true })
  shortName?: string;

  @OneOf('kind', AGENCY_KINDS, { optional: true })
  kind?: AgencyKind;

  /** null removes the parent. */
  @Code('parentCode', EXISTING_CODE, { optional: true })
  parentCode?: string | null;

  @ContactEmails()
  contactEmails?: string[];

  /** First day it exists under this name; null: since before the data begins. */
  @CalendarDay('validFrom', { optional: true, nullable: true })
  validFrom?: string | null;

  /**
   * First day it no longer exists under this name; null while it exists. Who takes over its
   * duties is a succession event, not a field of the agency.
   */
  @CalendarDay('validUntil', { optional: true, nullable: true })
  validUntil?: string | null;
}
