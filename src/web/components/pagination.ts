import { html, type Html } from '../../common/html.js';

/** Previous/next page links of a list the API pages by `limit` and `offset`. */
export function pager(o: {
  base: string;
  query?: Record<string, string>;
  pageNumber: number;
  total: number;
  limit: number;
  noun: string;
}): Html {
  const pages = Math.max(1, Math.ceil(o.total / o.limit));
  if (pages <= 1) return html``;
  const href = (n: number) => {
    const q = new URLSearchParams({ ...(o.query ?? {}), trang: String(n) });
    for (const [k, v] of [...q]) if (!v) q.delete(k);
    return `${o.base}?${q.toString()}`;
  };
  return html`<nav class="pager" aria-label="Phân trang ${o.noun}">
    ${o.pageNumber > 1 ? html`<a href="${href(o.pageNumber - 1)}" rel="prev">‹ Trang trước</a>` : ''}
    <span>Trang ${o.pageNumber} / ${pages}</span>
    ${o.pageNumber < pages ? html`<a href="${href(o.pageNumber + 1)}" rel="next">Trang sau ›</a>` : ''}
  </nav>`;
}

/** `?trang=` as a page number from 1. */
export function pageNumberOf(text: string): number {
  const n = /^\d{1,6}$/.test(text) ? Number(text) : 1;
  return Math.max(1, n);
}
