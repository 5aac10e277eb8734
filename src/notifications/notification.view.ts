import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../common/pagination.js';
import {
  NOTIFICATION_KINDS,
  NOTIFICATION_STATUSES,
  type NotificationKind,
  type NotificationStatus,
} from './notification.entity.js';

/** An outbox row as the secretariat and admins see it (never the body). */
export class NotificationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind!: NotificationKind;

  @ApiProperty({ enum: NOTIFICATION_STATUSES })
  status!: NotificationStatus;

  @ApiProperty()
  recipientEmail!: string;

  @ApiProperty()
  subject!: string;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ type: String, nullable: true, description: 'Câu trả lời của máy chủ thư' })
  lastError!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sentAt!: string | null;

  @ApiProperty()
  idempotencyKey!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  escalationEventId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  recommendationId!: string | null;
}

export class NotificationPage extends PageOf(NotificationView) {}
