import { html, type Html } from '../../common/html.js';
import { levelBadge } from '../components/badges.js';
import { day, moment } from '../components/format.js';
import { empty } from '../components/tables.js';
import type { Schemas } from '../in-process-api.js';

/** One escalation event as `GET /recommendations/:id/escalations` answers it. */
export type EscalationEventView = Schemas['EscalationEventView'];

/** Consecutive skipped steps of one level (a letter entered long overdue) shown as one row. */
function eventRuns(events: EscalationEventView[]): EscalationEventView[][] {
  const runs: EscalationEventView[][] = [];
  for (const e of events) {
    const last = runs.at(-1)?.at(-1);
    if (
      last &&
      e.outcome === 'SKIPPED' &&
      last.outcome === 'SKIPPED' &&
      last.cycle === e.cycle &&
      last.level === e.level
    )
      runs.at(-1)!.push(e);
    else runs.push([e]);
  }
  return runs;
}

function repeats(first: EscalationEventView, last: EscalationEventView): string {
  if (first === last) return first.repeat > 0 ? `nhắc lại lần ${first.repeat}` : '';
  const from = Math.max(first.repeat, 1);
  return `${first.repeat === 0 ? 'lần đầu và ' : ''}nhắc lại lần ${from}–${last.repeat}`;
}

const range = (a: string, b: string) => (a === b ? a : `${a} – ${b}`);

export function eventsTable(events: EscalationEventView[]): Html {
  if (events.length === 0) return empty('Chưa có mức đôn đốc nào đến hạn.');
  return html`<div class="table-wrap">
    <table class="events cards">
      <thead>
        <tr>
          <th scope="col" class="num">Lần gửi</th>
          <th scope="col">Mức</th>
          <th scope="col">Đến hạn lúc</th>
          <th scope="col">Ghi nhận lúc</th>
          <th scope="col">Kết quả</th>
          <th scope="col" class="num">Ngày làm việc quá hạn</th>
        </tr>
      </thead>
      <tbody>
        ${eventRuns(events).map((run) => {
          const [e, last] = [run[0], run.at(-1)!];
          return html`<tr data-level="${e.level}" data-outcome="${e.outcome}">
            <td class="num" data-label="Lần gửi">${e.cycle}</td>
            <td class="key">
              ${levelBadge(e.level, e.levelName)}
              ${repeats(e, last) ? html` <span class="muted">${repeats(e, last)}</span>` : ''}
            </td>
            <td data-label="Đến hạn lúc">
              ${
                run.length > 1
                  ? html`${day(e.dueAt)} – ${day(last.dueAt)}`
                  : html`<span class="nowrap">${moment(e.dueAt)}</span>`
              }
            </td>
            <td class="nowrap" data-label="Ghi nhận lúc">${moment(last.occurredAt)}</td>
            <td>
              ${
                e.outcome === 'FIRED'
                  ? html`<span class="badge outcome-fired">Đã nhắc, đôn đốc</span>`
                  : html`<span class="badge outcome-skipped"
                      >Bỏ qua (nhập muộn)${run.length > 1 ? ` · ${run.length} lần` : ''}</span
                    >`
              }
            </td>
            <td class="num" data-label="Ngày làm việc quá hạn">
              ${range(String(e.workingDaysOverdue), String(last.workingDaysOverdue))}
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}
