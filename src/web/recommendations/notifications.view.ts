import { html, type Html } from '../../common/html.js';
import { csrfField, formMessage } from '../components/fields.js';
import { moment } from '../components/format.js';
import { empty, noValue } from '../components/tables.js';
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_STATUS_LABELS, WORDS } from '../labels.js';
import type { WebContext } from '../web-request.js';
import type { DetailModel } from './letter.view.js';
import type { Schemas } from '../in-process-api.js';

type NotificationView = Schemas['NotificationView'];
type RecommendationView = Schemas['RecommendationView'];

/**
 * The reminders sent about a letter, with "send again" beside a failed one. The table is shown
 * to whom the API shows the outbox (GET /notifications); the API lets the same users retry (its
 * notifications endpoints answer 403 to the same roles), so the button goes with the table.
 */
export function notificationsTable(
  web: WebContext,
  r: RecommendationView,
  list: NotificationView[],
  failed: DetailModel['failed'],
): Html {
  return html`${failed?.action === 'thong-bao' ? formMessage(failed.form) : ''}
  ${
    list.length === 0
      ? empty('Chưa có thư nhắc, đôn đốc nào cho kiến nghị này.')
      : html`<div class="table-wrap">
          <table class="notifications cards">
            <thead>
              <tr>
                <th scope="col">Người nhận</th>
                <th scope="col">Loại, tiêu đề</th>
                <th scope="col">Trạng thái</th>
                <th scope="col" class="num">Số lần gửi</th>
                <th scope="col">Lỗi gần nhất</th>
                <th scope="col">Gửi lúc</th>
                <th scope="col"><span class="sr-only">${WORDS.actions}</span></th>
              </tr>
            </thead>
            <tbody>
              ${list.map(
                (n) =>
                  html`<tr data-notification="${n.id}" data-status="${n.status}">
                    <td class="email key">${n.recipientEmail}</td>
                    <td>
                      <span class="kind">${NOTIFICATION_KIND_LABELS[n.kind] ?? n.kind}</span>
                      <span class="subject muted">${n.subject}</span>
                    </td>
                    <td>
                      <span class="badge status-${n.status.toLowerCase()}"
                        >${NOTIFICATION_STATUS_LABELS[n.status] ?? n.status}</span
                      >
                    </td>
                    <td class="num" data-label="Số lần gửi">${n.attempts}</td>
                    <td class="error-text" data-label="Lỗi gần nhất">
                      ${n.lastError ?? noValue()}
                    </td>
                    <td class="nowrap" data-label="Gửi lúc">
                      ${n.sentAt ? moment(n.sentAt) : noValue()}
                    </td>
                    <td>
                      ${
                        n.status === 'FAILED'
                          ? html`<form
                              method="post"
                              action="/kien-nghi/${r.id}/thong-bao/${n.id}/gui-lai"
                            >
                              ${csrfField(web)}
                              <button
                                type="submit"
                                aria-label="Gửi lại thư tới ${n.recipientEmail}"
                              >
                                Gửi lại
                              </button>
                            </form>`
                          : ''
                      }
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>`
  }`;
}
