import { can } from '../../access/domain/permissions.js';
import { type Html, html } from '../../common/html.js';
import { csrfField, errorAlert, formMessage, select } from '../components/fields.js';
import type { FormState } from '../components/forms.js';
import { moment, period } from '../components/format.js';
import { empty } from '../components/tables.js';
import type { Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';
import { readOnlyNote } from './settings-page.js';

type PeriodView = Schemas['PeriodView'];
type PeriodCutoffView = Schemas['PeriodCutoffView'];

export const CUTOFF_LABELS: Record<string, string> = { periodCutoffDay: 'Ngày chốt số liệu' };

/** "ngày 15 hằng tháng" or "ngày cuối tháng": how the page says the cut-off day. */
const cutoffText = (day: number | null) =>
  day === null
    ? 'hết ngày cuối tháng'
    : `hết ngày ${day} hằng tháng (tháng ngắn hơn: ngày cuối tháng)`;

/** The form's values for the cut-off as it stands. */
export const cutoffValues = (c: PeriodCutoffView) => ({
  periodCutoffDay: c.periodCutoffDay === null ? '' : String(c.periodCutoffDay),
  version: String(c.version),
});

function cutoffSection(web: WebContext, cutoff: PeriodCutoffView, form: FormState | undefined) {
  const canLock = can(web.actor.role, 'periods.lock');
  return html`<section class="period-cutoff" aria-labelledby="period-cutoff-title">
    <h2 id="period-cutoff-title">Ngày chốt số liệu của kỳ</h2>
    <p class="muted">
      Báo cáo tháng của mỗi kỳ đọc số liệu đến ${cutoffText(cutoff.periodCutoffDay)} (giờ Việt Nam):
      trạng thái, báo cáo, vướng mắc, kiến nghị và số ngày quá hạn tính đến thời điểm đó, nên việc
      cập nhật sau thời điểm chốt không làm đổi báo cáo của kỳ.
    </p>
    ${
      canLock
        ? html`<form method="post" action="/cai-dat/ky-bao-cao/ngay-chot" class="inline-form">
            ${csrfField(web)} ${formMessage(form)}
            <input type="hidden" name="version" value="${cutoffValues(cutoff).version}" />
            ${select(form, {
              name: 'periodCutoffDay',
              label: CUTOFF_LABELS.periodCutoffDay,
              value: cutoffValues(cutoff).periodCutoffDay,
              options: [
                ['', 'Cuối tháng'],
                ...Array.from({ length: 31 }, (_, i): [string, string] => [
                  String(i + 1),
                  `Ngày ${i + 1}`,
                ]),
              ],
            })}
            <button type="submit" class="primary">Lưu ngày chốt</button>
          </form>`
        : ''
    }
  </section>`;
}

export function periodsBody(
  web: WebContext,
  o: { periods: PeriodView[]; cutoff: PeriodCutoffView; cutoffForm?: FormState; message?: string },
): Html {
  const canLock = can(web.actor.role, 'periods.lock');
  return html`${errorAlert(o.message)}
    ${canLock ? '' : readOnlyNote('Chỉ Thư ký Tổ công tác được chốt hoặc mở lại kỳ báo cáo.')}
    ${cutoffSection(web, o.cutoff, o.cutoffForm)}
    <p class="muted">
      Chốt số liệu một kỳ thì báo cáo của kỳ đó không sửa được nữa và báo cáo tháng luôn lấy từ số
      liệu đã chốt (tại ngày chốt, hoặc lúc chốt nếu chưa đến ngày chốt). Mở lại kỳ đã chốt được ghi
      vào nhật ký; lần chốt sau lấy số liệu mới.
    </p>
    ${
      o.periods.length === 0
        ? empty('Chưa có kỳ báo cáo nào.')
        : html`<div class="table-wrap">
            <table class="periods">
              <thead>
                <tr>
                  <th scope="col">Kỳ báo cáo</th>
                  <th scope="col" class="num">Số báo cáo đã nộp</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Báo cáo tháng</th>
                  ${canLock ? html`<th scope="col">Chốt số liệu</th>` : ''}
                </tr>
              </thead>
              <tbody>
                ${o.periods.map((p) => periodRow(web, p, canLock))}
              </tbody>
            </table>
          </div>`
    }`;
}

function periodRow(web: WebContext, p: PeriodView, canLock: boolean): Html {
  const label = `tháng ${period(p.period)}`;
  const base = `/cai-dat/ky-bao-cao/${p.period}`;
  return html`<tr data-period="${p.period}">
    <th scope="row">Tháng ${period(p.period)}</th>
    <td class="num">${p.reports}</td>
    <td>
      ${
        p.locked
          ? html`<span class="badge period-locked">Đã chốt</span>${
                p.lockedAt ? html` <span class="muted">lúc ${moment(p.lockedAt)}</span>` : ''
              }`
          : html`<span class="badge period-open">Đang mở</span>`
      }
    </td>
    <td class="downloads">
      <a href="${base}/bao-cao.docx" download
        >Word (.docx)<span class="visually-hidden">, ${label}</span></a
      >
      <a href="${base}/bao-cao.xlsx" download
        >Excel (.xlsx)<span class="visually-hidden">, ${label}</span></a
      >
    </td>
    ${
      canLock
        ? html`<td>
            ${
              p.locked
                ? html`<form method="post" action="${base}/mo-khoa">
                    ${csrfField(web)}
                    <button
                      type="submit"
                      class="danger"
                      data-confirm="Mở lại kỳ ${label}? Các đơn vị sẽ sửa được báo cáo của kỳ này; số liệu đã chốt được giữ lại nhưng không còn dùng."
                    >
                      Mở lại kỳ<span class="visually-hidden"> ${label}</span>
                    </button>
                  </form>`
                : html`<form method="post" action="${base}/khoa">
                    ${csrfField(web)}
                    <button type="submit" class="primary">
                      Chốt số liệu<span class="visually-hidden"> ${label}</span>
                    </button>
                  </form>`
            }
          </td>`
        : ''
    }
  </tr>`;
}
