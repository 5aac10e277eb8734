import { can } from '../../access/domain/permissions.js';
import { type Html, html } from '../../common/html.js';
import { csrfField, formMessage, input, select } from '../components/fields.js';
import type { FormState } from '../components/forms.js';
import { empty } from '../components/tables.js';
import type { Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';
import { WORDS } from '../labels.js';
import { readOnlyNote } from './settings-page.js';

type Indicator = Schemas['IndicatorView'];

export const INDICATOR_KIND_LABELS: Record<Indicator['kind'], string> = {
  NUMBER: 'Số lượng',
  RATIO: 'Tỷ lệ x/y',
  PERCENT: 'Phần trăm',
};

export const INDICATOR_LABELS: Record<string, string> = {
  code: 'Mã chỉ số',
  name: 'Tên chỉ số',
  unit: 'Đơn vị tính',
  kind: 'Loại',
  pilotNumber: 'Mô hình',
  agencyCode: 'Đơn vị chịu trách nhiệm',
  section: 'Mục báo cáo',
  displayOrder: 'Thứ tự',
  active: 'Đang theo dõi',
  denominatorMetric: 'Khóa mẫu số',
  version: WORDS.version,
};

const kindOptions = (): [string, string][] =>
  Object.entries(INDICATOR_KIND_LABELS).map(([k, label]) => [k, label]);

const agencyOptions = (agencies: Schemas['AgencyView'][]): [string, string][] =>
  agencies.map((a) => [a.code, `${a.code} – ${a.shortName || a.name}`]);

/** The catalogue: province-wide first, then each pilot's, with a form per indicator. */
export function indicatorsBody(
  web: WebContext,
  o: {
    indicators: Indicator[];
    agencies: Schemas['AgencyView'][];
    /** The refused form of one indicator (by code), or of the new one (`code` null). */
    failed?: { code: string | null; form: FormState };
  },
): Html {
  const canEdit = can(web.actor.role, 'indicators.manage');
  const province = o.indicators.filter((i) => i.scope === 'PROVINCE');
  const pilots = o.indicators.filter((i) => i.scope === 'PILOT');
  const failedFor = (code: string | null) =>
    o.failed && o.failed.code === code ? o.failed.form : undefined;
  return html`${
      canEdit ? '' : readOnlyNote('Danh mục chỉ số do Tổ công tác và quản trị hệ thống quản lý.')
    }
    ${o.failed ? formMessage(o.failed.form) : ''}
    <p class="count">
      ${province.length} chỉ số toàn tỉnh, ${pilots.length} chỉ số của các mô hình. Cán bộ đầu mối
      của đơn vị chịu trách nhiệm nhập số liệu từng kỳ; thư nhắc báo cáo liệt kê các chỉ số toàn
      tỉnh chưa có số liệu.
    </p>
    ${canEdit ? newIndicatorForm(web, o.agencies, failedFor(null)) : ''}
    <h2>Chỉ số toàn tỉnh</h2>
    ${table(web, province, o.agencies, canEdit, failedFor)}
    <h2>Chỉ số của các mô hình</h2>
    <p class="muted">
      Mã chỉ số của mô hình là tên khóa trong <code>metrics</code> của báo cáo tháng; giá trị gửi
      kèm báo cáo được ghi vào chỉ số.
    </p>
    ${table(web, pilots, o.agencies, canEdit, failedFor)}`;
}

function table(
  web: WebContext,
  indicators: Indicator[],
  agencies: Schemas['AgencyView'][],
  canEdit: boolean,
  failedFor: (code: string) => FormState | undefined,
): Html {
  if (indicators.length === 0) return empty('Chưa có chỉ số nào.');
  return html`<div class="table-wrap">
    <table class="indicators">
      <thead>
        <tr>
          <th scope="col">Mục</th>
          <th scope="col">Chỉ số</th>
          <th scope="col">Loại, đơn vị tính</th>
          <th scope="col">Đơn vị chịu trách nhiệm</th>
          <th scope="col">Trạng thái</th>
        </tr>
      </thead>
      <tbody>
        ${indicators.map((i) => row(web, i, agencies, canEdit, failedFor(i.code)))}
      </tbody>
    </table>
  </div>`;
}

function row(
  web: WebContext,
  i: Indicator,
  agencies: Schemas['AgencyView'][],
  canEdit: boolean,
  failed: FormState | undefined,
): Html {
  const id = `indicator-${i.code}`;
  return html`<tr id="${id}" data-indicator="${i.code}">
    <td>${i.section}${i.pilotNumber !== null ? html`<br />Mô hình ${i.pilotNumber}` : ''}</td>
    <th scope="row">${i.name}<br /><code class="muted">${i.code}</code></th>
    <td>${INDICATOR_KIND_LABELS[i.kind]}${i.unit ? html`, ${i.unit}` : ''}</td>
    <td>${i.agencyName}</td>
    <td>
      ${i.active ? 'Đang theo dõi' : html`<span class="muted">Đã ngừng</span>`}
      ${
        canEdit
          ? html`<details class="action" ${failed ? html` open` : ''}>
              <summary>Sửa<span class="sr-only"> chỉ số ${i.code}</span></summary>
              <form method="post" action="/cai-dat/chi-so/${i.code}" novalidate>
                ${csrfField(web)}
                <input type="hidden" name="version" value="${i.version}" />
                ${input(failed, { name: 'name', form: id, label: INDICATOR_LABELS.name, value: i.name, required: true })}
                ${input(failed, { name: 'unit', form: id, label: INDICATOR_LABELS.unit, value: i.unit, hint: 'Để trống với chỉ số phần trăm.' })}
                ${select(failed, { name: 'kind', form: id, label: INDICATOR_LABELS.kind, options: kindOptions(), value: i.kind })}
                ${select(failed, { name: 'agencyCode', form: id, label: INDICATOR_LABELS.agencyCode, options: agencyOptions(agencies), value: i.agencyCode })}
                ${input(failed, { name: 'section', form: id, label: INDICATOR_LABELS.section, value: i.section, hint: 'Ví dụ I.4.3' })}
                ${input(failed, { name: 'displayOrder', form: id, label: INDICATOR_LABELS.displayOrder, value: String(i.displayOrder), attrs: { inputmode: 'numeric' } })}
                ${select(failed, {
                  name: 'active',
                  form: id,
                  label: INDICATOR_LABELS.active,
                  options: [
                    ['true', 'Đang theo dõi'],
                    ['false', 'Ngừng theo dõi'],
                  ],
                  value: String(i.active),
                })}
                <button type="submit" class="primary">Lưu chỉ số</button>
              </form>
            </details>`
          : ''
      }
    </td>
  </tr>`;
}

function newIndicatorForm(
  web: WebContext,
  agencies: Schemas['AgencyView'][],
  failed: FormState | undefined,
): Html {
  const id = 'new-indicator';
  return html`<details class="action new-indicator" ${failed ? html` open` : ''}>
    <summary>Thêm chỉ số</summary>
    <form method="post" action="/cai-dat/chi-so" novalidate>
      ${csrfField(web)}
      ${input(failed, { name: 'code', form: id, label: INDICATOR_LABELS.code, required: true, hint: 'Chữ, số và _, bắt đầu bằng chữ; với chỉ số của mô hình: tên khóa trong metrics.' })}
      ${input(failed, { name: 'name', form: id, label: INDICATOR_LABELS.name, required: true })}
      ${input(failed, { name: 'unit', form: id, label: INDICATOR_LABELS.unit, hint: 'Để trống với chỉ số phần trăm.' })}
      ${select(failed, { name: 'kind', form: id, label: INDICATOR_LABELS.kind, options: kindOptions() })}
      ${input(failed, { name: 'pilotNumber', form: id, label: INDICATOR_LABELS.pilotNumber, hint: 'Để trống với chỉ số toàn tỉnh.', attrs: { inputmode: 'numeric' } })}
      ${select(failed, { name: 'agencyCode', form: id, label: INDICATOR_LABELS.agencyCode, options: agencyOptions(agencies) })}
      ${input(failed, { name: 'section', form: id, label: INDICATOR_LABELS.section, required: true, hint: 'Ví dụ I.4.3' })}
      ${input(failed, { name: 'displayOrder', form: id, label: INDICATOR_LABELS.displayOrder, required: true, attrs: { inputmode: 'numeric' } })}
      <button type="submit" class="primary">Thêm chỉ số</button>
    </form>
  </details>`;
}
