import { html } from '../../common/html.js';
import { vnDate } from '../../common/domain/local-time.js';
import { renderLetter } from '../../notifications/letter-layout.js';
import type { RenderedMail } from '../../notifications/outbox.js';

export interface MilestoneReminderModel {
  recipientLabel: string;
  /** The agency whose officers are reminded: the owner, or whoever holds its duties now. */
  agencyName: string;
  /** The owner as the milestone names it, when another agency holds its duties now (2025). */
  formerly?: string | null;
  /** 'before': N working days ahead; 'due': on the due day. */
  kind: 'before' | 'due';
  pilot: { number: number; name: string };
  milestone: { name: string; dueLabel: string; dueOn: string };
  /** The milestone's page (the pilot's page in the web interface). */
  link: string;
}

const HOW_TO =
  'Khi mốc đã hoàn thành, đề nghị đơn vị đánh dấu hoàn thành (kèm ngày) trên trang mô hình; ' +
  'nếu không còn thực hiện, ghi rõ lý do bỏ mốc.';

/** A reminder to the owner's officers: a pilot's milestone is coming due, or due today. */
export function renderMilestoneReminderMail(m: MilestoneReminderModel): RenderedMail {
  const when =
    m.kind === 'due'
      ? `đến hạn hôm nay (${vnDate(m.milestone.dueOn)})`
      : `đến hạn ${m.milestone.dueLabel}`;
  const subject = `[Nhắc hạn mốc] Mô hình ${m.pilot.number}: “${m.milestone.name}” ${when}`;
  const lead =
    `Mốc “${m.milestone.name}” của Mô hình ${m.pilot.number} (${m.pilot.name}), do ${m.agencyName} ` +
    (m.formerly ? `(tiếp nhận nhiệm vụ của ${m.formerly}) ` : '') +
    `chịu trách nhiệm, ${when}` +
    (m.kind === 'due' || m.milestone.dueLabel === vnDate(m.milestone.dueOn)
      ? '.'
      : ` (hạn cuối ${vnDate(m.milestone.dueOn)}).`);
  return renderLetter({
    subject,
    recipientLabel: m.recipientLabel,
    text: ['', lead, '', HOW_TO, m.link],
    html: html`<p>${lead}</p>
      <p>${HOW_TO}</p>
      <p><a href="${m.link}">${m.link}</a></p>`,
  });
}
