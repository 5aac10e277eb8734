import { can } from '../../access/domain/permissions.js';
import { SATURDAY, SUNDAY } from '../../calendar/domain/vietnamese-calendar.js';
import { type Html, html } from '../../common/html.js';
import { dayInput } from '../components/date-fields.js';
import { csrfField, formMessage, input, select } from '../components/fields.js';
import { day } from '../components/format.js';
import type { FormState } from '../components/forms.js';
import { empty } from '../components/tables.js';
import { ADJUSTMENT_LABELS, WEEKDAYS, WORDS } from '../labels.js';
import type { WebContext } from '../web-request.js';
import { readOnlyNote } from './settings-page.js';
import { adjustmentCorrection } from './adjustment-correction.view.js';
import type { Schemas } from '../in-process-api.js';

type AdjustmentView = Schemas['AdjustmentView'];
type WorkingDaysView = Schemas['WorkingDaysView'];

export const CALENDAR_LABELS: Record<string, string> = {
  day: 'Ngày',
  kind: 'Loại điều chỉnh',
  reason: WORDS.reason,
  reference: 'Văn bản công bố',
};

const weekday = (d: string) => WEEKDAYS[new Date(`${d}T00:00:00Z`).getUTCDay()];

type Row =
  | { day: string; source: 'holiday'; name: string }
  | { day: string; source: 'adjustment'; adjustment: AdjustmentView };

/** The public holidays (from the holiday library) and the adjustments of a year, by day. */
function rows(calendar: WorkingDaysView, adjustments: AdjustmentView[]): Row[] {
  const adjusted = new Set(adjustments.map((a) => a.day));
  const holidays: Row[] = calendar.days
    .filter(
      (d) =>
        !d.working &&
        !adjusted.has(d.day) &&
        d.reason !== null &&
        d.reason !== SATURDAY &&
        d.reason !== SUNDAY,
    )
    .map((d) => ({ day: d.day, source: 'holiday', name: d.reason! }));
  return [
    ...holidays,
    ...adjustments.map((a): Row => ({ day: a.day, source: 'adjustment', adjustment: a })),
  ].sort((a, b) => a.day.localeCompare(b.day));
}

