import { ApiProperty } from '@nestjs/swagger';
import { AgencyRef } from '../agencies/agency.view.js';
import { PageOf } from '../common/pagination.js';
import {
  DUE_PRECISIONS,
  MILESTONE_STATUSES,
  type DuePrecision,
  type MilestoneStatus,
} from './domain/milestone.js';

export const MILESTONE_ACTIONS = ['complete', 'drop', 'edit'] as const;
export type MilestoneAction = (typeof MILESTONE_ACTIONS)[number];

export class MilestoneView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  pilotNumber!: number;

  @ApiProperty()
  pilotName!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ description: 'Hạn như đã nhập: YYYY-MM-DD, YYYY-MM hoặc YYYY' })
  due!: string;

  @ApiProperty({ enum: DUE_PRECISIONS })
  duePrecision!: DuePrecision;

  @ApiProperty({ format: 'date', description: 'Ngày đến hạn (ngày cuối của tháng, năm)' })
  dueOn!: string;

  @ApiProperty({ example: '30/12/2023', description: '"30/12/2023", "tháng 01/2024", "năm 2024"' })
  dueLabel!: string;

  @ApiProperty({ type: AgencyRef })
  owner!: AgencyRef;

  @ApiProperty({
    enum: MILESTONE_STATUSES,
    description: 'MISSED: chưa xong và đã qua ngày đến hạn (tính theo hôm nay)',
  })
  state!: MilestoneStatus;

  @ApiProperty({ description: 'Số ngày đã quá hạn (MISSED), 0 nếu không' })
  daysLate!: number;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  doneOn!: string | null;

  @ApiProperty({ type: String, nullable: true })
  dropReason!: string | null;

  @ApiProperty()
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ enum: MILESTONE_ACTIONS, isArray: true })
  allowedCommands!: MilestoneAction[];
}

export class MilestonePage extends PageOf(MilestoneView) {}

export class MilestoneSettingsView {
  @ApiProperty({ description: 'Nhắc trước hạn bao nhiêu ngày làm việc' })
  reminderWorkingDays!: number;

  @ApiProperty({ description: 'Phiên bản (0: đang dùng mặc định)' })
  version!: number;
}
