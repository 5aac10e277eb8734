import type { LinkRefusal, OpenLink } from '../../answer-links/answer-links.service.js';
import { html, type Html } from '../../common/html.js';
import {
  ADDRESSEE_STATUS_NAMES,
  type AddresseeStatus,
} from '../../recommendations/domain/addressee-status.js';
import { dayInput } from '../components/date-fields.js';
import { errorAlert, input, textarea } from '../components/fields.js';
import { day, moment } from '../components/format.js';
import type { FormState } from '../components/forms.js';
import { page } from '../components/layout.js';

export const ANSWER_CSRF_FIELD = '_csrf';

/** What a refused link's page says, and its status: 404 unknown, 410 no longer usable, 429. */
export const REFUSALS: Record<
  LinkRefusal | 'THROTTLED',
  { status: number; title: string; text: string }
> = {
  FORGED: {
    status: 404,
    title: 'Liên kết không hợp lệ',
    text: 'Địa chỉ này không phải là liên kết trả lời do hệ thống gửi, hoặc đã bị sao chép thiếu. Hãy mở lại liên kết từ thư điện tử của Tổ công tác, hoặc liên hệ Thư ký Tổ công tác Đề án 06 tỉnh Khánh Hòa để được gửi lại.',
  },
  EXPIRED: {
    status: 410,
    title: 'Liên kết đã hết hạn',
    text: 'Liên kết trả lời này đã hết thời hạn sử dụng. Thư nhắc tiếp theo sẽ kèm liên kết mới; quý cơ quan cũng có thể đề nghị Thư ký Tổ công tác gửi lại ngay.',
  },
  REVOKED: {
    status: 410,
    title: 'Liên kết đã bị thu hồi',
    text: 'Thư ký Tổ công tác đã thu hồi liên kết trả lời này. Nếu quý cơ quan cần trả lời kiến nghị, xin liên hệ Thư ký Tổ công tác để được gửi liên kết mới.',
  },
  USED: {
    status: 410,
    title: 'Văn bản trả lời đã được ghi nhận',
    text: 'Văn bản trả lời đã được gửi qua liên kết này; liên kết không dùng được nữa. Nếu cần bổ sung, xin liên hệ Thư ký Tổ công tác.',
  },
  NOT_OWED: {
    status: 410,
    title: 'Kiến nghị không còn chờ quý cơ quan trả lời',
    text: 'Kiến nghị này đã được ghi nhận trả lời hoặc không còn yêu cầu quý cơ quan trả lời, nên liên kết không dùng được nữa. Nếu có thắc mắc, xin liên hệ Thư ký Tổ công tác.',
  },
  THROTTLED: {
    status: 429,
    title: 'Quá nhiều yêu cầu',
    text: 'Liên kết này vừa được mở quá nhiều lần. Xin đợi ít phút rồi thử lại.',
  },
};

/** A page of the addressee's path: the service's look, without navigation or account. */
function answerPage(title: string, body: Html): string {
  return page(null, { title, body });
}

export function refusalPage(refusal: keyof typeof REFUSALS, retryAfterSeconds?: number): string {
  const r = REFUSALS[refusal];
  return answerPage(
    r.title,
    html`<section class="card error-page answer-refused" data-refusal="${refusal}">
      <h1>${r.title}</h1>
      <p>${r.text}</p>
      ${
        retryAfterSeconds
          ? html`<p class="muted">Thử lại sau khoảng ${Math.ceil(retryAfterSeconds / 60)} phút.</p>`
          : ''
      }
    </section>`,
  );
}

function letterTitle(link: OpenLink): string {
  const l = link.letter;
  const number = l.documentNumber ? `Văn bản số ${l.documentNumber}` : 'Văn bản kiến nghị';
  return l.letterDate ? `${number} ngày ${day(l.letterDate)}` : number;
}

function statusLine(status: AddresseeStatus, handledBy: string | null): Html {
  return html`<span class="badge addressee-${status.toLowerCase()}"
      >${ADDRESSEE_STATUS_NAMES[status]}</span
    >${handledBy ? html` <span class="muted">· Đơn vị, người xử lý: ${handledBy}</span>` : ''}`;
}

export interface AnswerPageModel {
  link: OpenLink;
  token: string;
  csrf: string;
  /** The acknowledgement just recorded. */
  acknowledged?: boolean;
  ack?: FormState;
  answer?: FormState;
}

