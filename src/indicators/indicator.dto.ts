import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { BooleanFilter } from '../common/query-params.js';
import { EntityVersion, OneOf, Period, PilotNumber, Text } from '../common/validators.js';
import {
  INDICATOR_CODE_PATTERN,
  INDICATOR_KINDS,
  REPORT_SECTION_PATTERN,
  type IndicatorKind,
} from './domain/indicator-kind.js';

const CODE = new RegExp(INDICATOR_CODE_PATTERN);
const SECTION = new RegExp(REPORT_SECTION_PATTERN);
const AGENCY_CODE = /^[A-Z][A-Z0-9_]{0,31}$/;

const Section = (optional = false) =>
  applyDecorators(
    optional
      ? ApiPropertyOptional({ example: 'I.4.3', pattern: SECTION.source })
      : ApiProperty({ example: 'I.4.3', pattern: SECTION.source }),
    ...(optional ? [IsOptional()] : []),
    Matches(SECTION, { message: 'section phải là mục của báo cáo, ví dụ I.4.3' }),
  );

const OwningAgency = (optional = false) =>
  applyDecorators(
    optional
      ? ApiPropertyOptional({ example: 'STTTT', description: 'Mã đơn vị chịu trách nhiệm số liệu' })
      : ApiProperty({ example: 'STTTT', description: 'Mã đơn vị chịu trách nhiệm số liệu' }),
    ...(optional ? [IsOptional()] : []),
    Matches(AGENCY_CODE, { message: 'agencyCode phải là mã cơ quan viết hoa, ví dụ STTTT' }),
  );

const DisplayOrder = (optional = false) =>
  applyDecorators(
    optional ? ApiPropertyOptional({ minimum: 0 }) : ApiProperty({ minimum: 0 }),
    ...(optional ? [IsOptional()] : []),
    IsInt({ message: 'displayOrder phải là số nguyên' }),
    Min(0, { message: 'displayOrder phải từ 0' }),
    Max(100_000, { message: 'displayOrder tối đa 100000' }),
  );

const MetricKey = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: String,
      nullable: true,
      description: 'Chỉ số tỷ lệ của mô hình: khóa trong metrics của báo cáo mang mẫu số',
      example: 'tongSoCoSoKcbBhyt',
    }),
    IsOptional(),
    Matches(CODE, { message: 'denominatorMetric phải là tên khóa (chữ, số, _)' }),
  );

/** The unit; empty for a percentage. */
const Unit = (optional = false) =>
  applyDecorators(
    optional
      ? ApiPropertyOptional({ maxLength: 50, example: 'hồ sơ' })
      : ApiProperty({ maxLength: 50, example: 'hồ sơ', description: 'Đơn vị tính; rỗng với %' }),
    ...(optional ? [IsOptional()] : []),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.normalize('NFC').trim() : value,
    ),
    IsString({ message: 'unit phải là chuỗi ký tự' }),
    MaxLength(50, { message: 'unit tối đa 50 ký tự' }),
  );

export class CreateIndicatorDto {
  @ApiProperty({ example: 'hoSoSoHoa', pattern: CODE.source })
  @Matches(CODE, { message: 'code phải bắt đầu bằng chữ, gồm chữ, số, _ (tối đa 64 ký tự)' })
  code: string;

  @Text('name', { max: 300, example: 'Hồ sơ, kết quả giải quyết TTHC đã được số hóa' })
  name: string;

  @Unit()
  unit: string;

  @OneOf('kind', INDICATOR_KINDS)
  kind: IndicatorKind;

  /** Absent: a province-wide indicator. */
  @PilotNumber('pilotNumber', { optional: true })
  pilotNumber?: number;

  @OwningAgency()
  agencyCode: string;

  @Section()
  section: string;

  @DisplayOrder()
  displayOrder: number;

  @ApiPropertyOptional({ description: 'Đang theo dõi (mặc định true)' })
  @IsOptional()
  @IsBoolean({ message: 'active phải là true hoặc false' })
  active?: boolean;

  @MetricKey()
  denominatorMetric?: string | null;
}

/** The code and the scope stay; everything else may change. */
export class UpdateIndicatorDto {
  @EntityVersion()
  version: number;

  @Text('name', { max: 300, optional: true })
  name?: string;

  @Unit(true)
  unit?: string;

  @OneOf('kind', INDICATOR_KINDS, { optional: true })
  kind?: IndicatorKind;

  @OwningAgency(true)
  agencyCode?: string;

  @Section(true)
  section?: string;

  @DisplayOrder(true)
  displayOrder?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'active phải là true hoặc false' })
  active?: boolean;

  @MetricKey()
  denominatorMetric?: string | null;
}

const Figure = (field: string, optional: boolean, description: string) =>
  applyDecorators(
    optional
      ? ApiPropertyOptional({ description, nullable: true })
      : ApiProperty({ description, example: 268905 }),
    ...(optional ? [IsOptional()] : []),
    IsNumber(
      { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 },
      { message: `${field} phải là số (tối đa 4 chữ số thập phân)` },
    ),
    Min(0, { message: `${field} không được âm` }),
    Max(1e15, { message: `${field} quá lớn` }),
  );

/** An indicator's value for a period, entered as a pilot report is. */
export class IndicatorValueDto {
  @Period()
  period: string;

  @Figure('value', false, 'Giá trị (tử số với chỉ số tỷ lệ; số phần trăm với chỉ số %)')
  value: number;

  @Figure('denominator', true, 'Mẫu số của chỉ số tỷ lệ (475 trong 460/475)')
  denominator?: number | null;

  @Text('note', { max: 2_000, optional: true, description: 'Ghi chú, nguồn số liệu' })
  note?: string;

  /** As a pilot report: 0 when entering the period's first value; absent, last write wins. */
  @ApiPropertyOptional({
    description:
      'Phiên bản giá trị đang sửa; 0 khi nhập giá trị đầu tiên của kỳ (nếu đã có: 409 VERSION_CONFLICT)',
  })
  @IsOptional()
  @IsInt({ message: 'version phải là số nguyên' })
  @Min(0, { message: 'version phải từ 0' })
  @Max(2_000_000_000, { message: 'version quá lớn' })
  version?: number;
}

export class IndicatorQuery {
  /** PROVINCE, or a pilot's number: that scope only. */
  @ApiPropertyOptional({ description: 'PROVINCE hoặc số mô hình', example: 'PROVINCE' })
  @IsOptional()
  @Matches(/^(PROVINCE|[1-9][0-9]{0,8})$/, {
    message: 'scope phải là PROVINCE hoặc số mô hình',
  })
  scope?: string;

  @BooleanFilter('active', 'Chỉ các chỉ số đang dùng (true) hoặc đã ngừng (false)')
  active?: boolean;

  @BooleanFilter('history', 'Kèm mọi giá trị của chỉ số theo kỳ, mới nhất trước (history)')
  history?: boolean;

  /** Each indicator with its value of this period (null when none was entered). */
  @Period('period', { optional: true })
  period?: string;
}
