import { ApiProperty } from '@nestjs/swagger';
import {
  ESCALATION_OUTCOMES,
  type EscalationOutcome,
} from '../recommendations/domain/escalation-level.js';
import {
  NOTIFY_TARGETS,
  type EscalationLevel,
  type EscalationPolicy,
  type NotifyTarget,
} from './domain/policy.js';

export class EscalationLevelView implements EscalationLevel {
  @ApiProperty({ example: 1 })
  level!: number;

  @ApiProperty({ example: 'Nhắc hạn' })
  name!: string;

  @ApiProperty({ example: 0, description: 'Số ngày làm việc sau hạn trả lời' })
  afterWorkingDays!: number;

  @ApiProperty({ enum: NOTIFY_TARGETS, isArray: true })
  notify!: NotifyTarget[];
}

export class EscalationPolicyView implements EscalationPolicy {
  @ApiProperty({ example: 15, description: 'Thời hạn trả lời mặc định (ngày làm việc)' })
  responseWorkingDays!: number;

  @ApiProperty({ type: [EscalationLevelView] })
  levels!: EscalationLevelView[];

  @ApiProperty({
    example: 10,
    description: 'Mức cuối lặp lại sau mỗi N ngày làm việc (0: không lặp)',
  })
  repeatEveryWorkingDays!: number;

  @ApiProperty({ example: '30 7 * * 1', description: 'Lịch gửi bản tổng hợp (cron, giờ Việt Nam)' })
  digestCron!: string;

  @ApiProperty({ example: 15, description: 'Ngày chốt báo cáo hằng tháng' })
  reportCutoffDay!: number;
}

/** The policy in force and its version. */
export class VersionedPolicy {
  @ApiProperty({ type: EscalationPolicyView })
  policy!: EscalationPolicy;

  @ApiProperty({ description: '0 khi đang dùng chính sách mặc định' })
  version!: number;
}

/** A level a recommendation reached (FIRED) or passed while recorded late (SKIPPED). */
export class EscalationEventView {
  @ApiProperty({ description: 'Lần gửi (1, rồi tăng mỗi lần gửi lại)' })
  cycle!: number;

  @ApiProperty()
  level!: number;

  @ApiProperty({ description: 'Lần lặp của mức cuối (0: lần đầu)' })
  repeat!: number;

  @ApiProperty({ example: 'Nhắc hạn' })
  levelName!: string;

  @ApiProperty({ enum: ESCALATION_OUTCOMES })
  outcome!: EscalationOutcome;

  @ApiProperty({ format: 'date-time' })
  dueAt!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty()
  workingDaysOverdue!: number;
}
