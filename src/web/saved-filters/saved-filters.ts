import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { one, type FormValues } from '../components/forms.js';
import { SavedFilter, type SavedFilterList } from './saved-filter.entity.js';

/** Each list's filters, in the order its form shows them; nothing else is saved. */
export const FILTER_KEYS: Record<SavedFilterList, readonly string[]> = {
  board: ['q', 'state', 'agency', 'blocked'],
  letters: ['q', 'state', 'addressee', 'agency', 'pilot'],
};

/** Where each list lives. */
export const LIST_PATHS: Record<SavedFilterList, string> = {
  board: '/mo-hinh',
  letters: '/kien-nghi',
};

/** A name is short enough to read in a row of links. */
export const NAME_MAX = 80;
/** Enough for every view someone comes back to; past it, one is deleted first. */
export const SAVED_MAX = 30;

/** The list's filters among a request's values, the empty ones left out: "state=QUA_HAN&pilot=6". */
export function filterQuery(list: SavedFilterList, values: FormValues): string {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS[list]) {
    const value = one(values, key).trim();
    if (value) query.set(key, value.slice(0, 200));
  }
  return query.toString();
}

export interface SavedFilterRow {
  id: string;
  name: string;
  query: string;
}

/**
 * The saved filters of the board and the letters list, per user. Every read and delete is by the
 * signed-in user's id: no one sees, opens or deletes another user's filter, whatever id they send.
 */
@Injectable()
export class SavedFilters {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  mine(userId: string, list: SavedFilterList): Promise<SavedFilterRow[]> {
    return this.dataSource.getRepository(SavedFilter).find({
      select: { id: true, name: true, query: true },
      where: { userId, list },
      order: { name: 'ASC' },
    });
  }

  /**
   * Saves the query under the name (replacing the user's filter of that name on that list);
   * false when the user already has SAVED_MAX other filters on that list.
   */
  async save(userId: string, list: SavedFilterList, name: string, query: string): Promise<boolean> {
    const repository = this.dataSource.getRepository(SavedFilter);
    const existing = await repository.count({ where: { userId, list } });
    const same = await repository.exists({ where: { userId, list, name } });
    if (!same && existing >= SAVED_MAX) return false;
    await repository.upsert(
      { userId, list, name, query, createdAt: this.clock.now() },
      { conflictPaths: ['userId', 'list', 'name'] },
    );
    return true;
  }

  /** Deletes the user's own filter; the list it was on, or null when the user has no such filter. */
  async remove(userId: string, id: string): Promise<SavedFilterList | null> {
    const repository = this.dataSource.getRepository(SavedFilter);
    const row = await repository.findOne({
      select: { id: true, list: true },
      where: { id, userId },
    });
    if (!row) return null;
    await repository.delete({ id, userId });
    return row.list;
  }
}
