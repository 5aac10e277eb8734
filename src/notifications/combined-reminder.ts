import { html, type Html } from '../common/html.js';
import { vnDate } from '../common/domain/local-time.js';
import type { EscalationMailItem } from './escalation-item.js';
import { renderLetter } from './letter-layout.js';
import type { RenderedMail } from './outbox.js';

/**
 * The reminder mail a person can act on (issue 12, item 4): one mail per recipient listing every
 * letter it is reminded of, most overdue first; for each, what was asked, who owes the answer and
 * for how long, how often it was already reminded ("đã nhắc N lần, lần gần nhất ngày …", never a
 * list of steps), a link to the letter and, for an addressee's focal point, its personal answer
 * link. Pure functions of the items: the sender renders a wave's mail from its rows' items, and a
 * row mailed alone with renderSingleReminder.
 */

/** The agency that answers for an item's addressee today (its holder when the duty moved). */
export function owingAgency(item: EscalationMailItem): string {
  return item.holder?.name ?? item.addresseeName;
}

export function isOverdue(item: EscalationMailItem): boolean {
  return item.workingDaysOverdue > 0 || item.calendarDaysOverdue > 0;
}

/** Most overdue first (working days, then calendar days, then the earliest due); stable otherwise. */
export function compareReminders(a: EscalationMailItem, b: EscalationMailItem): number {
  return (
    b.workingDaysOverdue - a.workingDaysOverdue ||
    b.calendarDaysOverdue - a.calendarDaysOverdue ||
    Date.parse(a.dueAt) - Date.parse(b.dueAt) ||
    a.documentNumber.localeCompare(b.documentNumber, 'vi') ||
    a.addresseeName.localeCompare(b.addresseeName, 'vi') ||
    b.level - a.level ||
    b.repeat - a.repeat
  );
}

/** One letter of the mail, with the items (addressees, steps) reminded of it. */
export interface ReminderLetter {
  recommendationId: string;
  documentNumber: string;
  letterDate: string;
  summary: string;
  concerns: string[];
  letterUrl: string;
  items: EscalationMailItem[];
  held: EscalationMailItem['held'];
}

/** The items grouped by letter, the letters ordered by their most overdue item, most overdue first. */
export function remindersByLetter(items: EscalationMailItem[]): ReminderLetter[] {
  const letters = new Map<string, ReminderLetter>();
  for (const item of [...items].sort(compareReminders)) {
    let letter = letters.get(item.recommendationId);
    if (!letter) {
      letter = {
        recommendationId: item.recommendationId,
        documentNumber: item.documentNumber,
        letterDate: item.letterDate,
        summary: item.summary,
        concerns: item.concerns,
        letterUrl: item.letterUrl,
        items: [],
        held: [],
      };
      letters.set(item.recommendationId, letter);
    }
    letter.items.push(item);
    // Held addressees are the province's business: never told to an addressee's focal point.
    if (item.audience === 'PROVINCE')
      for (const h of item.held)
        if (!letter.held.some((x) => x.addresseeName === h.addresseeName)) letter.held.push(h);
  }
  return [...letters.values()];
}

/** "Bộ Y tế", "Bộ Công an và Bộ Y tế", "3 bộ, ngành". */
function agenciesPhrase(names: string[]): string {
  if (names.length === 1) return names[0];
  if (names.length === 2) return `${names[0]} và ${names[1]}`;
  return `${names.length} bộ, ngành`;
}

/**
 * A subject a leader understands at a glance: how many letters, overdue or not, waiting for
 * which agency. Never a step number or a count of reminders.
 */
export function reminderSubject(items: EscalationMailItem[]): string {
  if (items.length === 0) throw new Error('a reminder mail needs at least one item');
  const letters = remindersByLetter(items);
  const agencies = [...new Set(letters.flatMap((l) => l.items.map(owingAgency)))];
  const waitingFor = `chờ ${agenciesPhrase(agencies)} trả lời`;
  const overdueLetters = letters.filter((l) => l.items.some(isOverdue));
  if (letters.length === 1) {
    const letter = letters[0];
    const most = letter.items[0];
    const number = `kiến nghị số ${letter.documentNumber}`;
    if (!isOverdue(most)) return nfc(`Nhắc hạn: ${number} ${waitingFor}`);
    const late =
      most.workingDaysOverdue > 0
        ? `quá hạn ${most.workingDaysOverdue} ngày làm việc`
        : `quá hạn ${most.calendarDaysOverdue} ngày`;
    return nfc(`${capitalise(number)} ${late} ${waitingFor}`);
  }
  if (overdueLetters.length === letters.length)
    return nfc(`${letters.length} kiến nghị quá hạn ${waitingFor}`);
  if (overdueLetters.length === 0)
    return nfc(`Nhắc hạn: ${letters.length} kiến nghị ${waitingFor}`);
  return nfc(`${letters.length} kiến nghị ${waitingFor} (${overdueLetters.length} đã quá hạn)`);
}

