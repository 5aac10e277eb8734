import { Body, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../../access/actor.js';
import { ApiErrors } from '../../common/api-errors.js';
import { ApiResource } from '../../common/api-resource.js';
import type { Page } from '../../common/pagination.js';
import { CreateSuccessionEventDto, SuccessionEventQuery } from './succession.dto.js';
import { SuccessionAdmin } from './succession-admin.service.js';
import { SuccessionEventPage, SuccessionEventView } from './succession.view.js';

/** Succession events (merge, split, rename): ADMIN only. */
@ApiResource('agency-successions', {
  tag: 'agencies',
  errors: [400, 401, [403, 'chỉ quản trị (ADMIN)']],
})
export class AgencySuccessionsController {
  constructor(private readonly successions: SuccessionAdmin) {}

  @Get()
  @ApiOperation({
    summary: 'Các sự kiện kế thừa cơ quan (sáp nhập, chia tách, đổi tên): ngày hiệu lực, căn cứ',
  })
  @ApiOkResponse({ type: SuccessionEventPage, description: 'Mới nhất (theo ngày hiệu lực) trước' })
  list(
    @Query() query: SuccessionEventQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<SuccessionEventView>> {
    return this.successions.list(actor, query);
  }

  @Post()
  @ApiOperation({
    summary:
      'Ghi một sự kiện kế thừa: cơ quan cũ thôi tồn tại từ ngày hiệu lực, nhiệm vụ chuyển cho cơ quan mới',
  })
  @ApiCreatedResponse({ type: SuccessionEventView, description: 'Sự kiện vừa ghi' })
  @ApiErrors(413, [
    409,
    'CONFLICT: tạo vòng kế thừa; cơ quan cũ không tồn tại đến ngày hiệu lực hoặc đã có sự kiện; cơ quan mới không tồn tại vào ngày đó',
  ])
  create(
    @Body() body: CreateSuccessionEventDto,
    @CurrentActor() actor: Actor,
  ): Promise<SuccessionEventView> {
    return this.successions.create(actor, body);
  }
}
