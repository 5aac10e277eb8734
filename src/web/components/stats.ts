import { html, type Html } from '../../common/html.js';

/** One headline figure: its value, what it counts, a tone (ok, warn, bad) for its colour. */
export function stat(key: string, value: number, label: string, tone: string): Html {
  return html`<div class="stat${tone ? ` ${tone}` : ''}" data-count="${key}">
    <span class="value">${value}</span>
    <span class="label">${label}</span>
  </div>`;
}
