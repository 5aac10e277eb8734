import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CalendarDay, Int } from '../common/validators.js';
import { NARRATIVE_LABELS, SECTION_MAX, type NarrativeText } from './report-text.js';

/*
 * What the secretariat writes for a period's report (PUT /periods/{period}/report-text) and the
 * defaults of the report's ký hiệu, địa danh, signer and Nơi nhận (PUT /periods/report-defaults). Texts are
 * NFC-normalised and trimmed; a section may be empty.
 */

const clean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.normalize('NFC').trim() : value;
const cleanLines = ({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? value
        .map((v) => (typeof v === 'string' ? v.normalize('NFC').trim() : v))
        .filter((v) => v !== '')
    : value;

/** A line of the document that may be empty (a signer without a second title). */
function Line(field: string, max: number, description: string) {
  return (target: object, key: string) => {
    ApiProperty({ maxLength: max, description })(target, key);
    Transform(clean)(target, key);
    IsString({ message: `${field} phải là chuỗi ký tự` })(target, key);
    MaxLength(max, { message: `${field} tối đa ${max} ký tự` })(target, key);
  };
}

export class ReportSignerDto {
  @Line(
    'signer.authority',
    120,
    'Quyền hạn: "TM. TỔ CÔNG TÁC", "KT. TỔ TRƯỞNG"; trống nếu ký trực tiếp',
  )
  authority: string;

  @Line('signer.title', 120, 'Chức vụ: "TỔ TRƯỞNG", "TỔ PHÓ THƯỜNG TRỰC"')
  title: string;

  @Line('signer.subtitle', 120, 'Chức danh in dưới chữ ký, như "CHỦ TỊCH UBND TỈNH"; có thể trống')
  subtitle: string;

  @Line('signer.name', 120, 'Họ tên người ký')
  name: string;
}

export class NarrativeSectionsDto implements NarrativeText {
  @Line('sections.results', SECTION_MAX, NARRATIVE_LABELS.results)
  results: string;

  @Line('sections.resultsMore', SECTION_MAX, NARRATIVE_LABELS.resultsMore)
  resultsMore: string;

  @Line('sections.assessment', SECTION_MAX, NARRATIVE_LABELS.assessment)
  assessment: string;

  @Line('sections.proposals', SECTION_MAX, NARRATIVE_LABELS.proposals)
  proposals: string;

  @Line('sections.tasks', SECTION_MAX, NARRATIVE_LABELS.tasks)
  tasks: string;
}

/** Nơi nhận: up to 40 lines of at most 300 characters; blank lines are dropped. */
function Distribution(nullable: boolean) {
  return (target: object, key: string) => {
    ApiProperty({
      type: [String],
      maxItems: 40,
      nullable,
      description: 'Nơi nhận, mỗi dòng một nơi (in sau dấu "- ")',
    })(target, key);
    if (nullable) ValidateIf((o: Record<string, unknown>) => o[key] !== null)(target, key);
    Transform(cleanLines)(target, key);
    IsArray({ message: 'distribution phải là danh sách' })(target, key);
    ArrayMaxSize(40, { message: 'distribution tối đa 40 dòng' })(target, key);
    IsString({ each: true, message: 'mỗi dòng của distribution phải là chuỗi ký tự' })(target, key);
    MaxLength(300, { each: true, message: 'mỗi dòng của distribution tối đa 300 ký tự' })(
      target,
      key,
    );
  };
}

export class ReportTextDto {
  @ApiProperty({ description: 'Phiên bản đang xem (0 khi kỳ chưa có nội dung lưu)' })
  @Int('version', 0, 2_000_000_000)
  version: number;

  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 60,
    example: '442/BC-TCTĐA06',
    description: 'Số, ký hiệu của báo cáo; null: để trống cho văn thư điền',
  })
  @ValidateIf((o: ReportTextDto) => o.reportNumber !== null)
  @Transform(clean)
  @IsString({ message: 'reportNumber phải là chuỗi ký tự' })
  @MinLength(1, { message: 'reportNumber không được để trống (gửi null để văn thư điền)' })
  @MaxLength(60, { message: 'reportNumber tối đa 60 ký tự' })
  reportNumber: string | null;

  @CalendarDay('reportDate', { optional: true, nullable: true })
  reportDate: string | null;

  @ApiProperty({
    type: ReportSignerDto,
    nullable: true,
    description: 'Người ký của riêng kỳ này; null: theo cài đặt chung',
  })
  @ValidateIf((o: ReportTextDto) => o.signer !== null)
  @IsObject({ message: 'signer phải là đối tượng hoặc null' })
  @ValidateNested()
  @Type(() => ReportSignerDto)
  signer: ReportSignerDto | null;

  @Distribution(true)
  distribution: string[] | null;

  @ApiProperty({ type: NarrativeSectionsDto })
  @IsObject({ message: 'sections phải là đối tượng' })
  @ValidateNested()
  @Type(() => NarrativeSectionsDto)
  sections: NarrativeSectionsDto;
}

export class ReportDefaultsDto {
  @ApiProperty({ description: 'Phiên bản đang xem (0 khi đang dùng mặc định)' })
  @Int('version', 0, 2_000_000_000)
  version: number;

  @ApiProperty({
    required: false,
    maxLength: 40,
    example: 'BC-TCTĐA06',
    description:
      'Ký hiệu in sau số báo cáo ("Số:      /BC-TCTĐA06" khi để trống số); không gửi: giữ như đang dùng',
  })
  @IsOptional()
  @Transform(clean)
  @IsString({ message: 'symbol phải là chuỗi ký tự' })
  @MinLength(1, { message: 'symbol không được để trống' })
  @MaxLength(40, { message: 'symbol tối đa 40 ký tự' })
  @Matches(/^[^\s/]+$/u, {
    message: 'symbol là ký hiệu liền, không có khoảng trắng hay dấu "/", ví dụ BC-TCTĐA06',
  })
  symbol?: string;

  @ApiProperty({
    required: false,
    maxLength: 60,
    example: 'Khánh Hòa',
    description: 'Địa danh trước ngày ban hành ("Khánh Hòa, ngày …"); không gửi: giữ như đang dùng',
  })
  @IsOptional()
  @Transform(clean)
  @IsString({ message: 'place phải là chuỗi ký tự' })
  @MinLength(1, { message: 'place không được để trống' })
  @MaxLength(60, { message: 'place tối đa 60 ký tự' })
  place?: string;

  @ApiProperty({ type: ReportSignerDto })
  @IsObject({ message: 'signer phải là đối tượng' })
  @ValidateNested()
  @Type(() => ReportSignerDto)
  signer: ReportSignerDto;

  @Distribution(false)
  distribution: string[];
}
