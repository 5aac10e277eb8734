import { html } from '../../common/html.js';
import { vnDate, vnDateTime } from '../../common/domain/local-time.js';
import { renderLetter } from '../../notifications/letter-layout.js';
import type { RenderedMail } from '../../notifications/outbox.js';

export interface EscalationMailModel {
  recommendationId: string;
  recipientLabel: string;
  documentNumber: string;
  letterDate: string;
  senderName: string | null;
  addressees: string[];
  summary: string;
  /** "Mô hình 2: Tự động hóa …" or the topic of a cross-cutting blocker. */
  concerns: string[];
  level: number;
  levelName: string;
  repeat: number;
  dueAt: Date;
  workingDaysOverdue: number;
  calendarDaysOverdue: number;
  previous: { level: number; levelName: string; repeat: number; at: Date; mailed: boolean }[];
  /** Addressees whose duty another agency holds now (the one this reminder goes to). */
  moved: { addresseeName: string; holderName: string; legalBasis: string; effectiveOn: string }[];
  /**
   * Addressees a split left ambiguous, not reminded until the secretariat chooses: said in the
   * mail to the province's own accounts, empty in an agency's.
   */
  held: { addresseeCode: string; addresseeName: string; candidateNames: string[] }[];
}

const rung = (level: number, name: string, repeat: number) =>
  `Mức ${level} – ${name}${repeat > 0 ? ` (lần ${repeat + 1})` : ''}`;

const HOW_TO_ANSWER =
  'Khi có văn bản trả lời, Thư ký Tổ công tác ghi nhận số, ngày và nội dung văn bản trên hệ thống ' +
  '(Kiến nghị → Ghi nhận trả lời; API: POST /api/v1/recommendations/{id}/responses); việc đôn đốc tự dừng ngay khi ghi nhận. ' +
  'Cơ quan nhận kiến nghị vui lòng gửi văn bản trả lời về Tổ công tác Đề án 06 tỉnh Khánh Hòa (Cơ quan thường trực – Công an tỉnh).';

/** The reminder a level sends: what was asked, of whom, since when, and how to answer. */
export function renderEscalationMail(m: EscalationMailModel): RenderedMail {
  const level = rung(m.level, m.levelName, m.repeat);
  const subject = `[${level}] Kiến nghị số ${m.documentNumber} ngày ${vnDate(m.letterDate)} chưa được trả lời`;
  const overdue =
    m.workingDaysOverdue > 0 || m.calendarDaysOverdue > 0
      ? `đã quá hạn ${m.workingDaysOverdue} ngày làm việc (${m.calendarDaysOverdue} ngày theo lịch)`
      : 'đến hạn trả lời';
  const howToAnswer = HOW_TO_ANSWER.replace('{id}', m.recommendationId);
  const previous = m.previous.map(
    (p) =>
      `${rung(p.level, p.levelName, p.repeat)}: ${vnDateTime(p.at)}${p.mailed ? '' : ' (bỏ qua khi nhập muộn)'}`,
  );

  const moved = m.moved.map(
    (x) =>
      `Nhiệm vụ của ${x.addresseeName} nay do ${x.holderName} đảm nhận (${x.legalBasis}, từ ngày ${vnDate(x.effectiveOn)}).`,
  );
  const held = m.held.map(
    (x) =>
      `TẠM DỪNG nhắc ${x.addresseeName}: cơ quan này đã được chia tách, chưa xác định cơ quan kế thừa (${x.candidateNames.join(', ')}). ` +
      `Thư ký Tổ công tác chọn cơ quan kế thừa trên hệ thống (Kiến nghị → Chọn cơ quan kế thừa; API: PUT /api/v1/recommendations/${m.recommendationId}/addressees/${x.addresseeCode}/holder) để các lần nhắc sau được gửi đến cơ quan đó.`,
  );

  const text = [
    '',
    `Kiến nghị số ${m.documentNumber} ngày ${vnDate(m.letterDate)}${m.senderName ? ` của ${m.senderName}` : ''} gửi ${m.addressees.join(', ')} ${overdue}.`,
    '',
    ...(moved.length ? [...moved, ''] : []),
    ...(held.length ? [...held, ''] : []),
    `Nội dung kiến nghị: ${m.summary}`,
    ...(m.concerns.length ? ['', 'Liên quan:', ...m.concerns.map((c) => `- ${c}`)] : []),
    '',
    `Hạn trả lời: ${vnDateTime(m.dueAt)}`,
    `Mức đôn đốc: ${level}`,
    ...(previous.length
      ? ['Các lần đôn đốc trước:', ...previous.map((p) => `- ${p}`)]
      : ['Các lần đôn đốc trước: chưa có']),
    '',
    howToAnswer,
  ];

  const body = html`<p>
      Kiến nghị số <strong>${m.documentNumber}</strong> ngày
      ${vnDate(m.letterDate)}${m.senderName ? html` của ${m.senderName}` : ''} gửi
      ${m.addressees.join(', ')} <strong>${overdue}</strong>.
    </p>
    ${moved.map((x) => html`<p>${x}</p>`)} ${held.map((x) => html`<p><strong>${x}</strong></p>`)}
    <p><em>Nội dung kiến nghị:</em> ${m.summary}</p>
    ${
      m.concerns.length
        ? html`<p><em>Liên quan:</em></p>
            <ul>
              ${m.concerns.map((c) => html`<li>${c}</li>`)}
            </ul>`
        : ''
    }
    <table cellpadding="4" style="border-collapse: collapse">
      <tr>
        <td>Hạn trả lời</td>
        <td>${vnDateTime(m.dueAt)}</td>
      </tr>
      <tr>
        <td>Mức đôn đốc</td>
        <td><strong>${level}</strong></td>
      </tr>
      <tr>
        <td>Các lần đôn đốc trước</td>
        <td>${previous.length ? html`${previous.map((p) => html`${p}<br />`)}` : 'chưa có'}</td>
      </tr>
    </table>
    <p>${howToAnswer}</p>`;
  return renderLetter({ subject, recipientLabel: m.recipientLabel, text, html: body });
}
