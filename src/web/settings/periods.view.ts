import { can } from '../../access/domain/permissions.js';
import { type Html, html } from '../../common/html.js';
import { csrfField, errorAlert } from '../components/fields.js';
import { moment, period } from '../components/format.js';
import { empty } from '../components/tables.js';
import type { Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';
import { readOnlyNote } from './settings-page.js';

type PeriodView = Schemas['PeriodView'];

export function periodsBody(web: WebContext, o: { periods: PeriodView[]; message?: string }): Html {
  const canLock = can(web.actor.role, 'periods.lock');
  return html`${errorAlert(o.message)}
    ${canLock ? '' : readOnlyNote('Chỉ Thư ký Tổ công tác được chốt hoặc mở lại kỳ báo cáo.')}
    <p class="muted">
      Chốt số liệu một kỳ thì báo cáo của kỳ đó không sửa được nữa và báo cáo tháng luôn lấy từ số
      liệu lúc chốt. Mở lại kỳ đã chốt được ghi vào nhật ký; lần chốt sau lấy số liệu mới.
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