export function calendarBody(
  web: WebContext,
  o: {
    year: number;
    calendar: WorkingDaysView;
    adjustments: AdjustmentView[];
    form: FormState;
    /** The calendar's warnings (a Tết without its official adjustments). */
    warnings: readonly string[];
    /** A refused correction of one day's adjustment: its row opens with what was typed. */
    edit?: { day: string; form: FormState };
  },
): Html {
  const list = rows(o.calendar, o.adjustments);
  const weekdayOff = list.filter(
    (r) =>
      !['Thứ Bảy', 'Chủ nhật'].includes(weekday(r.day)) &&
      (r.source === 'holiday' || r.adjustment.kind === 'DAY_OFF'),
  ).length;
  const makeUp = o.adjustments.filter((a) => a.kind === 'WORKING_DAY').length;
  const canAdd = can(web.actor.role, 'calendar.edit');
  return html`${o.warnings.map((w) => html`<p class="alert warn" role="status">${w}</p>`)}
    ${o.edit ? formMessage(o.edit.form) : ''}
    <div class="year-bar">
      <nav class="year-switch" aria-label="Chọn năm">
        ${
          o.year > 2000
            ? html`<a href="/cai-dat/lich-lam-viec?nam=${o.year - 1}" rel="prev"
                >‹ Năm ${o.year - 1}</a
              >`
            : ''
        }
        <strong aria-current="page">Năm ${o.year}</strong>
        ${
          o.year < 2100
            ? html`<a href="/cai-dat/lich-lam-viec?nam=${o.year + 1}" rel="next"
                >Năm ${o.year + 1} ›</a
              >`
            : ''
        }
      </nav>
      <form method="get" action="/cai-dat/lich-lam-viec" class="year-form">
        <label for="year-nam">Xem năm</label>
        <input
          id="year-nam"
          name="nam"
          type="number"
          min="2000"
          max="2100"
          value="${o.year}"
          inputmode="numeric"
        />
        <button type="submit">${WORDS.show}</button>
      </form>
    </div>
    <div class="stats">
      <div class="stat ok">
        <span class="value">${o.calendar.workingDays}</span>
        <span class="label">ngày làm việc trong năm ${o.year}</span>
      </div>
      <div class="stat warn">
        <span class="value">${weekdayOff}</span>
        <span class="label">ngày nghỉ lễ, Tết và nghỉ bù rơi vào ngày thường</span>
      </div>
      <div class="stat">
        <span class="value">${makeUp}</span>
        <span class="label">ngày làm việc bù (thứ Bảy, Chủ nhật)</span>
      </div>
    </div>
    <section class="card" aria-labelledby="calendar-days">
      <h2 id="calendar-days">Ngày nghỉ và ngày làm bù năm ${o.year}</h2>
      <p class="muted">
        Ngày làm việc là thứ Hai đến thứ Sáu, trừ ngày nghỉ lễ, Tết và ngày nghỉ theo điều chỉnh,
        cộng các ngày làm việc bù. Hạn trả lời và các mức đôn đốc đều tính theo lịch này.
      </p>
      ${
        list.length === 0
          ? empty(`Chưa có ngày nghỉ lễ hay điều chỉnh nào trong năm ${o.year}.`)
          : html`<div class="table-wrap">
              <table class="calendar-table">
                <thead>
                  <tr>
                    <th scope="col">Ngày</th>
                    <th scope="col">Thứ</th>
                    <th scope="col">Loại</th>
                    <th scope="col">Lý do</th>
                    <th scope="col">Văn bản, nguồn</th>
                  </tr>
                </thead>
                <tbody>
                  ${list.map((r) =>
                    calendarRow(r, canAdd ? { web, failed: o.edit, year: o.year } : undefined),
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>
    ${
      canAdd
        ? adjustmentForm(web, o.form, o.year)
        : html`${formMessage(o.form)}
          ${readOnlyNote('Chỉ Thư ký Tổ công tác được thêm điều chỉnh lịch làm việc.')}`
    }`;
}

/** `editing`: the secretariat's, who corrects or deletes an adjustment in its row. */
function calendarRow(
  r: Row,
  editing?: { web: WebContext; failed?: { day: string; form: FormState }; year: number },
): Html {
  if (r.source === 'holiday') {
    return html`<tr class="kind-holiday" data-day="${r.day}">
      <td class="nowrap">${day(r.day)}</td>
      <td class="nowrap">${weekday(r.day)}</td>
      <td><span class="badge day-off">Nghỉ lễ, Tết</span></td>
      <td>${r.name}</td>
      <td class="muted">Bộ luật Lao động (lịch ngày lễ)</td>
    </tr>`;
  }
  const a = r.adjustment;
  return html`<tr class="kind-${a.kind.toLowerCase()}" data-day="${a.day}">
    <td class="nowrap">${day(a.day)}</td>
    <td class="nowrap">${weekday(a.day)}</td>
    <td>
      <span class="badge ${a.kind === 'DAY_OFF' ? 'day-off' : 'make-up'}"
        >${ADJUSTMENT_LABELS[a.kind]}</span
      >
    </td>
    <td>
      ${a.reason}
      ${
        editing
          ? adjustmentCorrection(
              editing.web,
              a,
              editing.failed?.day === a.day ? editing.failed.form : undefined,
            )
          : ''
      }
    </td>
    <td>${a.reference ?? html`<span class="muted">—</span>`}</td>
  </tr>`;
}

function adjustmentForm(web: WebContext, form: FormState, year: number): Html {
  return html`<section class="card" aria-labelledby="calendar-add">
    <h2 id="calendar-add">Thêm điều chỉnh lịch làm việc</h2>
    <p class="muted">
      Dùng cho ngày nghỉ thêm (nghỉ bù, hoán đổi quanh Tết, 30/4, 2/9) và ngày thứ Bảy làm việc bù
      theo thông báo của cơ quan có thẩm quyền. Mỗi ngày chỉ có một điều chỉnh.
    </p>
    ${formMessage(form)}
    <form method="post" action="/cai-dat/lich-lam-viec" novalidate>
      ${csrfField(web)}
      <input type="hidden" name="nam" value="${year}" />
      <div class="settings-grid">
        ${dayInput(form, { name: 'day', form: 'adjust', label: 'Ngày', required: true })}
        ${select(form, {
          name: 'kind',
          form: 'adjust',
          label: 'Loại điều chỉnh',
          required: true,
          options: [
            ['DAY_OFF', 'Ngày nghỉ (không làm việc)'],
            ['WORKING_DAY', 'Ngày làm việc bù'],
          ],
        })}
      </div>
      ${input(form, {
        name: 'reason',
        form: 'adjust',
        label: 'Lý do',
        required: true,
        attrs: { maxlength: '500', placeholder: 'ví dụ: Nghỉ bù Quốc khánh 2/9' },
      })}
      ${input(form, {
        name: 'reference',
        form: 'adjust',
        label: 'Văn bản công bố (không bắt buộc)',
        hint: 'Số, ký hiệu và ngày của thông báo, ví dụ: Thông báo số 5015/TB-LĐTBXH ngày 22/11/2023.',
        attrs: { maxlength: '300' },
      })}
      <button type="submit" class="primary">Thêm điều chỉnh</button>
    </form>
  </section>`;
}
