import { html, type Html } from '../../common/html.js';
import { levelBadge } from '../components/badges.js';
import { empty } from '../components/tables.js';
import type { Schemas } from '../in-process-api.js';
import { OVERVIEW_LABELS as L } from '../labels.js';

type AddresseeOverview = Schemas['AddresseeOverview'];

/** The ministries with overdue letters, the most overdue first. */
export function overdueCard(overview: Schemas['OverviewView']): Html {
  const rows = overview.addressees
    .filter((a) => a.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, 'vi'));
  const longest = (a: AddresseeOverview) =>
    Math.max(0, ...a.overdueLetters.map((l) => l.workingDaysOverdue));
  const level = (a: AddresseeOverview) =>
    Math.max(0, ...a.overdueLetters.map((l) => l.escalationLevel));
  return html`<section class="card overview-card overdue-card" aria-labelledby="overdue-title">
    <h2 id="overdue-title">${L.overdueTitle}</h2>
    ${
      rows.length === 0
        ? empty(L.noOverdue)
        : html`<div class="table-wrap">
              <table class="compact">
                <thead>
                  <tr>
                    <th scope="col">${L.addressee}</th>
                    <th scope="col" class="num">${L.overdue}</th>
                    <th scope="col" class="num">${L.longest}</th>
                    <th scope="col">${L.level}</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (a) =>
                      html`<tr data-addressee="${a.code}">
                        <th scope="row">
                          <a
                            href="/kien-nghi?addressee=${a.code}&amp;state=QUA_HAN"
                            title="${a.name}"
                            >${a.shortName || a.name}</a
                          >
                        </th>
                        <td class="num">${a.overdue}</td>
                        <td class="num">${longest(a)} ${L.workingDays}</td>
                        <td>${levelBadge(level(a))}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            <p class="note muted">
              “Lâu nhất”: số ngày làm việc quá hạn của kiến nghị chờ lâu nhất. Một kiến nghị gửi
              nhiều cơ quan được tính ở mỗi cơ quan. <a href="/kien-nghi">${L.allLetters}</a>
            </p>`
    }
  </section>`;
}
