import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  Matches,
  ValidateNested,
} from 'class-validator';
import { Int, Text } from '../common/validators.js';
import { NOTIFY_TARGETS, type NotifyTarget } from './domain/policy.js';

export class EscalationLevelDto {
  @ApiProperty({ example: 1 })
  @Int('level', 1, 10)
  level: number;

  @Text('name', { max: 100, example: 'Nhắc hạn' })
  name: string;

  @ApiProperty({ example: 0, description: 'Số ngày làm việc sau hạn trả lời' })
  @Int('afterWorkingDays', 0, 250)
  afterWorkingDays: number;

  @ApiProperty({ enum: NOTIFY_TARGETS, isArray: true })
  @IsArray({ message: 'notify phải là danh sách' })
  @ArrayMinSize(1, { message: 'notify cần ít nhất một người nhận' })
  @ArrayMaxSize(4, { message: 'notify tối đa 4 nhóm' })
  @ArrayUnique({ message: 'notify không được lặp' })
  @IsIn(NOTIFY_TARGETS as unknown as string[], {
    each: true,
    message: `notify chỉ gồm: ${NOTIFY_TARGETS.join(', ')}`,
  })
  notify: NotifyTarget[];
}

export class EscalationPolicyDto {
  @ApiProperty({ description: 'Phiên bản đang xem (0 khi đang dùng chính sách mặc định)' })
  @Int('version', 0, 2_000_000_000)
  version: number;

  @ApiProperty({ example: 15 })
  @Int('responseWorkingDays', 1, 250)
  responseWorkingDays: number;

  @ApiProperty({ type: [EscalationLevelDto] })
  @IsArray({ message: 'levels phải là danh sách' })
  @ArrayMinSize(1, { message: 'levels cần ít nhất một mức' })
  @ArrayMaxSize(10, { message: 'levels tối đa 10 mức' })
  @ValidateNested({ each: true })
  @Type(() => EscalationLevelDto)
  levels: EscalationLevelDto[];

  @ApiProperty({
    example: 10,
    description: 'Mức cuối lặp lại sau mỗi N ngày làm việc (0: không lặp)',
  })
  @Int('repeatEveryWorkingDays', 0, 250)
  repeatEveryWorkingDays: number;

  @ApiProperty({
    example: '30 7 * * 1',
    description: 'Lịch gửi bản tổng hợp cho lãnh đạo (cron, giờ Việt Nam)',
  })
  @Matches(/^(\S+\s+){4}\S+$/, {
    message: 'digestCron phải là biểu thức cron 5 trường, ví dụ "30 7 * * 1"',
  })
  digestCron: string;

  @ApiProperty({ example: 15, description: 'Ngày chốt báo cáo hằng tháng' })
  @Int('reportCutoffDay', 1, 28)
  reportCutoffDay: number;
}
