import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { localDay } from '../common/domain/local-time.js';
import { pageOf, type Page } from '../common/pagination.js';
import { Agency } from './agency.entity.js';
import type { AgencyQuery } from './agency.query.js';
import { agencyView, toAgencyView } from './agency-view.reader.js';
import type { AgencyView } from './agency.view.js';
import { agencyExistsOnSql } from './domain/succession.js';
import { SuccessionIndex } from './succession/succession-read.js';

/** Agencies as every signed-in user reads them. */
@Injectable()
export class AgencyReadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(query: AgencyQuery): Promise<Page<AgencyView>> {
    const m = this.dataSource.manager;
    const qb = m
      .getRepository(Agency)
      .createQueryBuilder('a')
      .leftJoinAndSelect('a.parent', 'parent')
      .where(query.kind ? 'a.kind = :kind' : 'TRUE', { kind: query.kind });
    if (query.asOf)
      qb.andWhere(agencyExistsOnSql('a', 'CAST(:asOf AS date)'), { asOf: query.asOf });
    const [rows, total] = await qb
      .orderBy('a.code', 'ASC')
      .take(query.limit ?? 50)
      .skip(query.offset ?? 0)
      .getManyAndCount();
    const index = await SuccessionIndex.load(m);
    const today = localDay(this.clock.now());
    return pageOf(
      rows.map((a) => toAgencyView(a, index.agencySuccession(a.id, today))),
      total,
      query,
    );
  }

  get(code: string): Promise<AgencyView> {
    return agencyView(this.dataSource.manager, code, localDay(this.clock.now()));
  }
}
