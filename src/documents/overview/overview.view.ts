import { ApiProperty } from '@nestjs/swagger';
import { StateCountsView, type StateCounts } from '../../pilots/state-counts.view.js';

export type { StateCounts };

/** Pilots of one lead agency (the primary lead agency of each pilot) in the period. */
export class LeadAgencyOverview {
  @ApiProperty({ example: 'SYT' })
  code!: string;

  @ApiProperty({ example: 'Sở Y tế' })
  name!: string;

  @ApiProperty()
  shortName!: string;

  @ApiProperty({ type: [Number], description: 'Số các mô hình, tăng dần' })
  pilots!: number[];

  @ApiProperty()
  total!: number;

  @ApiProperty({ type: StateCountsView })
  byState!: StateCounts;

  @ApiProperty({
    description: 'Mô hình đang triển khai (không hoàn thành, không tạm dừng) chưa có báo cáo kỳ',
  })
  reportsMissing!: number;

  @ApiProperty({ type: [Number] })
  pilotsWithoutReport!: number[];
}

export class OverdueLetter {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, example: '5772/TCTĐA06-CAT' })
  documentNumber!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date' })
  letterDate!: string | null;

  @ApiProperty()
  workingDaysOverdue!: number;

  @ApiProperty({ description: 'Mức nhắc cao nhất của cơ quan này trong lần gửi hiện tại' })
  escalationLevel!: number;

  @ApiProperty({
    description: 'Tình trạng từng cơ quan nhận của kiến nghị',
    example: 'Bộ Công an: đã trả lời ngày 12/11/2026; Bộ Y tế: quá hạn 37 ngày làm việc',
  })
  addresseeStatus!: string;
}

/** Letters addressed to one ministry or agency, as of `asOf`. */
export class AddresseeOverview {
  @ApiProperty({ example: 'BCA' })
  code!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  shortName!: string;

  @ApiProperty({ example: 'MINISTRY' })
  kind!: string;

  @ApiProperty({ description: 'Đang mở: SENT hoặc ANSWERED' })
  open!: number;

  @ApiProperty({
    description:
      'Kiến nghị đã gửi (SENT) mà cơ quan này còn phải trả lời (chưa trả lời, chưa được miễn)',
  })
  owing!: number;

  @ApiProperty({ description: 'Cơ quan này còn phải trả lời và đã quá hạn của mình' })
  overdue!: number;

  @ApiProperty({ description: 'Kiến nghị cơ quan này đã có ít nhất một văn bản trả lời' })
  answered!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Số ngày làm việc trung bình từ khi gửi đến lần trả lời đầu của cơ quan này (một chữ số thập phân); null khi chưa có',
  })
  averageWorkingDaysToAnswer!: number | null;

  @ApiProperty({ type: [OverdueLetter] })
  overdueLetters!: OverdueLetter[];
}

export class TrendPoint {
  @ApiProperty({ example: '2023-12' })
  period!: string;

  @ApiProperty()
  locked!: boolean;

  @ApiProperty()
  reports!: number;

  @ApiProperty({ description: 'Mô hình có trạng thái ghi nhận vào cuối kỳ' })
  total!: number;

  @ApiProperty({ type: StateCountsView })
  byState!: StateCounts;
}

export class OverviewPilots {
  @ApiProperty()
  total!: number;

  @ApiProperty({ type: StateCountsView })
  byState!: StateCounts;

  @ApiProperty()
  reportsMissing!: number;
}

export class OverviewView {
  @ApiProperty({ example: '2023-12' })
  period!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'Lúc tính tổng quan; kiến nghị đang mở và quá hạn được đếm tại thời điểm này',
  })
  asOf!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'Trạng thái mô hình tại thời điểm này: cuối kỳ, hoặc hiện tại với kỳ hiện tại',
  })
  statesAt!: string;

  @ApiProperty({ type: OverviewPilots })
  pilots!: OverviewPilots;

  @ApiProperty({ type: [LeadAgencyOverview] })
  leadAgencies!: LeadAgencyOverview[];

  @ApiProperty({ type: [AddresseeOverview] })
  addressees!: AddresseeOverview[];

  @ApiProperty({ type: [TrendPoint] })
  trend!: TrendPoint[];
}
