import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { OneOf, Text } from '../common/validators.js';
import {
  NOTIFICATION_KINDS,
  NOTIFICATION_STATUSES,
  type NotificationKind,
  type NotificationStatus,
} from './notification.entity.js';

export class NotificationQuery extends PageQuery {
  @OneOf('status', NOTIFICATION_STATUSES, { optional: true })
  status?: NotificationStatus;

  @OneOf('kind', NOTIFICATION_KINDS, { optional: true })
  kind?: NotificationKind;

  @Text('recipient', {
    max: 320,
    optional: true,
    description: 'Một phần địa chỉ email người nhận, không phân biệt hoa thường',
  })
  recipient?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Thông báo đôn đốc của một kiến nghị' })
  @IsOptional()
  @IsUUID('all', { message: 'recommendationId phải là mã định danh (UUID) hợp lệ' })
  recommendationId?: string;
}
