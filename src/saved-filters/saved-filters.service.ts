import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError, fieldError, notFound } from '../common/domain-error.js';
import { pageOf, type Page } from '../common/pagination.js';
import { inTransaction } from '../common/transaction-retry.js';
import {
  parseFilterQuery,
  SAVED_MAX,
  savedFilterName,
  type SavedFilterList,
} from './domain/saved-filter-rules.js';
import type { SaveFilterDto, SavedFilterListQuery } from './saved-filter.dto.js';
import { SavedFilter } from './saved-filter.entity.js';
import type { SavedFilterView } from './saved-filter.view.js';

/**
 * The saved filters of the board and the letters list, per user (issue 16, item 1). Every role
 * may save them: a saved filter only reopens a list the user may read anyway, with the same
 * per-object rules. Every read, save and delete is by the signed-in user's id: no one sees,
 * opens or deletes another user's filter, whatever id they send (another's is "not found").
 */
@Injectable()
export class SavedFiltersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async mine(actor: Actor, query: SavedFilterListQuery): Promise<Page<SavedFilterView>> {
    const where = { userId: actor.id, ...(query.list ? { list: query.list } : {}) };
    const [rows, total] = await this.dataSource.getRepository(SavedFilter).findAndCount({
      where,
      order: { list: 'ASC', name: 'ASC' },
      take: query.limit ?? 50,
      skip: query.offset ?? 0,
    });
    return pageOf(rows.map(view), total, query);
  }

  /**
   * Saves the query under the name, replacing the user's filter of that name on that list. A
   * query that is not the list's filters is refused for the `query` field; a user with
   * SAVED_MAX other filters on that list is refused with 409 (one is deleted first).
   */
  async save(actor: Actor, dto: SaveFilterDto): Promise<SavedFilterView> {
    const parsed = parseFilterQuery(dto.list, dto.query);
    if ('problem' in parsed) throw fieldError('query', parsed.problem);
    const name = savedFilterName(dto.name);
    return inTransaction(this.dataSource, async (m) => {
      // One save at a time per user, so two at once cannot both pass the count.
      await m.query(`SELECT 1 FROM app_user WHERE id = $1 FOR UPDATE`, [actor.id]);
      const repository = m.getRepository(SavedFilter);
      const where = { userId: actor.id, list: dto.list };
      const same = await repository.findOneBy({ ...where, name });
      if (!same && (await repository.countBy(where)) >= SAVED_MAX)
        throw new DomainError(
          'CONFLICT',
          `Đã có ${SAVED_MAX} bộ lọc lưu cho danh sách này: xóa bớt một bộ lọc rồi lưu lại.`,
          { field: 'name', limit: SAVED_MAX },
        );
      const row = same ?? repository.create({ ...where, name });
      row.query = parsed.query;
      row.createdAt = this.clock.now();
      return view(await repository.save(row));
    });
  }

  /** Deletes the user's own filter; the list it was on. */
  async remove(actor: Actor, id: string): Promise<SavedFilterList> {
    const repository = this.dataSource.getRepository(SavedFilter);
    const row = await repository.findOneBy({ id, userId: actor.id });
    if (!row) throw notFound('bộ lọc đã lưu');
    await repository.delete({ id, userId: actor.id });
    return row.list;
  }
}

function view(row: SavedFilter): SavedFilterView {
  return {
    id: row.id,
    list: row.list,
    name: row.name,
    query: row.query,
    savedAt: row.createdAt.toISOString(),
  };
}
