import { html, type Html } from '../../common/html.js';
import { PILOT_STATES } from '../../pilots/domain/pilot-state.js';
import { pilotStateBadge } from '../components/badges.js';
import { errorAlert, filterActions, input, select } from '../components/fields.js';
import { downloadLinks } from '../components/table-export.js';
import { period } from '../components/format.js';
import type { FormState } from '../components/forms.js';
import { page } from '../components/layout.js';
import { empty } from '../components/tables.js';
import type { Schemas } from '../in-process-api.js';
import { BOARD_LABELS as L, PILOT_STATE_LABELS, WORDS } from '../labels.js';
import type { WebContext } from '../web-request.js';

type PilotView = Schemas['PilotView'];

const BLOCKED_OPTIONS: [string, string][] = [
  ['', L.blockedAll],
  ['true', L.blockedYes],
  ['false', L.blockedNo],
];

/** The board: its filters (with the API's refusal of one), then the results. */
export function boardPage(
  web: WebContext,
  o: {
    form: FormState;
    agencyOptions: [string, string][];
    error?: string;
    results: Html;
    /** The user's saved filters of the board, and the form that saves the one on screen. */
    savedFilters?: Html;
  },
): string {
  const { form } = o;
  return page(web, {
    title: L.title,
    active: 'board',
    body: html`<div class="page-head">
        <h1>${L.title}</h1>
        <p class="muted">${L.intro}</p>
      </div>
      <form
        class="filters"
        method="get"
        action="/mo-hinh"
        role="search"
        hx-get="/mo-hinh"
        hx-target="#board-results"
        hx-swap="outerHTML"
        hx-push-url="true"
        hx-trigger="change, input changed delay:300ms from:#filter-q"
      >
        ${input(form, {
          name: 'q',
          form: 'filter',
          label: L.search,
          type: 'search',
          attrs: { placeholder: L.searchExample },
        })}
        ${select(form, {
          name: 'state',
          form: 'filter',
          label: L.state,
          options: [
            ['', L.allStates],
            ...PILOT_STATES.map((s): [string, string] => [s, PILOT_STATE_LABELS[s]]),
          ],
        })}
        ${select(form, {
          name: 'agency',
          form: 'filter',
          label: L.agency,
          options: [['', WORDS.allAgencies], ...o.agencyOptions],
        })}
        ${select(form, { name: 'blocked', form: 'filter', label: WORDS.blocked, options: BLOCKED_OPTIONS })}
        ${filterActions('/mo-hinh')}
      </form>
      ${o.savedFilters ?? ''} ${errorAlert(o.error)}
      <div aria-live="polite">${o.results}</div>`,
  });
}

/** The results, replaced whole by htmx inside a live region that stays (the new count is read out). */
export function boardResults(
  pilots: PilotView[],
  shown: number,
  total: number,
  filters: Record<string, string> = {},
): Html {
  const mine = (p: PilotView) => p.ledByUserAgency;
  const agencies = (p: PilotView) => p.leadAgencies.map((a) => a.name).join('; ');
  return html`<section id="board-results">
    <p class="count">
      Hiển thị <strong>${shown}</strong> / ${total} mô hình
      ${downloadLinks('/mo-hinh/tai-xuong', filters, 'mô hình')}
    </p>
    ${
      pilots.length === 0
        ? empty(L.noMatch)
        : html`<div class="table-wrap">
            <table class="board">
              <thead>
                <tr>
                  <th scope="col" class="num">${L.number}</th>
                  <th scope="col">${L.pilot}</th>
                  <th scope="col" class="col-agency">${L.agency}</th>
                  <th scope="col">${L.state}</th>
                  <th scope="col" class="num">${L.openBlockers}</th>
                  <th scope="col" class="num">${L.overdueLetters}</th>
                  <th scope="col">${L.lastReport}</th>
                </tr>
              </thead>
              <tbody>
                ${pilots.map(
                  (p) =>
                    html`<tr class="${mine(p) ? 'own' : ''}" data-pilot="${p.number}">
                      <td class="num">${p.number}</td>
                      <td>
                        <a href="/mo-hinh/${p.number}">${p.name}</a>
                        ${p.blocked ? html` <span class="badge blocked">${WORDS.blocked}</span>` : ''}
                        ${
                          p.missedMilestones
                            ? html` <a
                                class="badge overdue missed-milestones"
                                href="/mo-hinh/${p.number}#moc"
                                title="${p.missedMilestones} mốc tiến độ quá hạn"
                                >${p.missedMilestones} mốc quá hạn</a
                              >`
                            : ''
                        }
                        ${mine(p) ? html` <span class="badge own-tag">${L.ownAgency}</span>` : ''}
                        <span class="agency-inline">${agencies(p)}</span>
                      </td>
                      <td class="col-agency">${agencies(p)}</td>
                      <td class="state-cell">${pilotStateBadge(p.state)}</td>
                      <td class="num" data-label="${L.openBlockers}">
                        ${p.openBlockers || html`<span class="muted">0</span>`}
                      </td>
                      <td class="num" data-label="${L.overdueLetters}">
                        ${
                          p.overdueRecommendations
                            ? html`<a
                                class="badge overdue"
                                href="/kien-nghi?state=QUA_HAN&amp;pilot=${p.number}"
                                aria-label="${p.overdueRecommendations} kiến nghị quá hạn của mô hình số ${p.number}"
                                >${p.overdueRecommendations}</a
                              >`
                            : html`<span class="muted">0</span>`
                        }
                      </td>
                      <td data-label="${L.lastReport}">
                        ${p.lastReportPeriod ? `Tháng ${period(p.lastReportPeriod)}` : html`<span class="muted">${WORDS.notYet}</span>`}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}
