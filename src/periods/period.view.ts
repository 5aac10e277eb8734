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
