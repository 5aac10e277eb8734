import { html } from '../../common/html.js';
import { vnDate } from '../../common/domain/local-time.js';
import { renderLetter } from '../../notifications/letter-layout.js';
import type { RenderedMail } from '../../notifications/outbox.js';
import { periodLabel } from '../../common/domain/periods.js';

export interface ReportReminderModel {
  recipientLabel: string;
  agencyName: string;
  /** YYYY-MM */
  period: string;
  /** The cut-off day, YYYY-MM-DD. */
  cutoff: string;
  pilots: { number: number; name: string }[];
}

const HOW_TO_REPORT =
  'Đề nghị đơn vị cập nhật báo cáo tiến độ trên hệ thống (Mô hình → Báo cáo tháng; ' +
  'API: POST /api/v1/pilots/{số mô hình}/reports) để Tổ công tác tổng hợp báo cáo UBND tỉnh.';

/** The cut-off day's reminder to an agency officer: which of the agency's pilots lack a report. */
export function renderReportReminderMail(m: ReportReminderModel): RenderedMail {
  const period = periodLabel(m.period);
  const subject = `[Nhắc báo cáo] ${m.pilots.length} mô hình chưa báo cáo ${period} – hạn ${vnDate(m.cutoff)}`;
  const lead =
    `Đến ngày ${vnDate(m.cutoff)} (hạn chốt số liệu), các mô hình điểm sau do ${m.agencyName} ` +
    `chủ trì chưa có báo cáo tiến độ ${period}:`;
  return renderLetter({
    subject,
    recipientLabel: m.recipientLabel,
    text: ['', lead, ...m.pilots.map((p) => `- Mô hình ${p.number}: ${p.name}`), '', HOW_TO_REPORT],
    html: html`<p>${lead}</p>
      <ul>
        ${m.pilots.map((p) => html`<li>Mô hình ${p.number}: ${p.name}</li>`)}
      </ul>
      <p>${HOW_TO_REPORT}</p>`,
  });
}
