import { ApiProperty } from '@nestjs/swagger';
import { NarrativeSectionsDto, ReportSignerDto } from './report-text.dto.js';

/** The report's defaults: ký hiệu, địa danh, signer and Nơi nhận (GET /periods/report-defaults). */
export class ReportDefaultsView {
  @ApiProperty({ example: 'BC-TCTĐA06', description: 'Ký hiệu in sau số báo cáo' })
  symbol!: string;

  @ApiProperty({ example: 'Khánh Hòa', description: 'Địa danh trước ngày ban hành' })
  place!: string;

  @ApiProperty({ type: ReportSignerDto })
  signer!: ReportSignerDto;

  @ApiProperty({ type: [String] })
  distribution!: string[];

  @ApiProperty({ description: '0 khi đang dùng mặc định' })
  version!: number;
}

/** A period's report text as the secretariat edits it (GET /periods/{period}/report-text). */
export class ReportTextView {
  @ApiProperty({ example: '2023-12' })
  period!: string;

  @ApiProperty({ description: 'Kỳ đã chốt: nội dung không sửa được nữa' })
  locked!: boolean;

  @ApiProperty({ description: 'Kỳ đã có nội dung lưu riêng' })
  stored!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2023-12',
    description: 'Chưa lưu: các phần nội dung lấy từ kỳ này làm bản nháp',
  })
  carriedFrom!: string | null;

  @ApiProperty({ description: '0 khi kỳ chưa có nội dung lưu' })
  version!: number;

  @ApiProperty({ type: String, nullable: true, example: '442/BC-TCTĐA06' })
  reportNumber!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date', example: '2023-12-20' })
  reportDate!: string | null;

  @ApiProperty({
    type: ReportSignerDto,
    nullable: true,
    description: 'Người ký riêng của kỳ; null: theo cài đặt chung (defaults)',
  })
  signer!: ReportSignerDto | null;

  @ApiProperty({
    type: [String],
    nullable: true,
    description: 'Nơi nhận riêng của kỳ; null: theo cài đặt chung',
  })
  distribution!: string[] | null;

  @ApiProperty({ type: NarrativeSectionsDto })
  sections!: NarrativeSectionsDto;

  @ApiProperty({ type: ReportDefaultsView, description: 'Cài đặt chung đang áp dụng' })
  defaults!: ReportDefaultsView;
}
