import { can } from '../../access/domain/permissions.js';
import { owesAnswer } from '../../recommendations/domain/addressee-status.js';
import { html, type Html } from '../../common/html.js';
import { csrfField } from '../components/fields.js';
import { moment } from '../components/format.js';
import type { Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';

type Letter = Pick<Schemas['RecommendationView'], 'id' | 'state'> & {
  addressees: Pick<Schemas['AddresseeView'], 'code' | 'name' | 'status'>[];
};
type Link = Schemas['AnswerLinkView'];

export const ANSWER_LINKS_ID = 'lien-ket-tra-loi';

const STATE_LABELS: Record<Link['state'], string> = {
  LIVE: 'Còn hiệu lực',
  EXPIRED: 'Hết hạn',
  REVOKED: 'Đã thu hồi',
  ANSWERED: 'Đã trả lời qua liên kết',
};

/**
 * The letter page's place for the addressees' answer links (secretariat only): filled in by
 * htmx from `/kien-nghi/:id/lien-ket-tra-loi`, a link to that page without script.
 */
export function answerLinksSlot(web: WebContext, r: Pick<Letter, 'id' | 'state'>): Html {
  if (!can(web.actor.role, 'letters.record') || r.state === 'DRAFT') return html``;
  return html`<section
    class="card"
    id="${ANSWER_LINKS_ID}"
    aria-labelledby="${ANSWER_LINKS_ID}-title"
    hx-get="/kien-nghi/${r.id}/lien-ket-tra-loi"
    hx-trigger="load"
    hx-swap="outerHTML"
  >
    <h2 id="${ANSWER_LINKS_ID}-title">Liên kết trả lời</h2>
    <p><a href="/kien-nghi/${r.id}/lien-ket-tra-loi">Xem, gửi và thu hồi liên kết trả lời</a></p>
  </section>`;
}

/** Per addressee: its links (newest first), send its link now, revoke a live one. */
export function answerLinksSection(web: WebContext, r: Letter, links: Link[]): Html {
  return html`<section
    class="card"
    id="${ANSWER_LINKS_ID}"
    aria-labelledby="${ANSWER_LINKS_ID}-title"
  >
    <h2 id="${ANSWER_LINKS_ID}-title">Liên kết trả lời</h2>
    <p class="hint muted">
      Mỗi cơ quan nhận kiến nghị có một liên kết riêng để xác nhận đã nhận văn bản và gửi văn bản
      trả lời kèm tệp PDF, không cần tài khoản. Thư nhắc hạn tự kèm liên kết; thư ký có thể gửi ngay
      hoặc thu hồi.
    </p>
    ${r.addressees.map((a) => {
      const own = links.filter((l) => l.addresseeCode === a.code);
      return html`<div class="answer-links" data-addressee="${a.code}">
        <h3>${a.name} <span class="muted">(${a.code})</span></h3>
        ${
          own.length
            ? html`<table class="compact">
                <thead>
                  <tr>
                    <th scope="col">Tạo lúc</th>
                    <th scope="col">Hiệu lực đến</th>
                    <th scope="col">Tình trạng</th>
                    <th scope="col">Gửi bởi</th>
                    <th scope="col">Dùng gần nhất</th>
                    <th scope="col">Thao tác</th>
                  </tr>
                </thead>
                <tbody>
                  ${own.map(
                    (l) =>
                      html`<tr data-link="${l.id}">
                        <td>${moment(l.createdAt)}</td>
                        <td>${moment(l.expiresAt)}</td>
                        <td>
                          ${STATE_LABELS[l.state]}${
                            l.state === 'REVOKED' && l.revokedAt
                              ? html` <span class="muted"
                                  >(${moment(l.revokedAt)}${l.revokedByName ? `, ${l.revokedByName}` : ''})</span
                                >`
                              : l.state === 'ANSWERED' && l.answeredAt
                                ? html` <span class="muted">(${moment(l.answeredAt)})</span>`
                                : ''
                          }
                        </td>
                        <td>${l.issuedByName ?? html`<span class="muted">Thư nhắc hạn</span>`}</td>
                        <td>
                          ${l.lastUsedAt ? moment(l.lastUsedAt) : html`<span class="muted">Chưa</span>`}
                        </td>
                        <td>
                          ${
                            l.state === 'LIVE'
                              ? html`<form
                                  method="post"
                                  action="/kien-nghi/${r.id}/lien-ket-tra-loi/${l.id}/thu-hoi"
                                >
                                  ${csrfField(web)}
                                  <button type="submit" class="danger">Thu hồi</button>
                                </form>`
                              : ''
                          }
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : html`<p class="muted">Chưa có liên kết nào.</p>`
        }
        ${
          r.state === 'SENT' && owesAnswer(a.status)
            ? html`<form method="post" action="/kien-nghi/${r.id}/lien-ket-tra-loi/${a.code}/gui">
                ${csrfField(web)}
                <button type="submit" class="primary">Gửi liên kết trả lời cho ${a.name}</button>
              </form>`
            : html`<p class="muted">Cơ quan không còn phải trả lời: không gửi liên kết.</p>`
        }
      </div>`;
    })}
  </section>`;
}
