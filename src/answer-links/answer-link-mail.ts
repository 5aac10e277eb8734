import { html } from '../common/html.js';
import { vnDate } from '../common/domain/local-time.js';
import { renderLetter } from '../notifications/letter-layout.js';
import type { RenderedMail } from '../notifications/outbox.js';

/** "Công văn số 5772/TCTĐA06-CAT ngày 12/10/2023", or what there is of it. */
export function letterName(documentNumber: string | null, letterDate: string | null): string {
  const number = documentNumber ? `Văn bản số ${documentNumber}` : 'Văn bản kiến nghị';
  return letterDate ? `${number} ngày ${vnDate(letterDate)}` : number;
}

export interface AnswerLinkMailModel {
  recipientLabel: string;
  /** The addressee as the letter names it. */
  addresseeName: string;
  /** Who holds its duty today, when another agency does. */
  holderName: string | null;
  documentNumber: string | null;
  letterDate: string | null;
  summary: string;
  dueAt: Date | null;
  url: string;
  expiresAt: Date;
}

const excerpt = (text: string, max = 400) =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

/** The mail that brings an addressee's focal points its personal answer link (on demand). */
export function renderAnswerLinkMail(m: AnswerLinkMailModel): RenderedMail {
  const letter = letterName(m.documentNumber, m.letterDate);
  const subject = `Đề nghị ${m.holderName ?? m.addresseeName} trả lời kiến nghị – ${letter}`;
  const forWhom = m.holderName ? `${m.addresseeName} (nay là ${m.holderName})` : m.addresseeName;
  const lead = `Tổ công tác Đề án 06 tỉnh Khánh Hòa đề nghị ${forWhom} trả lời ${letter.charAt(0).toLowerCase()}${letter.slice(1)} của Tỉnh${m.dueAt ? `, hạn trả lời ngày ${vnDate(m.dueAt)}` : ''}.`;
  const how =
    'Quý cơ quan có thể xác nhận đã nhận văn bản, cho biết đơn vị, người xử lý và gửi văn bản trả lời (kèm tệp PDF) tại địa chỉ riêng dưới đây, không cần tài khoản:';
  const keep = `Địa chỉ này dành riêng cho ${m.addresseeName}, có hiệu lực đến ngày ${vnDate(m.expiresAt)}; xin không chuyển tiếp ra ngoài cơ quan.`;
  return renderLetter({
    subject,
    recipientLabel: m.recipientLabel,
    text: ['', lead, '', `Nội dung kiến nghị: ${excerpt(m.summary)}`, '', how, m.url, '', keep],
    html: html`<p>${lead}</p>
      <p><strong>Nội dung kiến nghị:</strong> ${excerpt(m.summary)}</p>
      <p>${how}</p>
      <p><a href="${m.url}">Trả lời kiến nghị</a></p>
      <p>${keep}</p>`,
  });
}

export interface AddresseeAnswerMailModel {
  recipientLabel: string;
  addresseeName: string;
  documentNumber: string | null;
  letterDate: string | null;
  answer: { documentNumber: string; date: string; summary: string };
  /** Where the letter is in the service. */
  letterUrl: string;
}

/** Tells the secretariat and the pilots' officers that an addressee answered through its link. */
export function renderAddresseeAnswerMail(m: AddresseeAnswerMailModel): RenderedMail {
  const letter = letterName(m.documentNumber, m.letterDate);
  const subject = `${m.addresseeName} đã trả lời kiến nghị – ${letter}`;
  const lead = `${m.addresseeName} đã gửi văn bản trả lời ${letter.charAt(0).toLowerCase()}${letter.slice(1)} qua liên kết trả lời của hệ thống:`;
  const answer = `Văn bản số ${m.answer.documentNumber} ngày ${vnDate(m.answer.date)}`;
  const next = `Xem kiến nghị, văn bản trả lời và tệp đính kèm: ${m.letterUrl}`;
  return renderLetter({
    subject,
    recipientLabel: m.recipientLabel,
    text: ['', lead, '', answer, `Tóm tắt: ${excerpt(m.answer.summary, 1000)}`, '', next],
    html: html`<p>${lead}</p>
      <p>
        <strong>${answer}</strong><br />
        Tóm tắt: ${excerpt(m.answer.summary, 1000)}
      </p>
      <p><a href="${m.letterUrl}">Xem kiến nghị và văn bản trả lời</a></p>`,
  });
}
