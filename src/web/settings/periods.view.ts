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
    <section class="report-defaults" aria-labelledby="report-defaults-title">
      <h2 id="report-defaults-title">Cài đặt mặc định của báo cáo tháng</h2>
      <p class="muted">
        Ký hiệu, địa danh, người ký (quyền hạn, chức vụ, họ tên) và nơi nhận mà mỗi báo cáo tháng
        dùng khi kỳ không đặt riêng.
        <a href="/cai-dat/ky-bao-cao/mac-dinh"
          >${canLock ? 'Sửa cài đặt mặc định' : 'Xem cài đặt mặc định'}</a
        >
      </p>
    </section>
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
    <td class="num" data-label="Số báo cáo đã nộp">${p.reports}</td>
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
        >Word (.docx)<span class="sr-only">, ${label}</span></a
      >
      <a href="${base}/bao-cao.xlsx" download
        >Excel (.xlsx)<span class="sr-only">, ${label}</span></a
      >
      <a href="${base}/noi-dung"
        >${canLock && !p.locked ? 'Soạn nội dung' : 'Xem nội dung'}<span class="sr-only">
          báo cáo ${label}</span
        ></a
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
                      Mở lại kỳ<span class="sr-only"> ${label}</span>
                    </button>
                  </form>`
                : html`<form method="post" action="${base}/khoa">
                    ${csrfField(web)}
                    <button type="submit" class="primary">
                      Chốt số liệu<span class="sr-only"> ${label}</span>
                    </button>
                  </form>`
            }
          </td>`
        : ''
    }
  </tr>`;
}

/**
 * Before a period is locked: what is still missing (pilots owing the period's report, by lead
 * agency), and the button that locks.
 */
export function lockConfirmation(
  web: WebContext,
  overview: Schemas['OverviewView'],
  names: Map<number, string>,
): Html {
  const label = `tháng ${period(overview.period)}`;
  const missing = overview.pilots.reportsMissing;
  const agencies = overview.leadAgencies
    .filter((a) => a.pilotsWithoutReport.length > 0)
    .sort((a, b) => b.reportsMissing - a.reportsMissing || a.name.localeCompare(b.name, 'vi'));
  return html`<section class="card lock-confirm" aria-labelledby="lock-confirm-title">
    <h2 id="lock-confirm-title">Chốt số liệu kỳ ${label}?</h2>
    <p>
      Sau khi chốt, các đơn vị không sửa được báo cáo của kỳ này và báo cáo tháng lấy từ số liệu lúc
      chốt. Kỳ đã chốt mở lại được; việc mở lại được ghi vào nhật ký.
    </p>
    ${
      missing === 0
        ? html`<p class="alert ok">Mọi mô hình phải báo cáo đã có báo cáo kỳ ${label}.</p>`
        : html`<p class="alert warn" role="status">
              Còn <strong>${missing}</strong> mô hình chưa có báo cáo kỳ ${label}:
            </p>
            <ul class="missing-by-agency">
              ${agencies.map(
                (a) =>
                  html`<li data-agency="${a.code}">
                    ${a.name}:
                    ${a.pilotsWithoutReport.map(
                      (n, i) =>
                        html`${i ? ', ' : ''}<a href="/mo-hinh/${n}"
                            >Mô hình ${n}${names.has(n) ? html` (${names.get(n)})` : ''}</a
                          >`,
                    )}
                  </li>`,
              )}
            </ul>`
    }
    <form method="post" action="/cai-dat/ky-bao-cao/${overview.period}/khoa" class="inline-form">
      ${csrfField(web)}
      <input type="hidden" name="confirm" value="1" />
      <button type="submit" class="primary">
        ${missing === 0 ? 'Chốt số liệu' : `Vẫn chốt, thiếu ${missing} báo cáo`}
      </button>
      <a class="button" href="/cai-dat/ky-bao-cao">Quay lại, chưa chốt</a>
    </form>
  </section>`;
}
