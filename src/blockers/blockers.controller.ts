import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
@Controller('blockers')
export class BlockersController {
  constructor(private readonly dataSource: DataSource) {}

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
