import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { Text } from '../common/validators.js';
import {
  NOTIFICATION_KINDS,
  NOTIFICATION_STATUSES,
  type NotificationKind,
  type NotificationStatus,
} from './notification.entity.js';

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES, {
    message: `status phải là một trong: ${NOTIFICATION_STATUSES.join(', ')}`,
  })
  status?: NotificationStatus;

  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS })
  @IsOptional()
  @IsIn(NOTIFICATION_KINDS, {
    message: `kind phải là một trong: ${NOTIFICATION_KINDS.join(', ')}`,
  })
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