/** "quá hạn 37 ngày làm việc (52 ngày theo lịch)", or the due day when it is not overdue yet. */
export function lateness(item: EscalationMailItem): string {
  const due = vnDate(new Date(item.dueAt));
  if (item.workingDaysOverdue > 0)
    return `quá hạn ${item.workingDaysOverdue} ngày làm việc (${item.calendarDaysOverdue} ngày theo lịch; hạn trả lời ${due})`;
  if (item.calendarDaysOverdue > 0)
    return `quá hạn ${item.calendarDaysOverdue} ngày theo lịch (hạn trả lời ${due})`;
  return `hạn trả lời ${due}`;
}

/** "đã nhắc 4 lần, lần gần nhất ngày 12/05/2023", or "lần nhắc đầu tiên". */
export function remindedBefore(item: EscalationMailItem): string {
  if (item.timesRemindedBefore <= 0) return 'lần nhắc đầu tiên';
  const last = item.lastRemindedAt
    ? `, lần gần nhất ngày ${vnDate(new Date(item.lastRemindedAt))}`
    : '';
  return `đã nhắc ${item.timesRemindedBefore} lần${last}`;
}

function movedSentence(item: EscalationMailItem): string | null {
  const h = item.holder;
  if (!h) return null;
  return `Nhiệm vụ của ${item.addresseeName} nay do ${h.name} đảm nhận (${h.legalBasis}, từ ngày ${vnDate(h.effectiveOn)}).`;
}

function heldSentence(h: EscalationMailItem['held'][number]): string {
  return (
    `Tạm dừng nhắc ${h.addresseeName}: cơ quan này đã được chia tách, chưa xác định cơ quan kế thừa ` +
    `(${h.candidateNames.join(', ')}); Thư ký Tổ công tác chọn cơ quan kế thừa trên trang kiến nghị.`
  );
}

/** The step, for the province's copy, on each line unless every item is at the same one. */
function stepOf(item: EscalationMailItem, sameStep: boolean): string {
  return item.audience === 'PROVINCE' && !sameStep ? ` Bước đôn đốc: ${item.levelName}.` : '';
}

function addresseeLine(item: EscalationMailItem, sameStep: boolean): string {
  return `${owingAgency(item)}: ${lateness(item)}; ${remindedBefore(item)}.${stepOf(item, sameStep)}`;
}

