import { Body, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import { ApiAction } from '../common/api-action.js';
import { ApiErrors } from '../common/api-errors.js';
import { ApiResource } from '../common/api-resource.js';
import type { Page } from '../common/pagination.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import {
  CompleteMilestoneDto,
  CreateMilestoneDto,
  DropMilestoneDto,
  MilestoneQuery,
  MilestoneSettingsDto,
  UpdateMilestoneDto,
} from './milestone.dto.js';
import { MilestoneReadService } from './milestone-read.service.js';
import { MilestoneSettingsService } from './milestone-settings.service.js';
import { MilestonePage, MilestoneSettingsView, MilestoneView } from './milestone.view.js';
import { MilestonesService } from './milestones.service.js';

/** A move of a milestone (done, dropped): answers the milestone after it. */
const MilestoneMove = (summary: string) =>
  ApiAction(
    { summary, type: MilestoneView },
    403,
    404,
    [409, 'CONFLICT: mốc đã hoàn thành hoặc đã bỏ; VERSION_CONFLICT'],
    413,
  );

@ApiResource('milestones')
export class MilestonesController {
  constructor(
    private readonly milestones: MilestoneReadService,
    private readonly workflow: MilestonesService,
    private readonly settings: MilestoneSettingsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Các mốc tiến độ của mô hình (hạn, đơn vị chịu trách nhiệm, trạng thái)',
  })
  @ApiOkResponse({
    type: MilestonePage,
    description: 'Theo số mô hình rồi theo hạn; kèm những gì người hỏi được làm với từng mốc',
  })
  list(@Query() query: MilestoneQuery, @CurrentActor() actor: Actor): Promise<Page<MilestoneView>> {
    return this.milestones.list(query, actor);
  }

  @Get('settings')
  @ApiOperation({ summary: 'Nhắc hạn mốc: nhắc trước bao nhiêu ngày làm việc' })
  @ApiOkResponse({ type: MilestoneSettingsView })
  getSettings(): Promise<MilestoneSettingsView> {
    return this.settings.current();
  }

  @Put('settings')
  @ApiOperation({ summary: 'Đặt số ngày làm việc nhắc trước hạn mốc (thư ký, có ghi nhật ký)' })
  @ApiOkResponse({ type: MilestoneSettingsView, description: 'Cài đặt vừa lưu, phiên bản mới' })
  @ApiErrors([403, 'chỉ thư ký'], [409, 'VERSION_CONFLICT: đã được người khác thay'], 413)
  putSettings(
    @Body() body: MilestoneSettingsDto,
    @CurrentActor() actor: Actor,
  ): Promise<MilestoneSettingsView> {
    return this.settings.replace(actor, body.reminderWorkingDays, body.version);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Một mốc' })
  @ApiOkResponse({ type: MilestoneView })
  @ApiErrors(404)
  get(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<MilestoneView> {
    return this.milestones.byId(id, actor);
  }

  @Post()
  @ApiOperation({
    summary:
      'Thêm mốc cho một mô hình (thư ký; cán bộ đầu mối của đơn vị chủ trì hoặc đơn vị chịu trách nhiệm)',
  })
  @ApiCreatedResponse({ type: MilestoneView, description: 'Mốc vừa tạo, trạng thái PLANNED' })
  @ApiErrors(403, 404, 413)
  async create(
    @Body() body: CreateMilestoneDto,
    @CurrentActor() actor: Actor,
  ): Promise<MilestoneView> {
    return this.get(await this.workflow.create(actor, body), actor);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Sửa tên, hạn, đơn vị chịu trách nhiệm, ghi chú của mốc' })
  @ApiOkResponse({ type: MilestoneView })
  @ApiErrors(403, 404, [409, 'VERSION_CONFLICT'], 413)
  async update(
    @Param('id', uuidPipe) id: string,
    @Body() body: UpdateMilestoneDto,
    @CurrentActor() actor: Actor,
  ): Promise<MilestoneView> {
    await this.workflow.update(actor, id, body);
    return this.get(id, actor);
  }

  @Post(':id/complete')
  @MilestoneMove('Đánh dấu mốc đã hoàn thành, kèm ngày hoàn thành')
  async complete(
    @Param('id', uuidPipe) id: string,
    @Body() body: CompleteMilestoneDto,
    @CurrentActor() actor: Actor,
  ): Promise<MilestoneView> {
    await this.workflow.complete(actor, id, body);
    return this.get(id, actor);
  }

  @Post(':id/drop')
  @MilestoneMove('Bỏ mốc (không còn thực hiện), kèm lý do')
  async drop(
    @Param('id', uuidPipe) id: string,
    @Body() body: DropMilestoneDto,
    @CurrentActor() actor: Actor,
  ): Promise<MilestoneView> {
    await this.workflow.drop(actor, id, body);
    return this.get(id, actor);
  }
}
