import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  ValidateIf,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { FIRST_YEAR, LAST_YEAR } from './domain/accepted-years.js';

/**
 * Field decorators with Vietnamese messages. Texts are trimmed and NFC-normalised before they
 * are checked, so "Khánh Hòa" typed with combining marks is stored like the report spells it.
 */
const clean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.normalize('NFC').trim() : value;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A NUL (PostgreSQL cannot store it) or half of a UTF-16 surrogate pair (no character at all,
 * and no UTF-8 for it). The validation pipe refuses both anywhere in a body or query.
 */
export function hasUnstorableCharacter(text: string): boolean {
  return text.includes('\0') || LONE_SURROGATE.test(text);
}

export const UNSTORABLE_PROBLEM =
  'chứa ký tự không được phép (ký tự NUL hoặc ký tự Unicode không hợp lệ)';

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

/** One of a fixed list of codes; the message lists them. A query's filter is `optional`. */
export function OneOf<T extends string>(
  field: string,
  values: readonly T[],
  options: { optional?: boolean; description?: string } = {},
) {
  const doc = options.description
    ? { enum: values, description: options.description }
    : { enum: values };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
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

/** How messages name the accepted years; the web forms recognise it to say it their way. */
export const YEAR_RANGE = `từ năm ${FIRST_YEAR} đến ${LAST_YEAR}`;

/** `YYYY-MM` with a year from FIRST_YEAR to LAST_YEAR (2000–2100). */
export const PERIOD_REGEX = /^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])$/;

export function Period(field = 'period', options: { optional?: boolean } = {}) {
  return applyDecorators(
    options.optional
      ? ApiPropertyOptional({ example: '2024-01' })
      : ApiProperty({ example: '2024-01' }),
    ...(options.optional ? [IsOptional()] : []),
    Matches(PERIOD_REGEX, {
      message: `${field} phải có dạng YYYY-MM, ${YEAR_RANGE}, ví dụ 2024-01`,
    }),
  );
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` naming a day that exists (no 2023-02-30, no 2023-13-01), of any year. */
function isRealDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // Date.UTC would read 0000–0099 as 1900–1999
  return (
    month >= 1 &&
    month <= 12 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

const inYears = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
};

/** A day `YYYY-MM-DD` that exists and lies within the accepted years. */
export function isAcceptedDay(value: string): boolean {
  return isRealDay(value) && inYears(value);
}

/** Refuses a well-formed day outside the accepted years (the format has its own message). */
function WithinYears(field: string) {
  return ValidateBy({
    name: 'withinYears',
    validator: {
      validate: (value: unknown) =>
        !(typeof value === 'string' && DAY.test(value)) || inYears(value),
      defaultMessage: () => `${field} phải ${YEAR_RANGE}`,
    },
  });
}

/** A calendar day `YYYY-MM-DD` that exists (no 2023-02-30), from 2000 to 2100. */
export function CalendarDay(
  field: string,
  options: { optional?: boolean; nullable?: boolean } = {},
) {
  return applyDecorators(
    options.optional
      ? ApiPropertyOptional({
          type: String,
          format: 'date',
          example: '2023-10-09',
          ...(options.nullable ? { nullable: true } : {}),
        })
      : ApiProperty({ type: String, format: 'date', example: '2023-10-09' }),
    ...(options.optional ? [IsOptional()] : []),
    Matches(DAY, { message: `${field} phải có dạng YYYY-MM-DD` }),
    WithinYears(field),
    Transform(({ value }) =>
      typeof value === 'string' && DAY.test(value) && !isRealDay(value)
        ? `invalid:${value}`
        : value,
    ),
  );
}

const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * An ISO 8601 instant with its offset, strictly: the day exists, the time is 00:00–23:59:59, the
 * offset at most ±14:00 (no 2026-02-30 or T24:00 rolling over to the next day). Undefined otherwise.
 */
export function parseInstant(value: string): Date | undefined {
  const m = INSTANT.exec(value);
  if (!m || !isRealDay(m[1])) return undefined;
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (m[5] !== undefined && (Number(m[5]) > 14 || Number(m[6]) > 59)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** An instant in ISO 8601 with its offset, e.g. 2023-10-09T08:00:00+07:00, from 2000 to 2100. */
export function Instant(
  field: string,
  options: { optional?: boolean; nullable?: boolean; description?: string } = {},
) {
  const doc: ApiPropertyOptions = {
    type: String,
    format: 'date-time',
    example: '2023-10-09T08:00:00+07:00',
    nullable: options.nullable,
    description: options.description,
  };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    ...(options.optional ? [IsOptional()] : []),
    ...(options.nullable ? [ValidateIf((_, value) => value !== null)] : []),
    Transform(({ value }) => {
      if (typeof value !== 'string') return value;
      const date = parseInstant(value);
      return date && inYears(value) ? date : value;
    }),
    ValidateBy({
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => value instanceof Date,
        // One message: the years when the instant exists but lies outside them.
        defaultMessage: (args) =>
          typeof args?.value === 'string' && parseInstant(args.value)
            ? `${field} phải ${YEAR_RANGE}`
            : `${field} phải là thời điểm ISO 8601 có múi giờ, ví dụ 2023-10-09T08:00:00+07:00`,
      },
    }),
  );
}

export function AgencyCodes(
  field: string,
  options: {
    min: number;
    max: number;
    optional?: boolean;
    example?: string[];
    description?: string;
  },
) {
  const doc: ApiPropertyOptions = {
    type: [String],
    example: options.example ?? ['BYT'],
    description: options.description,
  };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
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

/** One agency code, e.g. BYT. */
export function AgencyCode(
  field: string,
  options: { optional?: boolean; description?: string } = {},
) {
  const doc: ApiPropertyOptions = {
    type: String,
    example: 'BYT',
    description: options.description,
  };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    ...(options.optional ? [IsOptional()] : []),
    IsString({ message: `${field} phải là mã cơ quan` }),
    Matches(/^[A-Z][A-Z0-9_]{0,31}$/, {
      message: `${field} chỉ gồm mã cơ quan viết hoa, ví dụ BYT`,
    }),
  );
}

/** One identifier (UUID). */
export function Uuid(field: string) {
  return applyDecorators(
    ApiProperty({ type: String, format: 'uuid' }),
    IsUUID('all', { message: `${field} phải là mã định danh (UUID) hợp lệ` }),
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
