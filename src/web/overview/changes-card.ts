import { html, type Html } from '../../common/html.js';
import type { PilotState } from '../../pilots/domain/pilot-state.js';
import { typedDay, DAY_HINT } from '../components/date-fields.js';
import { input } from '../components/fields.js';
import { day } from '../components/format.js';
import type { FormState } from '../components/forms.js';
import { empty } from '../components/tables.js';
import { PILOT_STATE_LABELS, WORDS } from '../labels.js';
import type { ChangesSince } from './changes.js';

/**
 * "Thay đổi từ ngày …": the pilots that moved, the blockers raised and closed, the answers
 * received since the chosen day (last Monday unless another is asked for), newest first, each a
 * link to its page. Its own form keeps the period on screen.
 */
export function changesCard(c: ChangesSince, form: FormState, period: string): Html {
  const total = c.moves.length + c.raised.length + c.closed.length + c.answers.length;
  const stateLabel = (s: string | null) => (s ? PILOT_STATE_LABELS[s as PilotState] : '—');
  const group = (id: string, title: string, items: Html[]) =>
    items.length
      ? html`<div class="changes-group" data-changes="${id}">
          <h3>${title} (${items.length})</h3>
          <ul>
            ${items}
          </ul>
        </div>`
      : '';
  return html`<section
    class="card overview-card changes-card"
    id="thay-doi"
    aria-labelledby="changes-title"
  >
    <div class="changes-head">
      <h2 id="changes-title">Thay đổi từ ngày ${day(c.since)}</h2>
      <form method="get" action="/tong-quan#thay-doi" class="changes-form no-print">
        <input type="hidden" name="ky" value="${period}" />
        ${input(form, {
          name: 'tu',
          label: 'Từ ngày',
          hint: DAY_HINT,
          value: typedDay(c.since),
          attrs: { inputmode: 'numeric', autocomplete: 'off', size: '10' },
        })}
        <button type="submit">${WORDS.show}</button>
      </form>
    </div>
    ${
      total === 0
        ? empty(`Không có thay đổi nào từ ngày ${day(c.since)}.`)
        : html`<div class="changes-groups">
            ${group(
              'moves',
              'Mô hình chuyển trạng thái',
              c.moves.map(
                (m) =>
                  html`<li>
                    <a href="/mo-hinh/${m.pilot.number}"
                      ><span class="pilot-number">${m.pilot.number}</span> ${m.pilot.name}</a
                    >: ${stateLabel(m.from)} <span aria-hidden="true">→</span
                    ><span class="sr-only"> chuyển sang </span>
                    <strong>${stateLabel(m.to)}</strong>
                    <span class="muted">(${day(m.at)})</span>
                  </li>`,
              ),
            )}
            ${group(
              'raised',
              'Vướng mắc mới nêu',
              c.raised.map(
                (b) =>
                  html`<li>
                    ${blockerLink(b.pilotNumber, b.title)}
                    <span class="muted"
                      >(${b.pilotNumber === null ? 'vướng mắc chung' : `mô hình số ${b.pilotNumber}`},
                      ${day(b.createdAt)})</span
                    >
                  </li>`,
              ),
            )}
            ${group(
              'closed',
              'Vướng mắc đã giải quyết hoặc rút',
              c.closed.map(
                (x) =>
                  html`<li>
                    ${blockerLink(x.blocker.pilotNumber, x.blocker.title)}
                    <span class="muted"
                      >(${x.blocker.state === 'RESOLVED' ? 'đã giải quyết' : 'đã rút'}
                      ${day(x.at)})</span
                    >
                  </li>`,
              ),
            )}
            ${group(
              'answers',
              'Kiến nghị được trả lời',
              c.answers.map(
                (a) =>
                  html`<li>
                    <a href="/kien-nghi/${a.letter.id}">${a.letter.documentNumber ?? 'Kiến nghị'}</a
                    >: ${a.response.answeredBy?.name ?? 'cơ quan nhận'} trả lời bằng văn bản
                    ${a.response.documentNumber} ngày ${day(a.response.date)}
                    <span class="muted">(ghi nhận ${day(a.response.recordedAt)})</span>
                  </li>`,
              ),
            )}
          </div>`
    }
  </section>`;
}

function blockerLink(pilotNumber: number | null, title: string): Html {
  return pilotNumber === null
    ? html`<span>${title}</span>`
    : html`<a href="/mo-hinh/${pilotNumber}#vuong-mac">${title}</a>`;
}
