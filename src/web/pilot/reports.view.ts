import { html, type Html } from '../../common/html.js';
import { csrfField, formMessage, textarea } from '../components/fields.js';
import { moment, period } from '../components/format.js';
import { vietnameseNumber } from '../components/numbers.js';
import { empty } from '../components/tables.js';
import { reportDocuments } from '../attachments/report-documents.js';
import type { WebContext } from '../web-request.js';
import { formOf, type PilotPageData, type PilotPageState } from './pilot-page.js';

export function reportsCard(
  web: WebContext,
  data: PilotPageData,
  state: PilotPageState,
  writer: boolean,
): Html {
  const chosen = data.reportPeriod;
  const current = data.reports.find((r) => r.period === chosen);
  const form = formOf(state, 'report');
  const locked = data.reportPeriods.find((p) => p.period === chosen)?.locked ?? false;
  // A metrics key that is one of the pilot's indicators reads by the indicator's name.
  const names = new Map(data.indicators.map((i) => [i.code, i.name]));
  return html`<section class="card reports-card" aria-labelledby="reports-title" id="bao-cao">
    <h2 id="reports-title">Báo cáo tiến độ tháng</h2>
    ${
      writer
        ? html`${periodChooser(data)}
          ${
            locked
              ? html`<p class="alert info">
                  Kỳ tháng ${period(chosen)} đã chốt số liệu: không thể nộp hoặc sửa báo cáo của kỳ
                  này.
                </p>`
              : html`${
                    current
                      ? ''
                      : html`<p class="alert info">
                          Chưa có báo cáo tháng ${period(chosen)} của mô hình này.
                        </p>`
                  }
                  <details
                    class="action"
                    ${form || chosen !== data.currentPeriod ? html` open` : ''}
                  >
                    <summary>
                      ${current ? 'Sửa báo cáo' : 'Nộp báo cáo'} tháng ${period(chosen)}
                    </summary>
                    <form
                      method="post"
                      action="/mo-hinh/${data.pilot.number}/bao-cao"
                      data-draft="report-${data.pilot.number}-${chosen}"
                      novalidate
                    >
                      ${csrfField(web)}
                      <input type="hidden" name="period" value="${chosen}" />
                      <input
                        type="hidden"
                        name="version"
                        value="${current ? current.version : 0}"
                      />
                      ${formMessage(form)}
                      ${textarea(form, {
                        name: 'progress',
                        form: 'report',
                        label: `Tiến độ tháng ${period(chosen)}`,
                        required: true,
                        rows: 6,
                        value: current?.progress ?? '',
                      })}
                      ${textarea(form, {
                        name: 'metrics',
                        form: 'report',
                        label: 'Chỉ số (không bắt buộc)',
                        hint: 'Mỗi dòng một chỉ số: tên chỉ số = số, ví dụ: Số cơ sở triển khai = 176.',
                        rows: 3,
                        value: metricsText(current?.metrics ?? null),
                      })}
                      <button type="submit" class="primary">Lưu báo cáo</button>
                    </form>
                  </details>`
          }`
        : ''
    }
    ${
      data.reports.length === 0
        ? empty('Chưa có báo cáo tháng nào.')
        : html`<ol class="reports">
            ${data.reports.map(
              (r) =>
                html`<li>
                  <h3>
                    Tháng ${period(r.period)}
                    ${r.locked ? html` <span class="badge locked">Đã chốt số liệu</span>` : ''}
                  </h3>
                  <p class="prose">${r.progress}</p>
                  ${
                    r.metrics && Object.keys(r.metrics).length
                      ? html`<ul class="metrics">
                          ${Object.entries(r.metrics).map(
                            ([k, v]) =>
                              html`<li data-metric="${k}">
                                <span class="muted">${names.get(k) ?? k}:</span>
                                ${v.toLocaleString('vi-VN')}
                              </li>`,
                          )}
                        </ul>`
                      : ''
                  }
                  <p class="muted by">
                    ${r.author ? r.author.name : 'Không rõ người báo cáo'} · cập nhật
                    ${moment(r.updatedAt)}
                  </p>
                  ${reportDocuments(web, { pilotNumber: data.pilot.number, report: r, writer, files: data.reportFiles })}
                </li>`,
            )}
          </ol>`
    }
  </section>`;
}

/**
 * Which period the form is for (issue 16, item 3): any of the last twelve the secretariat has not
 * locked, as the API takes; a locked one is listed, marked, and not chosen.
 */
function periodChooser(data: PilotPageData): Html {
  return html`<form method="get" action="/mo-hinh/${data.pilot.number}#bao-cao" class="period-form">
    <label for="report-ky">Kỳ báo cáo</label>
    <select id="report-ky" name="ky">
      ${data.reportPeriods.map(
        (p) =>
          html`<option
            value="${p.period}"
            ${p.period === data.reportPeriod ? html` selected` : ''}
            ${p.locked ? html` disabled` : ''}
          >
            Tháng
            ${period(p.period)}${p.period === data.currentPeriod ? ' (kỳ hiện tại)' : ''}${p.locked ? ' · đã chốt' : ''}
          </option>`,
      )}
    </select>
    <button type="submit">Chọn kỳ</button>
  </form>`;
}

/**
 * Metrics as the form shows them: one `name = value` a line, the value written as Vietnamese do
 * ("557.045", "0,125"), which is how parseMetrics reads it back unchanged.
 */
export function metricsText(metrics: Record<string, number> | null): string {
  return metrics
    ? Object.entries(metrics)
        .map(([k, v]) => `${k} = ${vietnameseNumber(v)}`)
        .join('\n')
    : '';
}
