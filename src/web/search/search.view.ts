import { html, type Html } from '../../common/html.js';
import {
  blockerStateBadge,
  pilotStateBadge,
  recommendationStateBadge,
} from '../components/badges.js';
import { day, period, shortened } from '../components/format.js';
import { page } from '../components/layout.js';
import { empty } from '../components/tables.js';
import type { Schemas } from '../in-process-api.js';
import { WORDS } from '../labels.js';
import type { WebContext } from '../web-request.js';

type SearchResult = Schemas['SearchResultView'];

export const SEARCH_PATH = '/tim-kiem';

/** One kind's results: heading with the count, the list, "and N more" with where to see them. */
function group(
  id: string,
  title: string,
  hits: { items: unknown[]; total: number },
  items: Html[],
  more?: string,
): Html {
  const { total } = hits;
  return html`<section class="card search-group" aria-labelledby="${id}" data-kind="${id}">
    <h2 id="${id}">${title} <span class="muted">(${total})</span></h2>
    ${
      total === 0
        ? empty('Không có kết quả.')
        : html`<ul class="plain search-hits">
            ${items.map((i) => html`<li>${i}</li>`)}
          </ul>`
    }
    ${
      total > hits.items.length && more
        ? html`<p><a href="${more}">Xem tất cả ${total} kết quả</a></p>`
        : total > hits.items.length
          ? html`<p class="muted">
              Và ${total - hits.items.length} kết quả khác: hãy thu hẹp từ khóa.
            </p>`
          : ''
    }
  </section>`;
}

/** Where a blocker is seen: its pilot's page, or the newest letter that raises a cross-cutting one. */
function blockerHref(b: Schemas['BlockerHit']): string | null {
  if (b.pilotNumber !== null) return `/mo-hinh/${b.pilotNumber}#vuong-mac-${b.id}`;
  return b.recommendationId ? `/kien-nghi/${b.recommendationId}` : null;
}

/**
 * The global search's results, grouped by kind (pilots, blockers, letters, reports), each hit a
 * link to its page; the query stays in the header's field. Without a query (or with one
 * character): the field's hint only.
 */
export function searchPage(
  web: WebContext,
  m: { q: string; result?: SearchResult; error?: string },
): string {
  const r = m.result;
  const q = encodeURIComponent(m.q);
  return page(web, {
    title: m.q ? `Tìm “${m.q}”` : 'Tìm kiếm',
    searchQuery: m.q,
    body: html`<div class="page-head">
        <div>
          <h1>Tìm kiếm${m.q ? html`: “${m.q}”` : ''}</h1>
          <p class="muted">
            Tìm trong mô hình, vướng mắc, kiến nghị và báo cáo tháng; không cần gõ dấu (“ho tich”
            tìm thấy “hộ tịch”).
          </p>
        </div>
      </div>
      <form class="filters" method="get" action="${SEARCH_PATH}" role="search">
        <div class="field">
          <label for="search-q">Từ khóa</label>
          <input
            type="search"
            id="search-q"
            name="q"
            value="${m.q}"
            minlength="2"
            maxlength="200"
          />
        </div>
        <div class="filter-actions"><button type="submit">Tìm</button></div>
      </form>
      ${m.error ? html`<div class="alert error" role="alert">${m.error}</div>` : ''}
      ${
        r
          ? html`<p class="count" role="status">
                Tìm thấy ${r.pilots.total} mô hình, ${r.blockers.total} vướng mắc,
                ${r.recommendations.total} kiến nghị, ${r.reports.total} báo cáo.
              </p>
              <div class="search-results">
                ${group(
                  'ket-qua-mo-hinh',
                  'Mô hình',
                  r.pilots,
                  r.pilots.items.map(
                    (p) =>
                      html`<a href="/mo-hinh/${p.number}">Mô hình ${p.number}: ${p.name}</a>
                        ${pilotStateBadge(p.state)}`,
                  ),
                  `/mo-hinh?q=${q}`,
                )}
                ${group(
                  'ket-qua-vuong-mac',
                  'Vướng mắc',
                  r.blockers,
                  r.blockers.items.map((b) => {
                    const href = blockerHref(b);
                    const where =
                      b.pilotNumber !== null
                        ? `Mô hình ${b.pilotNumber}`
                        : (b.topic ?? WORDS.generalBlocker);
                    return html`${href ? html`<a href="${href}">${b.title}</a>` : b.title}
                      <span class="muted">· ${where}</span> ${blockerStateBadge(b.state)}`;
                  }),
                )}
                ${group(
                  'ket-qua-kien-nghi',
                  'Kiến nghị',
                  r.recommendations,
                  r.recommendations.items.map(
                    (x) =>
                      html`<a href="/kien-nghi/${x.id}"
                          >${x.documentNumber ?? WORDS.draftNumber}${x.letterDate ? ` ngày ${day(x.letterDate)}` : ''}</a
                        >
                        ${recommendationStateBadge(x.state)}
                        <span class="search-excerpt">${shortened(x.summary, 200)}</span>`,
                  ),
                  `/kien-nghi?q=${q}&state=TAT_CA`,
                )}
                ${group(
                  'ket-qua-bao-cao',
                  'Báo cáo tháng',
                  r.reports,
                  r.reports.items.map(
                    (x) =>
                      html`<a href="/mo-hinh/${x.pilotNumber}#bao-cao"
                          >Mô hình ${x.pilotNumber}, tháng ${period(x.period)}</a
                        >
                        <span class="muted">· ${x.pilotName}</span>
                        <span class="search-excerpt">${x.excerpt}</span>`,
                  ),
                )}
              </div>`
          : ''
      }`,
  });
}
