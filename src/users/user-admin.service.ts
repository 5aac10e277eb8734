import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertAllowed, type Actor } from '../access/actor.js';
import { inTransaction } from '../common/transaction-retry.js';
import { UserAccounts } from './user-accounts.js';
import type { UserView } from './user.view.js';
import type { CreateUserDto, UpdateUserDto } from './users.dto.js';

/** Account administration through the API: ADMIN only, each write in its own transaction. */
@Injectable()
export class UserAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: UserAccounts,
  ) {}

  create(actor: Actor, body: CreateUserDto): Promise<UserView> {
    assertAllowed(actor, 'users.manage');
    return inTransaction(this.dataSource, (m) => this.accounts.create(m, actor, body));
  }

  update(actor: Actor, id: string, body: UpdateUserDto): Promise<UserView> {
    assertAllowed(actor, 'users.manage');
    return inTransaction(this.dataSource, (m) => this.accounts.update(m, actor, id, body));
  }
}
