import { type Html, html } from '../../common/html.js';
import { csrfField, input, select } from '../components/fields.js';
import type { FormState } from '../components/forms.js';
import type { Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';

/**
 * In an adjustment's row, for the secretariat: correct its kind, reason and reference, or delete
 * it (not a built-in official one, which start-up would bring back); both at the version shown.
 */
export function adjustmentCorrection(
  web: WebContext,
  a: Schemas['AdjustmentView'],
  failed: FormState | undefined,
): Html {
  const id = `adjust-${a.day}`;
  const form: FormState = failed ?? {
    values: { kind: a.kind, reason: a.reason, reference: a.reference ?? '' },
    errors: {},
  };
  const shown = a.day.split('-').reverse().join('/');
  return html`<details class="action" ${failed ? html` open` : ''}>
    <summary>Sửa<span class="sr-only"> điều chỉnh ngày ${shown}</span></summary>
    <form method="post" action="/cai-dat/lich-lam-viec/${a.day}" novalidate>
      ${csrfField(web)}
      <input type="hidden" name="version" value="${a.version}" />
      ${select(form, {
        name: 'kind',
        form: id,
        label: 'Loại điều chỉnh',
        required: true,
        options: [
          ['DAY_OFF', 'Ngày nghỉ (không làm việc)'],
          ['WORKING_DAY', 'Ngày làm việc bù'],
        ],
      })}
      ${input(form, {
        name: 'reason',
        form: id,
        label: 'Lý do',
        required: true,
        attrs: { maxlength: '500' },
      })}
      ${input(form, {
        name: 'reference',
        form: id,
        label: 'Văn bản công bố (không bắt buộc)',
        attrs: { maxlength: '300' },
      })}
      <button type="submit" class="primary">Lưu</button>
    </form>
    ${
      a.builtIn
        ? html`<p class="muted">Điều chỉnh chính thức có sẵn: sửa được, không xóa được.</p>`
        : html`<form method="post" action="/cai-dat/lich-lam-viec/${a.day}/xoa">
            ${csrfField(web)}
            <input type="hidden" name="version" value="${a.version}" />
            <button
              type="submit"
              class="danger"
              data-confirm="Xóa điều chỉnh ngày ${shown}? Ngày này trở lại theo lịch thường."
            >
              Xóa điều chỉnh
            </button>
          </form>`
    }
  </details>`;
}
