import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches } from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { PageQuery } from '../common/pagination.js';
import {
  AgencyCode,
  CalendarDay,
  EntityVersion,
  Int,
  OneOf,
  PilotFilter,
  PilotNumber,
  Text,
} from '../common/validators.js';
import { DUE_REGEX, MILESTONE_STATUSES, type MilestoneStatus } from './domain/milestone.js';

const DUE_DOC =
  'Hạn: một ngày YYYY-MM-DD ("20/01/2024"), một tháng YYYY-MM (hạn là ngày cuối tháng) hoặc một năm YYYY ("trong năm 2024", hạn là 31/12)';

/** A due time: `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (the day's existence is checked by the service). */
function Due(options: { optional?: boolean } = {}) {
  const doc = { type: String, example: '2024-01-20', description: DUE_DOC };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    ...(options.optional ? [IsOptional()] : []),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.trim() : value,
    ),
    IsString({ message: 'due phải là chuỗi ký tự' }),
    Matches(DUE_REGEX, {
      message: 'due phải có dạng YYYY-MM-DD, YYYY-MM hoặc YYYY (từ năm 2000 đến 2100)',
    }),
  );
}

export class CreateMilestoneDto {
  @PilotNumber()
  pilotNumber: number;

  @Text('name', { max: 500, example: 'Tổ chức đánh giá kết quả triển khai' })
  name: string;

  @Due()
  due: string;

  @AgencyCode('ownerAgencyCode', {
    optional: true,
    description: 'Đơn vị chịu trách nhiệm; mặc định là đơn vị chủ trì (đầu tiên) của mô hình',
  })
  ownerAgencyCode?: string;

  @Text('note', { max: 5000, optional: true, description: 'Ghi chú: nguồn, phạm vi của mốc' })
  note?: string;
}

export class UpdateMilestoneDto {
  @EntityVersion()
  version: number;

  @Text('name', { max: 500, optional: true })
  name?: string;

  @Due({ optional: true })
  due?: string;

  @AgencyCode('ownerAgencyCode', {
    optional: true,
    description:
      'Đơn vị chịu trách nhiệm mới: một cơ quan còn tồn tại hôm nay (giữ nguyên mã cũ thì không đổi)',
  })
  ownerAgencyCode?: string;

  // Above Text, so it is applied after it: its nullable joins what Text documents.
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 5000,
    description: 'Ghi chú mới; null để bỏ ghi chú',
  })
  @Text('note', { max: 5000, optional: true })
  note?: string | null;
}

export class CompleteMilestoneDto {
  @CalendarDay('doneOn')
  doneOn: string;

  @EntityVersion({ optional: true })
  version?: number;
}

export class DropMilestoneDto {
  @Text('reason', { max: 5000, description: 'Vì sao không còn theo dõi mốc này' })
  reason: string;

  @EntityVersion({ optional: true })
  version?: number;
}

export class MilestoneQuery extends PageQuery {
  @PilotFilter()
  pilot?: number;

  @OneOf('state', MILESTONE_STATUSES, {
    optional: true,
    description: 'MISSED: chưa xong và đã quá hạn (tính theo ngày hôm nay)',
  })
  state?: MilestoneStatus;

  @AgencyCode('owner', { optional: true, description: 'Đơn vị chịu trách nhiệm' })
  owner?: string;
}

export class MilestoneSettingsDto {
  @ApiProperty({ description: 'Phiên bản đang xem (0 khi đang dùng mặc định)' })
  @Int('version', 0, 2_000_000_000)
  version: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 30,
    description: 'Nhắc trước hạn bao nhiêu ngày làm việc (0: chỉ nhắc vào ngày đến hạn)',
  })
  @Int('reminderWorkingDays', 0, 30)
  reminderWorkingDays: number;
}
