import { ApiAction } from '../common/api-action.js';
import { ApiErrors } from '../common/api-errors.js';
import { Body, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import {
  BlockerReasonDto,
  CreateBlockerDto,
  ResolveBlockerDto,
  UpdateBlockerDto,
} from './blocker.dto.js';
import { BlockerWorkflowService } from './blocker-workflow.service.js';
import type { Page } from '../common/pagination.js';
import { BlockerReadService } from './blocker-read.service.js';
import { BlockerPage, BlockerView } from './blocker.view.js';
import { BlockerQuery } from './blocker.query.js';
import { ApiResource } from '../common/api-resource.js';

/** A move through a blocker's states (resolve, withdraw, reopen): answers the blocker after it. */
const BlockerMove = (summary: string) =>
  ApiAction(
    { summary, type: BlockerView },
    403,
    404,
    [409, 'BLOCKER_TRANSITION_NOT_ALLOWED hoặc VERSION_CONFLICT'],
    413,
  );

@ApiResource('blockers')
export class BlockersController {
  constructor(
    private readonly blockers: BlockerReadService,
    private readonly workflow: BlockerWorkflowService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Danh sách vướng mắc, khó khăn' })
  @ApiOkResponse({
    type: BlockerPage,
    description: 'Kèm những gì người hỏi được làm với từng vướng mắc',
  })
  list(@Query() query: BlockerQuery, @CurrentActor() actor: Actor): Promise<Page<BlockerView>> {
    return this.blockers.list(query, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Một vướng mắc' })
  @ApiOkResponse({ type: BlockerView })
  @ApiErrors(404)
  get(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<BlockerView> {
    return this.blockers.byId(id, actor);
  }

  @Post()
  @ApiOperation({
    summary: 'Nêu vướng mắc của một mô hình (đơn vị chủ trì, thư ký) hoặc vướng mắc chung (thư ký)',
  })
  @ApiCreatedResponse({ type: BlockerView, description: 'Vướng mắc vừa tạo, trạng thái OPEN' })
  @ApiErrors(403, 404, 413)
  async create(@Body() body: CreateBlockerDto, @CurrentActor() actor: Actor): Promise<BlockerView> {
    return this.get(await this.workflow.create(actor, body), actor);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Sửa nội dung, phân loại, thẩm quyền của vướng mắc' })
  @ApiOkResponse({ type: BlockerView })
  @ApiErrors(403, 404, [409, 'VERSION_CONFLICT'], 413)
  async update(
    @Param('id', uuidPipe) id: string,
    @Body() body: UpdateBlockerDto,
    @CurrentActor() actor: Actor,
  ): Promise<BlockerView> {
    await this.workflow.update(actor, id, body);
    return this.get(id, actor);
  }

  @Post(':id/resolve')
  @BlockerMove('Đánh dấu vướng mắc đã được giải quyết, kèm cách giải quyết')
  async resolve(
    @Param('id', uuidPipe) id: string,
    @Body() body: ResolveBlockerDto,
    @CurrentActor() actor: Actor,
  ): Promise<BlockerView> {
    await this.workflow.resolve(actor, id, body);
    return this.get(id, actor);
  }

  @Post(':id/withdraw')
  @BlockerMove('Rút vướng mắc (không còn là vướng mắc), kèm lý do')
  async withdraw(
    @Param('id', uuidPipe) id: string,
    @Body() body: BlockerReasonDto,
    @CurrentActor() actor: Actor,
  ): Promise<BlockerView> {
    await this.workflow.withdraw(actor, id, body);
    return this.get(id, actor);
  }

  @Post(':id/reopen')
  @BlockerMove('Mở lại vướng mắc đã giải quyết, kèm lý do')
  async reopen(
    @Param('id', uuidPipe) id: string,
    @Body() body: BlockerReasonDto,
    @CurrentActor() actor: Actor,
  ): Promise<BlockerView> {
    await this.workflow.reopen(actor, id, body);
    return this.get(id, actor);
  }
}
