import { html, type Html } from '../../common/html.js';
import { empty } from '../components/tables.js';
import type { Schemas } from '../in-process-api.js';
import { OVERVIEW_LABELS as L } from '../labels.js';

/** The lead agencies with pilots still missing the month's report, and which pilots. */
export function missingCard(
  overview: Schemas['OverviewView'],
  names: Map<number, string>,
  month: string,
): Html {
  const rows = overview.leadAgencies
    .filter((a) => a.reportsMissing > 0)
    .sort((a, b) => b.reportsMissing - a.reportsMissing || a.name.localeCompare(b.name, 'vi'));
  return html`<section class="card overview-card missing-card" aria-labelledby="missing-title">
    <h2 id="missing-title">Đơn vị chưa báo cáo tháng ${month}</h2>
    ${
      rows.length === 0
        ? empty(`Mọi mô hình đang triển khai đã có báo cáo tháng ${month}.`)
        : html`<div class="table-wrap">
              <table class="compact">
                <thead>
                  <tr>
                    <th scope="col">${L.leadAgency}</th>
                    <th scope="col" class="num">${L.missing}</th>
                    <th scope="col">${L.pilotNumbers}</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (a) =>
                      html`<tr data-agency="${a.code}">
                        <th scope="row"><span title="${a.name}">${a.shortName || a.name}</span></th>
                        <td class="num">${a.reportsMissing}/${a.total}</td>
                        <td class="pilot-numbers">
                          ${a.pilotsWithoutReport.map(
                            (n) =>
                              html`<a href="/mo-hinh/${n}" title="${names.get(n) ?? `Mô hình ${n}`}"
                                >${n}</a
                              > `,
                          )}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            <p class="note muted">
              Tính theo đơn vị chủ trì chính; chỉ mô hình chưa hoàn thành, không tạm dừng.
            </p>`
    }
  </section>`;
}
