import { html, type Html } from '../../common/html.js';
import { csrfField, formMessage, input } from '../components/fields.js';
import { moment, period as periodLabel } from '../components/format.js';
import type { FormState } from '../components/forms.js';
import { page } from '../components/layout.js';
import { vietnameseNumber } from '../components/numbers.js';
import { empty } from '../components/tables.js';
import type { Schemas } from '../in-process-api.js';
import { INDICATOR_KIND_LABELS } from '../settings/indicators.view.js';
import type { WebContext } from '../web-request.js';
import { entryField, shownText } from './indicator-entry.js';

type Indicator = Schemas['IndicatorView'];
type Value = Schemas['IndicatorValueView'];

/** One indicator as the page shows it for the period. */
export interface IndicatorRowData {
  indicator: Indicator;
  /** Its value of the period, if entered. */
  value: Value | null;
  /** Its latest value before the period: the hint. */
  previous: Value | null;
  /** The user may enter its value (the API decides again on every write). */
  canWrite: boolean;
}

export interface IndicatorsPageData {
  period: string;
  currentPeriod: string;
  /** The secretariat has locked the period: its values are read, not entered. */
  locked: boolean;
  /** The periods offered, newest first. */
  periods: { period: string; locked: boolean }[];
  /** Province-wide first, then each pilot's, in the report's order. */
  rows: IndicatorRowData[];
  pilotNames: Map<number, string>;
  /** Whom the list is for: an officer's own agency, or everyone's. */
  scope: { kind: 'agency'; code: string | null } | { kind: 'all'; canWrite: boolean };
}

export interface IndicatorsPageState {
  form?: FormState;
  notice?: string;
}

/** How a value is written in the form, as parseFigure reads it back: "460/475", "72,9". */
export function typedText(v: Value | null): string {
  if (!v) return '';
  const value = vietnameseNumber(v.value);
  return v.denominator === null ? value : `${value}/${vietnameseNumber(v.denominator)}`;
}

const HINTS: Record<Indicator['kind'], string> = {
  NUMBER: 'Ví dụ 1.191.479',
  RATIO: 'Tử số/mẫu số, ví dụ 460/475',
  PERCENT: 'Số phần trăm, ví dụ 72,9',
};

/** The page "Số liệu chỉ số": the period's figures the user enters, or reads. */
export function renderIndicatorsPage(
  web: WebContext,
  d: IndicatorsPageData,
  state: IndicatorsPageState = {},
): string {
  const writable = d.rows.filter((r) => r.canWrite);
  // A refused form shows what was typed, even when the period got locked meanwhile.
  const entry = writable.length > 0 && (!d.locked || state.form !== undefined);
  const province = d.rows.filter((r) => r.indicator.pilotNumber === null);
  const pilots = [...new Set(d.rows.map((r) => r.indicator.pilotNumber))].filter(
    (n): n is number => n !== null,
  );
  const tables = html`<h2 id="toan-tinh">Chỉ số toàn tỉnh</h2>
    ${table(d, province, entry, state.form)}
    ${pilots.map(
      (n) =>
        html`<h2 id="mo-hinh-${n}">
            Mô hình số ${n}${d.pilotNames.has(n) ? `: ${d.pilotNames.get(n)}` : ''}
          </h2>
          <p class="muted">
            Giá trị gửi kèm báo cáo tháng của mô hình (chỉ số có mã trùng khóa) cũng được ghi vào
            đây. <a href="/mo-hinh/${n}#chi-so">Xem trên trang mô hình</a>
          </p>
          ${table(
            d,
            d.rows.filter((r) => r.indicator.pilotNumber === n),
            entry,
            state.form,
          )}`,
    )}`;
  return page(web, {
    title: 'Số liệu chỉ số',
    active: 'indicators',
    body: html`<div class="page-head">
        <div>
          <h1>Số liệu chỉ số tháng ${periodLabel(d.period)}</h1>
          <p class="muted">${intro(d)}</p>
        </div>
      </div>
      ${periodChooser(d)}
      ${
        d.locked
          ? html`<p class="alert info">
              Kỳ tháng ${periodLabel(d.period)} đã chốt số liệu: không nhập hoặc sửa giá trị của kỳ
              này.
            </p>`
          : ''
      }
      ${state.notice ? html`<div class="alert error" role="alert">${state.notice}</div>` : ''}
      ${
        d.rows.length === 0
          ? empty(
              d.scope.kind === 'agency' && d.scope.code === null
                ? 'Tài khoản của bạn chưa gắn với đơn vị nào nên không có chỉ số để nhập.'
                : 'Đơn vị chưa được giao chỉ số nào trong danh mục.',
            )
          : entry
            ? html`<form
                method="post"
                action="/chi-so"
                class="indicator-entry"
                data-draft="chi-so-${d.period}"
                novalidate
              >
                ${csrfField(web)}
                <input type="hidden" name="period" value="${d.period}" />
                ${formMessage(state.form)} ${tables}
                ${
                  d.locked
                    ? ''
                    : html`<p class="form-actions">
                        <button type="submit" class="primary">Lưu các giá trị đã nhập</button>
                        <span class="muted"
                          >Chỉ các ô đã thay đổi được lưu; giá trị bị từ chối được giữ nguyên để
                          sửa.</span
                        >
                      </p>`
                }
              </form>`
            : tables
      }`,
  });
}

