import { html, type Html } from '../../common/html.js';
import type { Schemas } from '../in-process-api.js';

/**
 * The pilots' milestones still planned past their due day, longest late first: which pilot,
 * which milestone, who owns it and how late (issue 15, item 4). Absent when none is missed.
 */
export function missedMilestonesCard(dashboard: Schemas['DashboardView']): Html | '' {
  const rows = [...dashboard.missedMilestones].sort((a, b) => b.daysLate - a.daysLate);
  if (rows.length === 0) return '';
  return html`<section
    class="card overview-card missed-milestones-card no-print"
    aria-labelledby="missed-milestones-title"
  >
    <h2 id="missed-milestones-title">Mốc tiến độ quá hạn (${rows.length})</h2>
    <div class="table-wrap">
      <table class="compact">
        <thead>
          <tr>
            <th scope="col" class="num">Mô hình</th>
            <th scope="col">Mốc</th>
            <th scope="col">Đơn vị chịu trách nhiệm</th>
            <th scope="col">Hạn</th>
            <th scope="col" class="num">Quá hạn (ngày)</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (m) =>
              html`<tr data-milestone="${m.id}">
                <td class="num">
                  <a href="/mo-hinh/${m.pilotNumber}#moc" title="${m.pilotName}"
                    >${m.pilotNumber}</a
                  >
                </td>
                <td>${m.name}</td>
                <td>${m.ownerName}</td>
                <td>${m.dueLabel}</td>
                <td class="num">${m.daysLate}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}
