import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertAllowed, type Actor } from '../access/actor.js';
import { pageOf, type Page } from '../common/pagination.js';
import { UserAccounts } from './user-accounts.js';
import { User } from './user.entity.js';
import type { UserQuery } from './user.query.js';
import { toUserView } from './user-view.mapper.js';
import type { UserView } from './user.view.js';

/** Accounts as the admin API lists them: ADMIN only. */
@Injectable()
export class UserReadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: UserAccounts,
  ) {}

  async list(actor: Actor, query: UserQuery): Promise<Page<UserView>> {
    assertAllowed(actor, 'users.manage');
    const qb = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.agency', 'agency')
      .orderBy('u.email', 'ASC')
      .take(query.limit ?? 50)
      .skip(query.offset ?? 0);
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.agency) qb.andWhere('agency.code = :agency', { agency: query.agency });
    const [rows, total] = await qb.getManyAndCount();
    return pageOf(
      rows.map((u) => toUserView(u)),
      total,
      query,
    );
  }

  get(actor: Actor, id: string): Promise<UserView> {
    assertAllowed(actor, 'users.manage');
    return this.accounts.view(this.dataSource.manager, id);
  }
}
