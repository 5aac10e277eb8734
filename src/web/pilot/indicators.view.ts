import { html, type Html } from '../../common/html.js';
import { period as periodLabel } from '../components/format.js';
import { sparkline } from '../overview/indicators-card.js';
import type { PilotPageData } from './pilot-page.js';

/**
 * The pilot's named figures over the periods (issue 15, item 3): each of its indicators with its
 * latest value as the report prints it and its line over the months (the overview's chart),
 * the figures as a table beside; where they are entered, for whoever enters them.
 */
export function pilotIndicatorsCard(data: PilotPageData): Html {
  const shown = data.indicators
    .map((indicator) => ({
      indicator,
      values: (indicator.history ?? []).filter((v) => v.period <= data.currentPeriod),
    }))
    .filter((s) => s.values.length > 0);
  if (data.indicators.length === 0) return html``;
  return html`<section class="card pilot-indicators" aria-labelledby="indicators-title" id="chi-so">
    <h2 id="indicators-title">Chỉ số của mô hình qua các kỳ</h2>
    ${
      shown.length === 0
        ? html`<p class="muted">Các chỉ số của mô hình chưa có số liệu kỳ nào.</p>`
        : html`<ul class="indicator-lines">
              ${shown.map(({ indicator, values }) => {
                const latest = values[0];
                return html`<li data-indicator="${indicator.code}">
                  <span class="indicator-name">${indicator.name}</span>
                  <strong class="indicator-value"
                    >${latest.display}<span class="muted">
                      (${periodLabel(latest.period)})</span
                    ></strong
                  >
                  ${sparkline(indicator, values, data.currentPeriod)}
                </li>`;
              })}
            </ul>
            <details class="chart-table">
              <summary>Số liệu dạng bảng</summary>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Chỉ số</th>
                      <th scope="col">Kỳ</th>
                      <th scope="col" class="num">Giá trị</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${shown.flatMap(({ indicator, values }) =>
                      values.map(
                        (v) =>
                          html`<tr>
                            <th scope="row">${indicator.name}</th>
                            <td>${periodLabel(v.period)}</td>
                            <td class="num">${v.display}</td>
                          </tr>`,
                      ),
                    )}
                  </tbody>
                </table>
              </div>
            </details>`
    }
    <p class="muted">
      Số liệu gửi kèm báo cáo tháng (dòng “mã chỉ số = số”) hoặc nhập tại
      <a href="/chi-so#mo-hinh-${data.pilot.number}">Số liệu chỉ số</a>.
    </p>
  </section>`;
}
