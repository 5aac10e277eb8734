import { html, type Html } from '../common/html.js';
import type { RenderedMail } from './outbox.js';

/** What every letter the service sends ends with. */
export const LETTER_FOOTER =
  'Thư này do hệ thống theo dõi mô hình điểm Đề án 06 tỉnh Khánh Hòa gửi tự động.';

export interface LetterParts {
  subject: string;
  recipientLabel: string;
  /** The text after the greeting line, up to the footer (which it adds, after a blank line). */
  text: string[];
  /** The HTML between the greeting and the footer. */
  html: Html;
  /** The body's font size; a letter with tables (the digest) is a size smaller. */
  fontSize?: '13pt' | '14pt';
}

/**
 * A letter the service mails, as text and as HTML with the same parts: "Kính gửi: …", what the
 * letter says, and the footer saying it was sent automatically.
 */
export function renderLetter(l: LetterParts): RenderedMail {
  const text = [`Kính gửi: ${l.recipientLabel}`, ...l.text, '', LETTER_FOOTER].join('\n');
  const size = l.fontSize ?? '14pt';
  const body = html`<!doctype html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <title>${l.subject}</title>
      </head>
      <body style="font-family: 'Times New Roman', serif; font-size: ${size}; line-height: 1.4">
        <p>Kính gửi: <strong>${l.recipientLabel}</strong></p>
        ${l.html}
        <p style="color: #555; font-size: 11pt">${LETTER_FOOTER}</p>
      </body>
    </html>`;
  // The templates' indentation goes (a newline stays, so the HTML reads and renders the same): it
  // was a third of a 200-reminder mail.
  return { subject: l.subject, text, html: body.value.replace(/\n[ \t]+/g, '\n') };
}