/** A long summary cut at a word, when a mail lists several letters (each links to the whole). */
export function brief(summary: string, max = 320): string {
  if (summary.length <= max) return summary;
  const cut = summary.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

const ANSWER_LINK_SENTENCE =
  'Quý cơ quan có thể xác nhận đã nhận kiến nghị, cho biết người xử lý và gửi văn bản trả lời (kèm bản PDF) ' +
  'qua đường liên kết riêng dưới mỗi kiến nghị, không cần tài khoản; việc nhắc hạn dừng ngay khi trả lời được ghi nhận.';
const ADDRESSEE_CLOSING =
  'Văn bản trả lời xin gửi về Tổ công tác Đề án 06 tỉnh Khánh Hòa (Cơ quan thường trực – Công an tỉnh).';
const PROVINCE_CLOSING =
  'Khi có văn bản trả lời, Thư ký Tổ công tác ghi nhận trên trang kiến nghị; việc nhắc hạn dừng ngay khi ghi nhận.';

function intro(letters: ReminderLetter[]): string {
  const overdue = letters.filter((l) => l.items.some(isOverdue)).length;
  const who = 'của Tổ công tác Đề án 06 tỉnh Khánh Hòa';
  if (letters.length === 1)
    return overdue
      ? `Kiến nghị dưới đây ${who} đã quá hạn mà chưa được trả lời.`
      : `Kiến nghị dưới đây ${who} đang chờ trả lời.`;
  if (overdue === letters.length)
    return `${letters.length} kiến nghị dưới đây ${who} đã quá hạn mà chưa được trả lời, quá hạn lâu nhất xếp trước.`;
  return (
    `${letters.length} kiến nghị dưới đây ${who} đang chờ trả lời` +
    (overdue
      ? ` (${overdue} đã quá hạn), quá hạn lâu nhất xếp trước.`
      : ', hạn gần nhất xếp trước.')
  );
}

const isWebLink = (url: string | null | undefined): url is string =>
  !!url && /^https?:\/\/\S+$/.test(url);

/** One mail for one recipient listing every item, grouped by letter, most overdue first. */
export function renderCombinedReminder(
  items: EscalationMailItem[],
  recipientLabel: string,
): RenderedMail {
  const subject = reminderSubject(items);
  const letters = remindersByLetter(items);
  const hasAnswerLinks = items.some((i) => i.audience === 'ADDRESSEE' && isWebLink(i.answerUrl));
  const forAddressee = items.every((i) => i.audience === 'ADDRESSEE');
  const steps = new Set(items.filter((i) => i.audience === 'PROVINCE').map((i) => i.levelName));
  const sameStep = steps.size === 1;
  const commonStep = sameStep ? `Bước đôn đốc: ${[...steps][0]}.` : null;
  const summaryOf = (l: ReminderLetter) => (letters.length > 1 ? brief(l.summary) : l.summary);

  const text: string[] = ['', intro(letters)];
  if (commonStep) text.push(commonStep);
  if (hasAnswerLinks) text.push(ANSWER_LINK_SENTENCE);
  letters.forEach((letter, index) => {
    text.push(
      '',
      `${index + 1}. Kiến nghị số ${letter.documentNumber} ngày ${vnDate(letter.letterDate)}`,
      `   Nội dung: ${summaryOf(letter)}`,
    );
    if (letter.concerns.length) text.push(`   Liên quan: ${letter.concerns.join('; ')}`);
    for (const item of letter.items) {
      text.push(`   - Chờ ${addresseeLine(item, sameStep)}`);
      const moved = movedSentence(item);
      if (moved) text.push(`     ${moved}`);
      if (item.audience === 'ADDRESSEE' && isWebLink(item.answerUrl))
        text.push(`     Xác nhận đã nhận và trả lời tại: ${item.answerUrl}`);
    }
    for (const h of letter.held) text.push(`   - ${heldSentence(h)}`);
    if (isWebLink(letter.letterUrl)) text.push(`   Xem kiến nghị: ${letter.letterUrl}`);
  });
  text.push('', forAddressee ? ADDRESSEE_CLOSING : PROVINCE_CLOSING);

  const body: Html = html`<p>${intro(letters)}${commonStep ? html`<br />${commonStep}` : ''}</p>
    ${hasAnswerLinks ? html`<p>${ANSWER_LINK_SENTENCE}</p>` : ''}
    <ol>
      ${letters.map(
        (letter) =>
          html`<li style="margin-bottom: 12pt">
            <p>
              <strong>Kiến nghị số ${letter.documentNumber}</strong> ngày
              ${vnDate(letter.letterDate)}<br /><em>Nội dung:</em> ${summaryOf(letter)}
              ${
                letter.concerns.length
                  ? html`<br /><em>Liên quan:</em> ${letter.concerns.join('; ')}`
                  : ''
              }
            </p>
            <ul>
              ${letter.items.map((item) => {
                const moved = movedSentence(item);
                return html`<li>
                  Chờ <strong>${owingAgency(item)}</strong>: <strong>${lateness(item)}</strong>;
                  ${remindedBefore(item)}.${stepOf(item, sameStep)}
                  ${moved ? html`<br />${moved}` : ''}
                  ${
                    item.audience === 'ADDRESSEE' && isWebLink(item.answerUrl)
                      ? html`<br /><a href="${item.answerUrl}">Xác nhận đã nhận và trả lời</a>`
                      : ''
                  }
                </li>`;
              })}
              ${letter.held.map((h) => html`<li><strong>${heldSentence(h)}</strong></li>`)}
            </ul>
            ${
              isWebLink(letter.letterUrl)
                ? html`<p><a href="${letter.letterUrl}">Xem kiến nghị trên hệ thống</a></p>`
                : ''
            }
          </li>`,
      )}
    </ol>
    <p>${forAddressee ? ADDRESSEE_CLOSING : PROVINCE_CLOSING}</p>`;

  const mail = renderLetter({ subject, recipientLabel, text, html: body });
  return { subject: mail.subject, text: nfc(mail.text), html: nfc(mail.html) };
}

/** One row's reminder alone: its own subject and bodies (the notifications list, a row sent by itself). */
export function renderSingleReminder(
  item: EscalationMailItem,
  recipientLabel: string,
): RenderedMail {
  return renderCombinedReminder([item], recipientLabel);
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

function nfc(s: string): string {
  return s.normalize('NFC');
}
