import {
  FILTER_KEYS,
  VALUE_MAX,
  type SavedFilterList,
} from '../../saved-filters/domain/saved-filter-rules.js';
import { one, type FormValues } from '../components/forms.js';
import { read, type Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';

export { NAME_MAX } from '../../saved-filters/domain/saved-filter-rules.js';

/** Where each list lives. */
export const LIST_PATHS: Record<SavedFilterList, string> = {
  board: '/mo-hinh',
  letters: '/kien-nghi',
};

/** The list's filters among a request's values, the empty ones left out: "state=QUA_HAN&pilot=6". */
export function filterQuery(list: SavedFilterList, values: FormValues): string {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS[list]) {
    const value = one(values, key).trim();
    if (value) query.set(key, value.slice(0, VALUE_MAX));
  }
  return query.toString();
}

export type SavedFilterRow = Schemas['SavedFilterView'];

/** The signed-in user's saved filters of a list, through the API (`GET /saved-filters`). */
export async function savedFiltersOf(
  web: WebContext,
  list: SavedFilterList,
): Promise<SavedFilterRow[]> {
  return (
    await read(web.api.GET('/api/v1/saved-filters', { params: { query: { list, limit: 100 } } }))
  ).items;
}
