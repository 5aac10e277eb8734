import { ApiProperty } from '@nestjs/swagger';
import { StateCountsView, type StateCounts } from '../pilots/state-counts.view.js';

/** A number per key, as OpenAPI writes a map. */
const COUNTS = { type: 'object', additionalProperties: { type: 'number' } } as const;

export class BlockedPilotCount {
  @ApiProperty()
  number!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  openBlockers!: number;
}

export class OpenBlockerCounts {
  @ApiProperty()
  total!: number;

  @ApiProperty({ ...COUNTS, description: 'Nhóm vướng mắc → số vướng mắc mở' })
  byCategory!: Record<string, number>;

  @ApiProperty({ ...COUNTS, description: 'Thẩm quyền → số vướng mắc mở' })
  byAuthority!: Record<string, number>;
}

export class OverdueByLevel {
  @ApiProperty({ description: 'Mức đôn đốc đang áp dụng' })
  level!: number;

  @ApiProperty()
  count!: number;
}

export class OverdueByAddressee {
  @ApiProperty()
  code!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  count!: number;
}

export class OverdueCounts {
  @ApiProperty()
  total!: number;

  @ApiProperty({ type: [OverdueByLevel] })
  byLevel!: OverdueByLevel[];

  @ApiProperty({ type: [OverdueByAddressee] })
  byAddressee!: OverdueByAddressee[];
}

export class PilotWithoutReport {
  @ApiProperty()
  number!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: [String] })
  leadAgencyCodes!: string[];
}

export class MissedMilestoneView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  pilotNumber!: number;

  @ApiProperty()
  pilotName!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ example: 'BQLKKT' })
  ownerCode!: string;

  @ApiProperty()
  ownerName!: string;

  @ApiProperty({ format: 'date' })
  dueOn!: string;

  @ApiProperty({ example: '30/12/2023' })
  dueLabel!: string;

  @ApiProperty({ description: 'Số ngày đã quá hạn' })
  daysLate!: number;
}

export class DashboardView {
  @ApiProperty({ format: 'date-time' })
  asOf!: string;

  @ApiProperty({ example: '2024-01', description: 'Kỳ báo cáo hiện tại' })
  period!: string;

  @ApiProperty({ type: StateCountsView, description: 'Số mô hình theo trạng thái' })
  pilotsByState!: StateCounts;

  @ApiProperty({ type: [BlockedPilotCount] })
  blockedPilots!: BlockedPilotCount[];

  @ApiProperty({ type: OpenBlockerCounts })
  openBlockers!: OpenBlockerCounts;

  @ApiProperty({ type: OverdueCounts })
  overdueRecommendations!: OverdueCounts;

  @ApiProperty({ type: [PilotWithoutReport] })
  pilotsWithoutReport!: PilotWithoutReport[];

  @ApiProperty({
    type: [MissedMilestoneView],
    description: 'Mốc tiến độ đã quá hạn mà chưa hoàn thành, quá hạn lâu nhất trước',
  })
  missedMilestones!: MissedMilestoneView[];
}
