import type { MissedMilestone } from '../../milestones/missed-milestones.js';
import { periodLabel } from '../../common/domain/periods.js';
import { html } from '../../common/html.js';
import { vnDate, vnDateTime } from '../../common/domain/local-time.js';
import { renderLetter } from '../../notifications/letter-layout.js';
import type { RenderedMail } from '../../notifications/outbox.js';

export interface DigestOverdueItem {
  recommendationId: string;
  documentNumber: string;
  letterDate: string | null;
  senderName: string | null;
  addressees: string[];
  /**
   * Where each addressee stands, one part each (addressee-line.ts): "Bộ Công an: đã trả lời
   * ngày 12/11/2026", "Bộ Y tế: quá hạn 37 ngày làm việc".
   */
  addresseeStatus: string[];
  summary: string;
  /** "mô hình số 2", or the topic of a cross-cutting blocker. */
  concerns: string[];
  dueAt: Date;
  workingDaysOverdue: number;
  calendarDaysOverdue: number;
}

export interface DigestLevelGroup {
  /** 0 = not yet escalated in the current cycle. */
  level: number;
  /** "Mức 3 – Báo cáo lãnh đạo", or "Chưa đôn đốc". */
  title: string;
  items: DigestOverdueItem[];
}

export interface DigestPilot {
  number: number;
  name: string;
}

export interface DigestModel {
  recipientLabel: string;
  /** A copy for the secretariat rather than a leadership addressee. */
  copy: boolean;
  asOf: Date;
  /** Monday of the week of the run, YYYY-MM-DD in Asia/Ho_Chi_Minh. */
  weekOf: string;
  /** YYYY-MM, the current reporting period. */
  period: string;
  overdue: DigestLevelGroup[];
  blockedPilots: (DigestPilot & { openBlockers: number })[];
  pilotsWithoutReport: (DigestPilot & { leadAgencies: string[] })[];
  /** Milestones still planned past their due day, longest late first (none: no section). */
  missedMilestones?: MissedMilestone[];
  /**
   * Mail the service could not deliver (refused for good, or past the retry horizon): shown to
   * the secretariat only, who can correct the address and send it again.
   */
  failedMails: { total: number; items: FailedMail[] };
}

export interface FailedMail {
  recipientEmail: string;
  subject: string;
  lastError: string | null;
  at: Date;
}

/** How many undelivered mails the secretariat's copy lists (the count is always whole). */
export const FAILED_MAILS_LISTED = 20;

export const digestSubject = (weekOf: string) =>
  `[Tổng hợp] Kiến nghị quá hạn và mô hình cần chú ý – tuần ${vnDate(weekOf)}`;

/** "Mô hình 9: Tổ chức đánh giá … – Ban Quản lý …, hạn 30/12/2023, quá hạn 16 ngày" */
const missedLine = (x: MissedMilestone) =>
  `Mô hình ${x.pilotNumber}: ${x.name} – ${x.ownerName}, hạn ${x.dueLabel}, quá hạn ${x.daysLate} ngày`;

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

const overdueBy = (i: DigestOverdueItem) =>
  `quá hạn ${i.workingDaysOverdue} ngày làm việc (${i.calendarDaysOverdue} ngày theo lịch)`;

const letter = (i: DigestOverdueItem) =>
  `Số ${i.documentNumber}${i.letterDate ? ` ngày ${vnDate(i.letterDate)}` : ''}` +
  `${i.senderName ? ` của ${i.senderName}` : ''} gửi ${i.addressees.join(', ') || '(chưa rõ cơ quan nhận)'}`;

/**
 * The leadership digest: overdue recommendations by escalation level, blocked pilots and pilots
 * without this period's report, in Vietnamese, as text and HTML. Overdue letters are numbered
 * "1. Số …" across levels, one per line, so a reader (or a test) can count them.
 */
