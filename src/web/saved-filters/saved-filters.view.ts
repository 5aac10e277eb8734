import { html, type Html } from '../../common/html.js';
import type { SavedFilterList } from '../../saved-filters/domain/saved-filter-rules.js';
import { csrfField, fieldProblems, formMessage, input } from '../components/fields.js';
import type { FormState } from '../components/forms.js';
import type { WebContext } from '../web-request.js';
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
 * results htmx asked for, to replace the panel already on the page (hx-swap-oob). `form`: the
 * save the API refused — its message, the typed name with its problem beside it, and the
 * problems of the fields the form carries hidden (the list, the query) under the message.
 */
export function savedFiltersPanel(
  web: WebContext,
  list: SavedFilterList,
  current: string,
  saved: SavedFilterRow[],
  o: { outOfBand?: boolean; form?: FormState } = {},
): Html {
  const path = LIST_PATHS[list];
  const href = (query: string) => (query ? `${path}?${query}` : path);
  const hidden = ['list', 'query'].flatMap((name) => o.form?.errors[name] ?? []);
  return html`<section
    class="saved-filters"
    id="saved-filters"
    aria-labelledby="saved-filters-title"
    ${o.outOfBand ? html`hx-swap-oob="true"` : ''}
  >
    <h2 id="saved-filters-title">${L.title}</h2>
    ${formMessage(o.form)} ${hidden.length > 0 ? fieldProblems(hidden, 'saved-filter-query') : ''}
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
                    <input type="hidden" name="list" value="${list}" />
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
        ? html`<form method="post" action="/bo-loc" class="save-filter" novalidate>
            ${csrfField(web)}
            <input type="hidden" name="list" value="${list}" />
            <input type="hidden" name="query" value="${current}" />
            ${input(o.form, {
              name: 'name',
              form: 'saved-filter',
              label: L.name,
              required: true,
              attrs: { maxlength: String(NAME_MAX), autocomplete: 'off' },
            })}
            <button type="submit">${L.save}</button>
          </form>`
        : ''
    }
  </section>`;
}
