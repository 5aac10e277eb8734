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
  /** The agency's province-wide indicators without a value for the period. */
  indicators?: { code: string; name: string }[];
}

const HOW_TO_REPORT =
  'Đề nghị đơn vị cập nhật báo cáo tiến độ trên hệ thống (Mô hình → Báo cáo tháng; ' +
  'API: POST /api/v1/pilots/{số mô hình}/reports) để Tổ công tác tổng hợp báo cáo UBND tỉnh.';

const HOW_TO_ENTER =
  'Đề nghị đơn vị nhập số liệu các chỉ số trên hệ thống (Số liệu chỉ số, trang /chi-so; ' +
  'API: POST /api/v1/indicators/{mã chỉ số}/values) ' +
  'để Tổ công tác tổng hợp vào Phần I của báo cáo.';

/**
 * The cut-off day's reminder to an agency officer: which of the agency's pilots lack a report,
 * and which of the indicators it owns lack a value for the period, in one mail.
 */
export function renderReportReminderMail(m: ReportReminderModel): RenderedMail {
  const period = periodLabel(m.period);
  const indicators = m.indicators ?? [];
  const owed = [
    ...(m.pilots.length ? [`${m.pilots.length} mô hình chưa báo cáo`] : []),
    ...(indicators.length ? [`${indicators.length} chỉ số chưa nhập số liệu`] : []),
  ].join(', ');
  const subject = `[Nhắc báo cáo] ${owed} ${period} – hạn ${vnDate(m.cutoff)}`;
  const lead =
    `Đến ngày ${vnDate(m.cutoff)} (hạn chốt số liệu), các mô hình điểm sau do ${m.agencyName} ` +
    `chủ trì chưa có báo cáo tiến độ ${period}:`;
  const indicatorLead = `Các chỉ số do ${m.agencyName} chịu trách nhiệm chưa có số liệu ${period}:`;
  const text = [
    ...(m.pilots.length
      ? ['', lead, ...m.pilots.map((p) => `- Mô hình ${p.number}: ${p.name}`), '', HOW_TO_REPORT]
      : []),
    ...(indicators.length
      ? [
          '',
          indicatorLead,
          ...indicators.map((i) => `- Chỉ số ${i.code}: ${i.name}`),
          '',
          HOW_TO_ENTER,
        ]
      : []),
  ];
  return renderLetter({
    subject,
    recipientLabel: m.recipientLabel,
    text,
    html: html`${
      m.pilots.length
        ? html`<p>${lead}</p>
            <ul>
              ${m.pilots.map((p) => html`<li>Mô hình ${p.number}: ${p.name}</li>`)}
            </ul>
            <p>${HOW_TO_REPORT}</p>`
        : ''
    }
    ${
      indicators.length
        ? html`<p>${indicatorLead}</p>
            <ul>
              ${indicators.map((i) => html`<li>Chỉ số ${i.code}: ${i.name}</li>`)}
            </ul>
            <p>${HOW_TO_ENTER}</p>`
        : ''
    }`,
  });
}
