import { html } from '../common/html.js';
import { renderLetter } from '../notifications/letter-layout.js';
import type { RenderedMail } from '../notifications/outbox.js';

/**
 * Where the secretariat's queue is. The configuration has no public address of the service
 * (APP_URL), so the mail names the page by its path on the service rather than as a link.
 */
export const LETTER_REQUEST_QUEUE_PATH = '/kien-nghi/de-nghi';

export interface LetterRequestMailModel {
  recipientLabel: string;
  requesterName: string;
  /** The officer's agency; null when the secretariat asked. */
  requestingAgencyName: string | null;
  addresseeName: string;
  pilot: { number: number; name: string } | null;
  topic: string | null;
  blockerTitle: string;
  question: string;
  impact: string;
}

/** The mail that tells the secretariat of a new letter request. */
export function renderLetterRequestMail(m: LetterRequestMailModel): RenderedMail {
  const about = m.pilot ? `mô hình số ${m.pilot.number}` : `vướng mắc chung “${m.topic ?? ''}”`;
  const who = m.requestingAgencyName
    ? `${m.requesterName} (${m.requestingAgencyName})`
    : m.requesterName;
  const subject = `[Đề nghị kiến nghị] Đề nghị gửi kiến nghị đến ${m.addresseeName} – ${about}`;
  const lead =
    `${who} đề nghị Tổ công tác gửi kiến nghị đến ${m.addresseeName} về vướng mắc của ` +
    (m.pilot ? `mô hình số ${m.pilot.number} – ${m.pilot.name}` : about) +
    ':';
  const next =
    'Đề nghị đang chờ xử lý trong mục “Đề nghị kiến nghị” của hệ thống (Kiến nghị Trung ương → ' +
    `Đề nghị kiến nghị, đường dẫn ${LETTER_REQUEST_QUEUE_PATH}): soạn dự thảo kiến nghị từ đề ` +
    'nghị, hoặc từ chối và nêu lý do.';
  return renderLetter({
    subject,
    recipientLabel: m.recipientLabel,
    text: [
      '',
      lead,
      '',
      `Vướng mắc: ${m.blockerTitle}`,
      `Đề nghị: ${m.question}`,
      `Vì sao cản trở mô hình: ${m.impact}`,
      '',
      next,
    ],
    html: html`<p>${lead}</p>
      <dl>
        <dt><strong>Vướng mắc</strong></dt>
        <dd>${m.blockerTitle}</dd>
        <dt><strong>Đề nghị</strong></dt>
        <dd>${m.question}</dd>
        <dt><strong>Vì sao cản trở mô hình</strong></dt>
        <dd>${m.impact}</dd>
      </dl>
      <p>${next}</p>`,
  });
}
