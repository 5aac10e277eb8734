import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { PageQuery, pageOf, type Page } from '../common/pagination.js';
import { AGENCY_KINDS, type AgencyKind } from './agency-kind.js';
import { Agency } from './agency.entity.js';

export class AgencyQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AGENCY_KINDS })
  @IsOptional()
  @IsIn(AGENCY_KINDS, { message: `kind phải là một trong: ${AGENCY_KINDS.join(', ')}` })
  kind?: AgencyKind;
}

export interface AgencyView {
  id: string;
  code: string;
  name: string;
  shortName: string;
  kind: AgencyKind;
  parentCode: string | null;
  successorCode: string | null;
  dissolvedOn: string | null;
  contactEmails: string[];
}

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Danh sách cơ quan, đơn vị (chủ trì, nhận kiến nghị)' })
  @ApiOkResponse({ description: '{ items, total, limit, offset }' })
  async list(@Query() query: AgencyQuery): Promise<Page<AgencyView>> {
    const [rows, total] = await this.dataSource
      .getRepository(Agency)
      .createQueryBuilder('a')
      .leftJoinAndSelect('a.parent', 'parent')
      .leftJoinAndSelect('a.successor', 'successor')
      .where(query.kind ? 'a.kind = :kind' : 'TRUE', { kind: query.kind })
      .orderBy('a.code', 'ASC')
      .take(query.limit ?? 50)
      .skip(query.offset ?? 0)
      .getManyAndCount();
    return pageOf(rows.map(toAgencyView), total, query);
  }
}

export function toAgencyView(a: Agency): AgencyView {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    shortName: a.shortName,
    kind: a.kind,
    parentCode: a.parent?.code ?? null,
    successorCode: a.successor?.code ?? null,
    dissolvedOn: a.dissolvedOn,
    contactEmails: a.contactEmails,
  };
}
