import { html, type Html } from '../../common/html.js';

/** What a list or table shows when it has nothing. */
export function empty(text: string): Html {
  return html`<p class="empty">${text}</p>`;
}

/** A cell or a fact with no value. */
export const noValue = (): Html => html`<span class="muted">—</span>`;
