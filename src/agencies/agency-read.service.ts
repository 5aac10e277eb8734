import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../common/domain-error.js';
import { pageOf, type Page } from '../common/pagination.js';
import { Agency } from './agency.entity.js';
import type { AgencyQuery } from './agency.query.js';
import { toAgencyView, type AgencyView } from './agency.view.js';

/** Agencies as every signed-in user reads them. */
@Injectable()
export class AgencyReadService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: AgencyQuery): Promise<Page<AgencyView>> {
    const [rows, total] = await this.dataSource
      .getRepository(Agency)
      .createQueryBuilder('a')
      .leftJoinAndSelect('a.parent', 'parent')
      .where(query.kind ? 'a.kind = :kind' : 'TRUE', { kind: query.kind })
      .orderBy('a.code', 'ASC')
      .take(query.limit ?? 50)
      .skip(query.offset ?? 0)
      .getManyAndCount();
    return pageOf(rows.map(toAgencyView), total, query);
  }

  get(code: string): Promise<AgencyView> {
    return agencyView(this.dataSource.manager, code);
  }
}

/** The agency with its parent's code; 404 when there is none. */
export async function agencyView(m: EntityManager, code: string): Promise<AgencyView> {
  const agency = await m.findOne(Agency, {
    where: { code },
    relations: { parent: true },
  });
  if (!agency) throw notFound(`cơ quan mã ${code}`, { code });
  return toAgencyView(agency);
}
