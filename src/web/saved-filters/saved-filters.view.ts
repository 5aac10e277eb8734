import { html, type Html } from '../../common/html.js';
import { csrfField } from '../components/fields.js';
import type { WebContext } from '../web-request.js';
import type { SavedFilterList } from './saved-filter.entity.js';
import { LIST_PATHS, NAME_MAX, type SavedFilterRow } from './saved-filters.js';

const L = {
  title: 'Bộ lọc đã lưu',
  none: 'Chưa lưu bộ lọc nào. Chọn bộ lọc ở trên rồi đặt tên để lưu.',
  name: 'Tên bộ lọc',
  save: 'Lưu bộ lọc đang xem',
  delete: 'Xóa',
} as const;

/**
 * The user's saved filters of a list (links that open the list so filtered, each with its delete
 * button), and the form that saves the filter on screen under a name (only when there is one).
 * `current` is the list's filters as a query string (filterQuery). `outOfBand`: sent after the
 * results htmx asked for, to replace the panel already on the page (hx-swap-oob).
 */
export function savedFiltersPanel(
  web: WebContext,
  list: SavedFilterList,
  current: string,
  saved: SavedFilterRow[],
  o: { outOfBand?: boolean } = {},
): Html {
  const path = LIST_PATHS[list];
  const href = (query: string) => (query ? `${path}?${query}` : path);
  return html`<section
    class="saved-filters"
    id="saved-filters"
    aria-labelledby="saved-filters-title"
    ${o.outOfBand ? html`hx-swap-oob="true"` : ''}
  >
    <h2 id="saved-filters-title">${L.title}</h2>
    ${
      saved.length === 0
        ? html`<p class="muted">${L.none}</p>`
        : html`<ul class="saved-filter-list">
            ${saved.map(
              (f) =>
                html`<li data-saved-filter="${f.id}">
                  <a href="${href(f.query)}" ${f.query === current ? html`aria-current="true"` : ''}
                    >${f.name}</a
                  >
                  <form method="post" action="/bo-loc/${f.id}/xoa">
                    ${csrfField(web)}
                    <button type="submit" class="link" aria-label="${L.delete} bộ lọc “${f.name}”">
                      ${L.delete}
                    </button>
                  </form>
                </li>`,
            )}
          </ul>`
    }
    ${
      current
        ? html`<form method="post" action="/bo-loc" class="save-filter">
            ${csrfField(web)}
            <input type="hidden" name="list" value="${list}" />
            <input type="hidden" name="query" value="${current}" />
            <label for="saved-filter-name">${L.name}</label>
            <input
              id="saved-filter-name"
              name="name"
              type="text"
              required
              maxlength="${String(NAME_MAX)}"
              autocomplete="off"
            />
            <button type="submit">${L.save}</button>
          </form>`
        : ''
    }
  </section>`;
}