export function renderDigestMail(m: DigestModel): RenderedMail {
  const subject = digestSubject(m.weekOf);
  const overdueCount = m.overdue.reduce((n, g) => n + g.items.length, 0);
  const period = periodLabel(m.period);
  const missed = [...(m.missedMilestones ?? [])].sort((a, b) => b.daysLate - a.daysLate);
  const heading = {
    overdue: `I. KIẾN NGHỊ GỬI TRUNG ƯƠNG QUÁ HẠN TRẢ LỜI (${overdueCount})`,
    blocked: `II. MÔ HÌNH ĐANG CÓ VƯỚNG MẮC CHƯA GIẢI QUYẾT (${m.blockedPilots.length})`,
    missing: `III. MÔ HÌNH CHƯA BÁO CÁO ${period.toUpperCase()} (${m.pilotsWithoutReport.length})`,
    missed: `IV. MỐC TIẾN ĐỘ QUÁ HẠN CHƯA HOÀN THÀNH (${missed.length})`,
  };
  const intro = `Tổng hợp tình hình triển khai mô hình điểm Đề án 06 tỉnh Khánh Hòa đến ${vnDateTime(m.asOf)}:`;
  const totals = [
    `${overdueCount} kiến nghị gửi Trung ương đã quá hạn trả lời`,
    `${m.blockedPilots.length} mô hình đang có vướng mắc chưa giải quyết`,
    `${m.pilotsWithoutReport.length} mô hình chưa báo cáo ${period}`,
  ];
  const copyNote = m.copy ? 'Bản sao gửi Thư ký Tổ công tác để theo dõi.' : null;

  const failed = m.copy && m.failedMails.total > 0 ? m.failedMails : null;
  const failedHeading = failed
    ? `IV. THƯ THÔNG BÁO KHÔNG GỬI ĐƯỢC (${failed.total}) – cần kiểm tra địa chỉ rồi gửi lại tại trang Kiến nghị`
    : '';
  const failedLine = (f: FailedMail) =>
    `${f.recipientEmail} – “${f.subject}” (${vnDateTime(f.at)})${f.lastError ? `: ${oneLine(f.lastError)}` : ''}`;
  const failedMore =
    failed && failed.total > failed.items.length
      ? `… và ${failed.total - failed.items.length} thư khác.`
      : null;

  let counter = 0;
  const numbered = m.overdue.map((g) => ({
    ...g,
    items: g.items.map((item) => ({ ...item, n: ++counter })),
  }));

  const text = [
    ...(copyNote ? [copyNote] : []),
    '',
    intro,
    ...totals.map((t, i) => `- ${t}${i === totals.length - 1 ? '.' : ';'}`),
    '',
    heading.overdue,
    ...(overdueCount === 0 ? ['Không có kiến nghị nào quá hạn trả lời.'] : []),
    ...numbered.flatMap((g) => [
      '',
      `${g.title} (${g.items.length}):`,
      ...g.items.flatMap((i) => [
        `${i.n}. ${letter(i)}`,
        `   Nội dung: ${oneLine(i.summary)}`,
        ...(i.concerns.length ? [`   Liên quan: ${i.concerns.join('; ')}`] : []),
        `   Hạn trả lời: ${vnDateTime(i.dueAt)} – ${overdueBy(i)}`,
        `   Từng cơ quan: ${i.addresseeStatus.join('; ')}`,
      ]),
    ]),
    '',
    heading.blocked,
    ...(m.blockedPilots.length === 0 ? ['Không có mô hình nào đang vướng mắc.'] : []),
    ...m.blockedPilots.map(
      (p) => `- Mô hình ${p.number}: ${p.name} (${p.openBlockers} vướng mắc chưa giải quyết)`,
    ),
    '',
    heading.missing,
    ...(m.pilotsWithoutReport.length === 0 ? ['Tất cả mô hình đã báo cáo kỳ này.'] : []),
    ...m.pilotsWithoutReport.map(
      (p) => `- Mô hình ${p.number}: ${p.name} – đơn vị chủ trì: ${p.leadAgencies.join(', ')}`,
    ),
    ...(missed.length ? ['', heading.missed, ...missed.map((x) => `- ${missedLine(x)}`)] : []),
    ...(failed
      ? [
          '',
          failedHeading,
          ...failed.items.map((f) => `- ${failedLine(f)}`),
          ...(failedMore ? [failedMore] : []),
        ]
      : []),
  ];

  const cell = 'border: 1px solid #999; padding: 4px; vertical-align: top';
  const body = html`${copyNote ? html`<p><em>${copyNote}</em></p>` : ''}
    <p>${intro}</p>
    <ul>
      ${totals.map((t, i) => html`<li>${t}${i === totals.length - 1 ? '.' : ';'}</li>`)}
    </ul>
    <h3>${heading.overdue}</h3>
    ${overdueCount === 0 ? html`<p>Không có kiến nghị nào quá hạn trả lời.</p>` : ''}
    ${numbered.map(
      (g) =>
        html`<p>
            <strong>${g.title} (${g.items.length})</strong>
          </p>
          <table style="border-collapse: collapse; width: 100%">
            <tr>
              <th style="${cell}">STT</th>
              <th style="${cell}">Văn bản</th>
              <th style="${cell}">Cơ quan nhận</th>
              <th style="${cell}">Nội dung</th>
              <th style="${cell}">Hạn trả lời</th>
              <th style="${cell}">Quá hạn (ngày làm việc)</th>
              <th style="${cell}">Quá hạn (ngày theo lịch)</th>
            </tr>
            ${g.items.map(
              (i) =>
                html`<tr>
                  <td style="${cell}">${i.n}</td>
                  <td style="${cell}">
                    <strong>${i.documentNumber}</strong>${
                      i.letterDate ? html`<br />ngày ${vnDate(i.letterDate)}` : ''
                    }${i.senderName ? html`<br />${i.senderName}` : ''}
                  </td>
                  <td style="${cell}">
                    ${i.addresseeStatus.map((part, k) => html`${k > 0 ? html`<br />` : ''}${part}`)}
                  </td>
                  <td style="${cell}">
                    ${oneLine(i.summary)}${
                      i.concerns.length
                        ? html`<br /><em>Liên quan: ${i.concerns.join('; ')}</em>`
                        : ''
                    }
                  </td>
                  <td style="${cell}">${vnDateTime(i.dueAt)}</td>
                  <td style="${cell}; text-align: right">${i.workingDaysOverdue}</td>
                  <td style="${cell}; text-align: right">${i.calendarDaysOverdue}</td>
                </tr>`,
            )}
          </table>`,
    )}
    <h3>${heading.blocked}</h3>
    ${
      m.blockedPilots.length === 0
        ? html`<p>Không có mô hình nào đang vướng mắc.</p>`
        : html`<ul>
            ${m.blockedPilots.map(
              (p) =>
                html`<li>
                  Mô hình ${p.number}: ${p.name} (${p.openBlockers} vướng mắc chưa giải quyết)
                </li>`,
            )}
          </ul>`
    }
    <h3>${heading.missing}</h3>
    ${
      m.pilotsWithoutReport.length === 0
        ? html`<p>Tất cả mô hình đã báo cáo kỳ này.</p>`
        : html`<ul>
            ${m.pilotsWithoutReport.map(
              (p) =>
                html`<li>
                  Mô hình ${p.number}: ${p.name} – đơn vị chủ trì: ${p.leadAgencies.join(', ')}
                </li>`,
            )}
          </ul>`
    }
    ${
      missed.length
        ? html`<h3>${heading.missed}</h3>
            <ul>
              ${missed.map((x) => html`<li>${missedLine(x)}</li>`)}
            </ul>`
        : ''
    }
    ${
      failed
        ? html`<h3>${failedHeading}</h3>
            <ul>
              ${failed.items.map((f) => html`<li>${failedLine(f)}</li>`)}
            </ul>
            ${failedMore ? html`<p>${failedMore}</p>` : ''}`
        : ''
    }`;
  return renderLetter({
    subject,
    recipientLabel: m.recipientLabel,
    fontSize: '13pt',
    text,
    html: body,
  });
}
