import { html, type Html } from '../../common/html.js';
import { empty } from '../components/tables.js';

/** A letter's summary in a list of the home: its start; the whole text is on the letter's page. */
export const SUMMARY_MAX = 160;

/** One list of the home page: what waits, how many, each entry a link to where it is handled. */
export interface QueueSection {
  /** The section's anchor (its tile links to it) and its `data-queue` key. */
  id: string;
  title: string;
  /** How many wait; 0 shows the `none` sentence instead of a list. */
  count: number;
  /** The tile's colour while something waits: bad (late), warn (to do soon). */
  tone: 'bad' | 'warn';
  none: string;
  items: Html[];
  /** The whole list where the work is done, when there is one. */
  more?: { href: string; text: string };
  /** A sentence under the heading: what the list counts. */
  note?: string;
}

/** The tiles (one per section, linking to it), then the sections. */
export function queueBody(o: { heading: string; intro: Html; sections: QueueSection[] }): Html {
  return html`<div class="page-head">
      <div>
        <h1>${o.heading}</h1>
        <p class="muted">${o.intro}</p>
      </div>
    </div>
    <ul class="home-tiles" aria-label="Tóm tắt">
      ${o.sections.map(
        (s) =>
          html`<li>
            <a class="stat ${s.count ? s.tone : 'ok'}" href="#${s.id}" data-count="${s.id}">
              <span class="value">${s.count}</span>
              <span class="label">${s.title}</span>
            </a>
          </li>`,
      )}
    </ul>
    <div class="home-queues">${o.sections.map(queueSection)}</div>`;
}

function queueSection(s: QueueSection): Html {
  return html`<section
    class="card home-queue"
    id="${s.id}"
    data-queue="${s.id}"
    aria-labelledby="${s.id}-title"
  >
    <h2 id="${s.id}-title">
      ${s.title} <span class="badge queue-count${s.count ? ` ${s.tone}` : ''}">${s.count}</span>
    </h2>
    ${s.note ? html`<p class="muted note">${s.note}</p>` : ''}
    ${
      s.count === 0
        ? empty(s.none)
        : html`<ul class="queue-list">
            ${s.items}
          </ul>`
    }
    ${s.more ? html`<p class="more"><a href="${s.more.href}">${s.more.text}</a></p>` : ''}
  </section>`;
}
