import { ApiProperty } from '@nestjs/swagger';

/** A report period: whether its data is locked, and how many progress reports it holds. */
export class PeriodView {
  @ApiProperty({ example: '2023-12' })
  period!: string;

  @ApiProperty({ description: 'Đã chốt số liệu: báo cáo của kỳ không sửa được nữa' })
  locked!: boolean;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  lockedAt!: string | null;

  @ApiProperty({ description: 'Số báo cáo tiến độ của kỳ' })
  reports!: number;
}

/** The period cut-off day: each period's report is read as of the end of this day. */
export class PeriodCutoffView {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: 31,
    example: null,
    description:
      'Ngày chốt số liệu của kỳ: báo cáo tháng đọc số liệu đến hết ngày này của tháng (giờ Việt Nam; tháng ngắn hơn thì đến ngày cuối tháng); null: đến hết ngày cuối tháng',
  })
  periodCutoffDay!: number | null;

  @ApiProperty({ description: '0 khi đang dùng mặc định (cuối tháng)' })
  version!: number;
}
