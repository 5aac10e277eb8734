import { ApiProperty } from '@nestjs/swagger';
import { MILESTONE_STATUSES } from '../../milestones/domain/milestone.js';
import type { ReportMilestoneLine, ReportMilestones } from './monthly-milestones.js';

export class ReportMilestoneLineView implements ReportMilestoneLine {
  @ApiProperty({ example: 9 })
  pilotNumber!: number;

  @ApiProperty()
  pilotName!: string;

  @ApiProperty({ example: 'Tổ chức đánh giá kết quả triển khai' })
  name!: string;

  @ApiProperty({ example: 'Ban Quản lý Khu kinh tế Vân Phong' })
  owner!: string;

  @ApiProperty({ example: 'hạn 30/12/2023' })
  due!: string;

  @ApiProperty({
    example: 'năm 2024',
    description: 'Hạn như đã nhập: "30/12/2023", "tháng 01/2024", "năm 2024"',
  })
  dueLabel!: string;

  @ApiProperty({ format: 'date' })
  dueOn!: string;

  @ApiProperty({ enum: MILESTONE_STATUSES })
  state!: ReportMilestoneLine['state'];

  @ApiProperty({ description: 'Số ngày đã quá hạn tại thời điểm chốt (MISSED)' })
  daysLate!: number;

  @ApiProperty({ type: String, nullable: true, example: '28/12/2023' })
  doneOn!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Lý do bỏ mốc (DROPPED)' })
  dropReason!: string | null;
}

export class ReportMilestonesView implements ReportMilestones {
  @ApiProperty({
    type: [ReportMilestoneLineView],
    description: 'Mốc đến hạn trong tháng (chưa quá hạn) hoặc hoàn thành trong tháng: mục I',
  })
  dueThisPeriod!: ReportMilestoneLineView[];

  @ApiProperty({
    type: [ReportMilestoneLineView],
    description: 'Mốc đã quá hạn mà chưa hoàn thành tại thời điểm chốt: mục II',
  })
  missed!: ReportMilestoneLineView[];

  @ApiProperty({
    type: [ReportMilestoneLineView],
    description:
      'Mọi mốc như tại thời điểm chốt, kể cả mốc đã bỏ (bảng "Mốc tiến độ" của tệp .xlsx)',
  })
  all!: ReportMilestoneLineView[];
}
