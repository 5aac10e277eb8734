import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

/**
 * Field decorators with Vietnamese messages. Texts are trimmed and NFC-normalised before they
 * are checked, so "Khánh Hòa" typed with combining marks is stored like the report spells it.
 */
const clean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.normalize('NFC').trim() : value;

export function Text(
  field: string,
  options: { max: number; optional?: boolean; example?: string; description?: string },
) {
  return applyDecorators(
    options.optional
      ? ApiPropertyOptional({
          maxLength: options.max,
          example: options.example,
          description: options.description,
        })
      : ApiProperty({
          maxLength: options.max,
          example: options.example,
          description: options.description,
        }),
    ...(options.optional ? [IsOptional()] : []),
    Transform(clean),
    IsString({ message: `${field} phải là chuỗi ký tự` }),
    MinLength(1, { message: `${field} không được để trống` }),
    MaxLength(options.max, { message: `${field} tối đa ${options.max} ký tự` }),
  );
}

export function OneOf<T extends string>(
  field: string,
  values: readonly T[],
  options: { optional?: boolean } = {},
) {
  return applyDecorators(
    options.optional ? ApiPropertyOptional({ enum: values }) : ApiProperty({ enum: values }),
    ...(options.optional ? [IsOptional()] : []),
    IsIn(values as readonly string[] as string[], {
      message: `${field} phải là một trong: ${values.join(', ')}`,
    }),
  );
}

export function EntityVersion(options: { optional?: boolean } = {}) {
  return applyDecorators(
    options.optional
      ? ApiPropertyOptional({
          description: 'Phiên bản đang xem; sai lệch trả về 409 VERSION_CONFLICT',
        })
      : ApiProperty({ description: 'Phiên bản đang xem; sai lệch trả về 409 VERSION_CONFLICT' }),
    ...(options.optional ? [IsOptional()] : []),
    IsInt({ message: 'version phải là số nguyên' }),
    Min(1, { message: 'version phải từ 1' }),
    Max(2_000_000_000, { message: 'version quá lớn' }),
  );
}

export function PilotNumber(field = 'pilotNumber', options: { optional?: boolean } = {}) {
  return applyDecorators(
    options.optional ? ApiPropertyOptional({ minimum: 1 }) : ApiProperty({ minimum: 1 }),
    ...(options.optional ? [IsOptional()] : []),
    IsInt({ message: `${field} phải là số nguyên` }),
    Min(1, { message: `${field} phải từ 1` }),
    Max(999_999_999, { message: `${field} quá lớn` }),
  );
}

export const PERIOD_REGEX = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

export function Period(field = 'period', options: { optional?: boolean } = {}) {
  return applyDecorators(
    options.optional
      ? ApiPropertyOptional({ example: '2024-01' })
      : ApiProperty({ example: '2024-01' }),
    ...(options.optional ? [IsOptional()] : []),
    Matches(PERIOD_REGEX, { message: `${field} phải có dạng YYYY-MM, ví dụ 2024-01` }),
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day `YYYY-MM-DD` that exists (no 2023-02-30). */
export function CalendarDay(field: string, options: { optional?: boolean } = {}) {
  return applyDecorators(
    options.optional
      ? ApiPropertyOptional({ example: '2023-10-09' })
      : ApiProperty({ example: '2023-10-09' }),
    ...(options.optional ? [IsOptional()] : []),
    Matches(DAY, { message: `${field} phải có dạng YYYY-MM-DD` }),
    Transform(({ value }) =>
      typeof value === 'string' &&
      DAY.test(value) &&
      new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
        ? `invalid:${value}`
        : value,
    ),
  );
}

/** An instant in ISO 8601 with its offset, e.g. 2023-10-09T08:00:00+07:00. */
export function Instant(field: string, options: { optional?: boolean } = {}) {
  return applyDecorators(
    options.optional
      ? ApiPropertyOptional({
          type: String,
          format: 'date-time',
          example: '2023-10-09T08:00:00+07:00',
        })
      : ApiProperty({ type: String, format: 'date-time', example: '2023-10-09T08:00:00+07:00' }),
    ...(options.optional ? [IsOptional()] : []),
    Transform(({ value }) => {
      if (
        typeof value !== 'string' ||
        !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
      )
        return value;
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? value : date;
    }),
    IsDate({
      message: `${field} phải là thời điểm ISO 8601 có múi giờ, ví dụ 2023-10-09T08:00:00+07:00`,
    }),
  );
}

export function AgencyCodes(
  field: string,
  options: { min: number; max: number; optional?: boolean },
) {
  return applyDecorators(
    options.optional
      ? ApiPropertyOptional({ type: [String], example: ['BYT'] })
      : ApiProperty({ type: [String], example: ['BYT'] }),
    ...(options.optional ? [IsOptional()] : []),
    IsArray({ message: `${field} phải là danh sách mã cơ quan` }),
    ArrayMinSize(options.min, { message: `${field} cần ít nhất ${options.min} mã cơ quan` }),
    ArrayMaxSize(options.max, { message: `${field} tối đa ${options.max} mã` }),
    ArrayUnique({ message: `${field} không được lặp mã` }),
    Matches(/^[A-Z][A-Z0-9_]{0,31}$/, {
      each: true,
      message: `${field} chỉ gồm mã cơ quan viết hoa, ví dụ BYT`,
    }),
  );
}

export function Uuids(field: string, options: { max: number; optional?: boolean }) {
  return applyDecorators(
    options.optional
      ? ApiPropertyOptional({ type: [String], format: 'uuid' })
      : ApiProperty({ type: [String], format: 'uuid' }),
    ...(options.optional ? [IsOptional()] : []),
    IsArray({ message: `${field} phải là danh sách mã định danh` }),
    ArrayMaxSize(options.max, { message: `${field} tối đa ${options.max} phần tử` }),
    ArrayUnique({ message: `${field} không được lặp` }),
    IsUUID('all', { each: true, message: `${field} chỉ gồm mã định danh (UUID) hợp lệ` }),
  );
}

export function Int(field: string, min: number, max: number) {
  return applyDecorators(
    IsInt({ message: `${field} phải là số nguyên` }),
    Min(min, { message: `${field} phải từ ${min}` }),
    Max(max, { message: `${field} tối đa ${max}` }),
  );
}

/** `?q=`: trimmed, NFC, matched without diacritics by the services. */
export function SearchText(field = 'q') {
  return applyDecorators(
    ApiPropertyOptional({ maxLength: 200, description: 'Tìm không phân biệt dấu và hoa thường' }),
    IsOptional(),
    Transform(clean),
    IsString({ message: `${field} phải là chuỗi ký tự` }),
    MaxLength(200, { message: `${field} tối đa 200 ký tự` }),
  );
}

/** `?pilot=7`: a pilot number given as query text. */
export function PilotFilter(field = 'pilot') {
  return applyDecorators(
    Type(() => Number),
    PilotNumber(field, { optional: true }),
  );
}
