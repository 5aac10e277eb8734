import { Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import { ApiErrors } from '../common/api-errors.js';
import type { Page } from '../common/pagination.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import { NotificationQuery } from './notification.query.js';
import { NotificationPage, NotificationView } from './notification.view.js';
import { NotificationsAdminService } from './notifications-admin.service.js';
import { ApiResource } from '../common/api-resource.js';

@ApiResource('notifications', { errors: [400, 401, [403, 'chỉ thư ký và quản trị']] })
export class NotificationsController {
  constructor(private readonly notifications: NotificationsAdminService) {}

  @Get()
  @ApiOperation({
    summary:
      'Thư đã và sẽ gửi (thư ký, quản trị): lọc theo trạng thái, loại, người nhận, kiến nghị',
  })
  @ApiOkResponse({ type: NotificationPage })
  list(
    @Query() query: NotificationQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<NotificationView>> {
    return this.notifications.list(actor, query);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Gửi lại một thư gửi lỗi (FAILED)' })
  @ApiAcceptedResponse({
    type: NotificationView,
    description: 'Thư đã trở lại hàng đợi (PENDING)',
  })
  @ApiErrors(404, [409, 'CONFLICT: thư không ở trạng thái FAILED'], 413)
  retry(
    @Param('id', uuidPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<NotificationView> {
    return this.notifications.retry(actor, id);
  }
}
