import { html, type Html } from '../../common/html.js';
import { levelBadge, recommendationStateBadge } from '../components/badges.js';
import { day, shortened } from '../components/format.js';
import { empty, noValue } from '../components/tables.js';
import { WORDS } from '../labels.js';
import type { PilotPageData } from './pilot-page.js';

/** The letters to central agencies about this pilot's blockers, newest first. */
export function lettersCard(data: PilotPageData): Html {
  return html`<section class="card recs-card" aria-labelledby="recs-title" id="kien-nghi">
    <h2 id="recs-title">Kiến nghị Trung ương liên quan</h2>
    ${
      data.recommendations.length === 0
        ? empty('Chưa có kiến nghị nào về vướng mắc của mô hình này.')
        : html`<div class="table-wrap">
              <table class="recs">
                <thead>
                  <tr>
                    <th scope="col">Văn bản</th>
                    <th scope="col">Cơ quan nhận</th>
                    <th scope="col">Trạng thái</th>
                    <th scope="col">Hạn trả lời</th>
                    <th scope="col" class="num">Quá hạn</th>
                  </tr>
                </thead>
                <tbody>
                  ${data.recommendations.map(
                    (r) =>
                      html`<tr>
                        <th scope="row">
                          <a class="doc" href="/kien-nghi/${r.id}"
                            >${r.documentNumber ? `Số ${r.documentNumber}` : WORDS.draftNumber}</a
                          >
                          ${r.letterDate ? html`<span class="muted nowrap"> ngày ${day(r.letterDate)}</span>` : ''}
                          <span class="summary muted">${shortened(r.summary, 180)}</span>
                        </th>
                        <td data-label="Cơ quan nhận">
                          ${r.addressees.map((a) => a.name).join('; ')}
                        </td>
                        <td class="state-cell">
                          ${recommendationStateBadge(r.state)}
                          ${levelBadge(r.activeEscalationLevel, data.levelNames.get(r.activeEscalationLevel))}
                        </td>
                        <td class="nowrap" data-label="Hạn trả lời">
                          ${r.responseDueAt ? day(r.responseDueAt) : noValue()}
                        </td>
                        <td class="num" data-label="Quá hạn">
                          ${
                            r.overdue
                              ? html`<span class="badge overdue"
                                  >${r.workingDaysOverdue} ngày</span
                                >`
                              : html`<span class="muted">${WORDS.no}</span>`
                          }
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            <p class="muted note">Số ngày quá hạn tính theo ngày làm việc.</p>`
    }
  </section>`;
}
