import { ApiErrors, READ_ERRORS } from '../common/api-errors.js';
import { Controller, Get, Param, Query, type PipeTransform } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound, validationFailed } from '../common/domain-error.js';
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
  version: number;
}

/** An agency code in the path: upper-case letters, digits and _, else 400. */
export const agencyCodePipe: PipeTransform<string, string> = {
  transform(value: string): string {
    if (!/^[A-Z][A-Z0-9_]{0,31}$/.test(value))
      throw validationFailed('Mã cơ quan phải viết hoa, ví dụ BYT.');
    return value;
  },
};

@ApiTags('agencies')
@ApiBearerAuth()
@ApiErrors(...READ_ERRORS)
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

  @Get(':code')
  @ApiOperation({ summary: 'Một cơ quan theo mã, kèm cơ quan kế thừa nếu đã sáp nhập' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  get(@Param('code', agencyCodePipe) code: string): Promise<AgencyView> {
    return agencyView(this.dataSource.manager, code);
  }
}

/** The agency with its parent and successor codes; 404 when there is none. */
export async function agencyView(m: EntityManager, code: string): Promise<AgencyView> {
  const agency = await m.findOne(Agency, {
    where: { code },
    relations: { parent: true, successor: true },
  });
  if (!agency) throw notFound(`cơ quan mã ${code}`, { code });
  return toAgencyView(agency);
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
    version: a.version,
  };
}