/** The letter, for its addressee, with the two forms. */
export function answerFormPage(m: AnswerPageModel): string {
  const { link } = m;
  const action = `/tra-loi/${m.token}`;
  const blockers = link.blockers;
  return answerPage(
    `Trả lời kiến nghị – ${link.addressee.name}`,
    html`<div class="page-head">
        <div>
          <p class="muted">Tổ công tác Đề án 06 tỉnh Khánh Hòa · Trả lời kiến nghị</p>
          <h1>${letterTitle(link)}</h1>
          <p class="head-badges">Gửi: <strong>${link.addressee.name}</strong></p>
        </div>
      </div>
      ${
        m.acknowledged
          ? html`<div class="alert success" role="status">
              Đã ghi nhận quý cơ quan nhận được văn bản. Khi có văn bản trả lời, xin gửi ở mục dưới
              đây.
            </div>`
          : ''
      }
      <div class="grid-2 rec-detail">
        <section class="card" aria-labelledby="van-ban">
          <h2 id="van-ban">Văn bản kiến nghị</h2>
          <dl class="facts">
            <dt>Số/ký hiệu</dt>
            <dd>${link.letter.documentNumber ?? html`<span class="muted">Chưa có</span>`}</dd>
            <dt>Ngày văn bản</dt>
            <dd>
              ${link.letter.letterDate ? day(link.letter.letterDate) : html`<span class="muted">Chưa có</span>`}
            </dd>
            <dt>Cơ quan gửi</dt>
            <dd>${link.letter.senderName ?? 'Tổ công tác Đề án 06 tỉnh Khánh Hòa'}</dd>
            <dt>Cơ quan được đề nghị trả lời</dt>
            <dd>${link.addressee.name}</dd>
            <dt>Hạn trả lời</dt>
            <dd>
              ${link.addressee.dueAt ? moment(link.addressee.dueAt) : html`<span class="muted">Không ghi</span>`}
            </dd>
            <dt>Tình trạng</dt>
            <dd>${statusLine(link.addressee.status, link.addressee.handledBy)}</dd>
          </dl>
          <h3>Trích yếu, nội dung đề nghị</h3>
          <p class="text">${link.letter.summary}</p>
          <h3>Mô hình, vướng mắc liên quan</h3>
          ${
            blockers.length
              ? html`<ul class="blockers">
                  ${blockers.map(
                    (b) =>
                      html`<li>
                        ${
                          b.pilotNumber !== null
                            ? html`Mô hình số
                              ${b.pilotNumber}${b.pilotName ? html` – ${b.pilotName}` : ''}`
                            : html`<span class="muted">${b.topic ?? 'Vướng mắc chung'}</span>`
                        }:
                        ${b.title}
                      </li>`,
                  )}
                </ul>`
              : html`<p class="muted">Không gắn vướng mắc nào.</p>`
          }
          <p class="hint muted">
            Liên kết này dành riêng cho ${link.addressee.name}, có hiệu lực đến
            ${moment(link.expiresAt)}.
          </p>
        </section>
        <div>
          <section class="card" aria-labelledby="xac-nhan">
            <h2 id="xac-nhan">Xác nhận đã nhận văn bản</h2>
            <form method="post" action="${action}/xac-nhan" novalidate>
              <input type="hidden" name="${ANSWER_CSRF_FIELD}" value="${m.csrf}" />
              ${errorAlert(m.ack?.message)}
              ${input(m.ack, {
                form: 'ack',
                name: 'handledBy',
                label: 'Đơn vị, người xử lý',
                hint: 'Ví dụ: Cục Công nghệ thông tin – ông Nguyễn Văn A, 024 1234 5678.',
                required: true,
                value: link.addressee.handledBy ?? '',
                attrs: { maxlength: '300', autocomplete: 'organization' },
              })}
              <button type="submit">Xác nhận đã nhận</button>
            </form>
          </section>
          <section class="card" aria-labelledby="gui-tra-loi">
            <h2 id="gui-tra-loi">Gửi văn bản trả lời</h2>
            <form method="post" action="${action}/tra-loi" enctype="multipart/form-data" novalidate>
              <input type="hidden" name="${ANSWER_CSRF_FIELD}" value="${m.csrf}" />
              ${errorAlert(m.answer?.message)}
              ${input(m.answer, {
                form: 'answer',
                name: 'documentNumber',
                label: 'Số, ký hiệu văn bản trả lời',
                hint: 'Ví dụ: 1234/BYT-CNTT.',
                required: true,
                attrs: { maxlength: '100' },
              })}
              ${dayInput(m.answer, {
                form: 'answer',
                name: 'date',
                label: 'Ngày văn bản',
                required: true,
              })}
              ${textarea(m.answer, {
                form: 'answer',
                name: 'summary',
                label: 'Tóm tắt nội dung trả lời',
                required: true,
                rows: 6,
              })}
              ${input(m.answer, {
                form: 'answer',
                name: 'file',
                type: 'file',
                label: 'Tệp PDF văn bản trả lời',
                hint: 'Bản quét hoặc bản ký số, định dạng PDF.',
                required: true,
                attrs: { accept: 'application/pdf,.pdf' },
              })}
              <button type="submit" class="primary">Gửi văn bản trả lời</button>
            </form>
          </section>
        </div>
      </div>`,
  );
}

/** After the answer: thanks, and what happens next. */
export function answeredPage(link: OpenLink, documentNumber: string, date: string): string {
  return answerPage(
    'Đã nhận văn bản trả lời',
    html`<section class="card answer-done">
      <h1>Đã nhận văn bản trả lời</h1>
      <div class="alert success" role="status">
        Hệ thống đã ghi nhận văn bản số ${documentNumber} ngày ${day(date)} của
        ${link.addressee.name} trả lời ${letterTitle(link).replace(/^V/, 'v')}.
      </div>
      <p>
        Tổ công tác Đề án 06 tỉnh Khánh Hòa đã được thông báo; hệ thống dừng nhắc hạn kiến nghị này
        đối với quý cơ quan. Xin cảm ơn quý cơ quan.
      </p>
      <p class="muted">Liên kết trả lời này không dùng được nữa.</p>
    </section>`,
  );
}
