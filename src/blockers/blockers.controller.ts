import { ApiErrors, WRITE_ERRORS } from '../common/api-errors.js';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../auth/actor.js';
import { notFound } from '../common/domain-error.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import {
  BlockerReasonDto,
  CreateBlockerDto,
  ResolveBlockerDto,
  UpdateBlockerDto,
} from './blocker.dto.js';
import { BlockerWorkflowService } from './blocker-workflow.service.js';
import { DataSource } from 'typeorm';
import { pageOf, type Page } from '../common/pagination.js';
import { escapeLike } from '../common/query-params.js';
import { Blocker } from './blocker.entity.js';
import { BlockerQuery } from './blocker.query.js';

export interface BlockerView {
  id: string;
  pilotNumber: number | null;
  topic: string | null;
  title: string;
  description: string;
  category: Blocker['category'];
  authority: Blocker['authority'];
  state: Blocker['state'];
  resolution: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

@ApiTags('blockers')
@ApiBearerAuth()
@ApiErrors(...WRITE_ERRORS)
@Controller('blockers')
export class BlockersController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workflow: BlockerWorkflowService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Danh sách vướng mắc, khó khăn' })
  @ApiOkResponse({ description: '{ items, total, limit, offset }' })
  async list(@Query() query: BlockerQuery): Promise<Page<BlockerView>> {
    const qb = this.dataSource
      .getRepository(Blocker)
      .createQueryBuilder('b')
      .leftJoinAndSelect('b.pilot', 'p')
      .orderBy('p.number', 'ASC', 'NULLS LAST')
      .addOrderBy('b.created_at', 'ASC')
      .take(query.limit ?? 50)
      .skip(query.offset ?? 0);
    if (query.state) qb.andWhere('b.state = :state', { state: query.state });
    if (query.authority) qb.andWhere('b.authority = :authority', { authority: query.authority });
    if (query.category) qb.andWhere('b.category = :category', { category: query.category });
    if (query.pilot) qb.andWhere('p.number = :pilot', { pilot: query.pilot });
    if (query.q) {
      qb.andWhere(
        `f_unaccent(b.title || ' ' || b.description || ' ' || coalesce(b.topic, '')) LIKE '%' || f_unaccent(:q) || '%'`,
        { q: escapeLike(query.q) },
      );
    }
    const [rows, total] = await qb.getManyAndCount();
    return pageOf(rows.map(toBlockerView), total, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Một vướng mắc' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  async get(@Param('id', uuidPipe) id: string): Promise<BlockerView> {
    const blocker = await this.dataSource
      .getRepository(Blocker)
      .findOne({ where: { id }, relations: { pilot: true } });
    if (!blocker) throw notFound('vướng mắc');
    return toBlockerView(blocker);
  }

  @Post()
  @ApiOperation({
    summary: 'Nêu vướng mắc của một mô hình (đơn vị chủ trì, thư ký) hoặc vướng mắc chung (thư ký)',
  })
  @ApiCreatedResponse({ description: 'Vướng mắc vừa tạo, trạng thái OPEN' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN' })
  async create(@Body() body: CreateBlockerDto, @CurrentActor() actor: Actor): Promise<BlockerView> {
    return this.get(await this.workflow.create(actor, body));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Sửa nội dung, phân loại, thẩm quyền của vướng mắc' })
  @ApiConflictResponse({ description: 'VERSION_CONFLICT' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN' })
  async update(
    @Param('id', uuidPipe) id: string,
    @Body() body: UpdateBlockerDto,
    @CurrentActor() actor: Actor,
  ): Promise<BlockerView> {
    await this.workflow.update(actor, id, body);
    return this.get(id);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đánh dấu vướng mắc đã được giải quyết, kèm cách giải quyết' })
  @ApiConflictResponse({ description: 'BLOCKER_TRANSITION_NOT_ALLOWED hoặc VERSION_CONFLICT' })
  async resolve(
    @Param('id', uuidPipe) id: string,
    @Body() body: ResolveBlockerDto,
    @CurrentActor() actor: Actor,
  ): Promise<BlockerView> {
    await this.workflow.resolve(actor, id, body);
    return this.get(id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rút vướng mắc (không còn là vướng mắc), kèm lý do' })
  @ApiConflictResponse({ description: 'BLOCKER_TRANSITION_NOT_ALLOWED hoặc VERSION_CONFLICT' })
  async withdraw(
    @Param('id', uuidPipe) id: string,
    @Body() body: BlockerReasonDto,
    @CurrentActor() actor: Actor,
  ): Promise<BlockerView> {
    await this.workflow.withdraw(actor, id, body);
    return this.get(id);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mở lại vướng mắc đã giải quyết, kèm lý do' })
  @ApiConflictResponse({ description: 'BLOCKER_TRANSITION_NOT_ALLOWED hoặc VERSION_CONFLICT' })
  async reopen(
    @Param('id', uuidPipe) id: string,
    @Body() body: BlockerReasonDto,
    @CurrentActor() actor: Actor,
  ): Promise<BlockerView> {
    await this.workflow.reopen(actor, id, body);
    return this.get(id);
  }
}

export function toBlockerView(b: Blocker): BlockerView {
  return {
    id: b.id,
    pilotNumber: b.pilot?.number ?? null,
    topic: b.topic,
    title: b.title,
    description: b.description,
    category: b.category,
    authority: b.authority,
    state: b.state,
    resolution: b.resolution,
    version: b.version,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}
