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

/**
 * Which occurrences of a level a run of skipped events covers. A run can hold several events of
 * one occurrence (one per addressee of the letter), so it reads from the run's lowest repeat to
 * its highest, not from its first event to its last.
 */
function repeats(run: EscalationEventView[]): string {
  const lo = Math.min(...run.map((e) => e.repeat));
  const hi = Math.max(...run.map((e) => e.repeat));
  if (hi === 0) return '';
  if (lo === hi) return `nhắc lại lần ${hi}`;
  const reminders = hi === 1 ? 'nhắc lại lần 1' : `nhắc lại lần ${Math.max(lo, 1)}–${hi}`;
  return lo === 0 ? `lần đầu và ${reminders}` : reminders;
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
              ${repeats(run) ? html` <span class="muted">${repeats(run)}</span>` : ''}
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