function intro(d: IndicatorsPageData): Html | string {
  if (d.scope.kind === 'agency') {
    return html`Các chỉ số do đơn vị ${d.scope.code ? html`<strong>${d.scope.code}</strong>` : ''}
    chịu trách nhiệm nhập số liệu theo từng kỳ báo cáo; báo cáo tháng (Phần I) và trang tổng quan
    dùng các số liệu này.`;
  }
  return d.scope.canWrite
    ? 'Mọi chỉ số đang theo dõi: Tổ công tác nhập hoặc sửa số liệu thay cho đơn vị chịu trách nhiệm khi cần.'
    : 'Số liệu các chỉ số do cán bộ đầu mối của đơn vị chịu trách nhiệm và Tổ công tác nhập.';
}

function periodChooser(d: IndicatorsPageData): Html {
  return html`<form method="get" action="/chi-so" class="period-form">
    <label for="chi-so-ky">Kỳ báo cáo</label>
    <select id="chi-so-ky" name="ky">
      ${d.periods.map(
        (p) =>
          html`<option value="${p.period}" ${p.period === d.period ? html` selected` : ''}>
            Tháng
            ${periodLabel(p.period)}${p.period === d.currentPeriod ? ' (kỳ hiện tại)' : ''}${p.locked ? ' · đã chốt' : ''}
          </option>`,
      )}
    </select>
    <button type="submit">Chọn kỳ</button>
  </form>`;
}

function table(
  d: IndicatorsPageData,
  rows: IndicatorRowData[],
  entry: boolean,
  form: FormState | undefined,
): Html {
  if (rows.length === 0) return empty('Không có chỉ số nào.');
  const showAgency = d.scope.kind === 'all';
  return html`<div class="table-wrap">
    <table class="indicator-values">
      <thead>
        <tr>
          <th scope="col">Chỉ số</th>
          <th scope="col">Loại, đơn vị tính</th>
          <th scope="col">Kỳ trước</th>
          <th scope="col">Đã nhập tháng ${periodLabel(d.period)}</th>
          ${entry ? html`<th scope="col">Giá trị mới</th>` : ''}
        </tr>
      </thead>
      <tbody>
        ${rows.map((r) => row(d, r, entry, form, showAgency))}
      </tbody>
    </table>
  </div>`;
}

function row(
  d: IndicatorsPageData,
  r: IndicatorRowData,
  entry: boolean,
  form: FormState | undefined,
  showAgency: boolean,
): Html {
  const i = r.indicator;
  // An officer's list names the owner of an indicator its agency holds for an agency merged into it.
  const owner = showAgency || (d.scope.kind === 'agency' && i.agencyCode !== d.scope.code);
  return html`<tr id="chi-so-${i.code}" data-indicator="${i.code}">
    <th scope="row">
      ${i.name}
      <br /><span class="muted"
        >Mục ${i.section} · <code>${i.code}</code>${owner ? ` · ${i.agencyName}` : ''}</span
      >
    </th>
    <td>${INDICATOR_KIND_LABELS[i.kind]}${i.unit ? html`, ${i.unit}` : ''}</td>
    <td data-label="Kỳ trước">
      ${
        r.previous
          ? html`${r.previous.display} <br /><span class="muted"
                >tháng ${periodLabel(r.previous.period)}</span
              >`
          : html`<span class="muted">Chưa có</span>`
      }
    </td>
    <td class="entered" data-label="Đã nhập">
      ${
        r.value
          ? html`<strong>${r.value.display}</strong>
              ${r.value.note ? html`<br /><span class="note">${r.value.note}</span>` : ''}
              <br /><span class="muted by"
                >${r.value.author ? r.value.author.name : 'Dữ liệu ban đầu'} ·
                ${moment(r.value.updatedAt)}</span
              >`
          : html`<span class="muted missing">Chưa nhập</span>`
      }
    </td>
    ${entry ? html`<td>${r.canWrite ? inputs(d, r, form) : ''}</td>` : ''}
  </tr>`;
}

/** The value and note fields of one indicator, with what the page showed, hidden. */
function inputs(d: IndicatorsPageData, r: IndicatorRowData, form: FormState | undefined): Html {
  const code = r.indicator.code;
  const locked: Record<string, string> = d.locked ? { readonly: 'readonly' } : {};
  return html`<input
      type="hidden"
      name="${entryField.version(code)}"
      value="${r.value?.version ?? 0}"
    />
    <input type="hidden" name="${entryField.shown(code)}" value="${shownText(r.value)}" />
    <input type="hidden" name="${entryField.shownNote(code)}" value="${r.value?.note ?? ''}" />
    ${input(form, {
      name: entryField.value(code),
      form: 'chi-so',
      label: 'Giá trị',
      hint: HINTS[r.indicator.kind],
      value: typedText(r.value),
      attrs: { inputmode: 'decimal', ...locked },
    })}
    ${input(form, {
      name: entryField.note(code),
      form: 'chi-so',
      label: 'Ghi chú',
      value: r.value?.note ?? '',
      attrs: locked,
    })}`;
}
