import { html, type Html } from '../../common/html.js';
import { currentPeriod } from '../../common/domain/periods.js';
import { OPEN_BLOCKER_STATES } from '../../blockers/domain/blocker-enums.js';
import { owesReport } from '../../pilots/domain/reporting.js';
import { levelBadge, pilotStateBadge } from '../components/badges.js';
import { authorityAndAge, holderLine, holderOf } from '../components/blocker-holder.js';
import { period as periodLabel, shortened } from '../components/format.js';
import { read, readAll, type Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';
import { SUMMARY_MAX, type QueueSection } from './home.view.js';

type PilotView = Schemas['PilotView'];
type RecommendationView = Schemas['RecommendationView'];

/**
 * What an officer's agency owes, read through the API as that officer and kept to that agency's
 * work: this period's reports still missing for the pilots it leads, the province-wide
 * indicators it owns still without this period's value, the open blockers of those
 * pilots (with who holds each now), and the overdue letters about them or sent by the agency.
 * An officer of no agency leads nothing: every list is empty.
 */
export async function agencyDues(web: WebContext, now: Date): Promise<QueueSection[]> {
  const period = currentPeriod(now);
  const code = web.actor.agencyCode;
  const [pilots, blockers, letters, indicators] = await Promise.all([
    read(web.api.GET('/api/v1/pilots', { params: { query: { limit: 100 } } })),
    Promise.all(
      OPEN_BLOCKER_STATES.map((state) =>
        readAll((page) =>
          web.api.GET('/api/v1/blockers', { params: { query: { state, ...page } } }),
        ),
      ),
    ),
    readAll((page) =>
      web.api.GET('/api/v1/recommendations', { params: { query: { sort: 'urgency', ...page } } }),
    ),
    read(
      web.api.GET('/api/v1/indicators', {
        params: { query: { scope: 'PROVINCE', active: true, period } },
      }),
    ),
  ]);
  const own = new Map<number, PilotView>(
    pilots.items.filter((p) => p.ledByUserAgency).map((p) => [p.number, p]),
  );
  const missing = [...own.values()].filter(
    (p) => owesReport(p.state) && p.lastReportPeriod !== period,
  );
  const waiting = blockers
    .flat()
    .filter((b) => b.pilotNumber !== null && own.has(b.pilotNumber))
    .sort((a, b) => a.pilotNumber! - b.pilotNumber! || a.createdAt.localeCompare(b.createdAt));
  const about = (r: RecommendationView) =>
    r.blockers.some((b) => b.pilotNumber !== null && own.has(b.pilotNumber)) ||
    (code !== null && r.senderAgency?.code === code);
  const overdue = letters.filter((r) => r.overdue && about(r));
  const month = periodLabel(period);
  // As the cut-off day's reminder: the province-wide figures the agency owns, or holds for an
  // agency merged into it (a pilot's own come with its report, listed above); an agency that
  // has none has no such list.
  const owned = indicators.filter((i) => i.heldByUserAgency);
  const unentered = owned.filter((i) => !i.value);

  return [
    {
      id: 'bao-cao-thieu',
      title: `Báo cáo tháng ${month} chưa gửi`,
      count: missing.length,
      tone: 'warn',
      none: `Các mô hình đơn vị chủ trì đã có báo cáo tháng ${month}.`,
      items: missing.map(
        (p) =>
          html`<li data-pilot="${p.number}">
            <a href="/mo-hinh/${p.number}#bao-cao"
              ><span class="pilot-number">${p.number}</span> ${p.name}</a
            >
            ${pilotStateBadge(p.state)}
            <span class="muted"
              >${
                p.lastReportPeriod
                  ? `Báo cáo gần nhất: tháng ${periodLabel(p.lastReportPeriod)}`
                  : 'Chưa có báo cáo nào'
              }</span
            >
          </li>`,
      ),
      more: { href: '/mo-hinh', text: 'Bảng mô hình điểm' },
    },
    ...(owned.length === 0
      ? []
      : [
          {
            id: 'chi-so-thieu',
            title: `Chỉ số chưa nhập số liệu tháng ${month}`,
            note: 'Các chỉ số toàn tỉnh do đơn vị chịu trách nhiệm, báo cáo tháng (Phần I) cần số liệu.',
            count: unentered.length,
            tone: 'warn',
            none: `Các chỉ số toàn tỉnh của đơn vị đã có số liệu tháng ${month}.`,
            items: unentered.map(
              (i) =>
                html`<li data-indicator="${i.code}">
                  <a href="/chi-so#chi-so-${i.code}">${i.name}</a>
                  <span class="muted">Mục ${i.section}${i.unit ? ` · ${i.unit}` : ''}</span>
                </li>`,
            ),
            more: { href: '/chi-so', text: 'Nhập số liệu chỉ số' },
          } satisfies QueueSection,
        ]),
    {
      id: 'vuong-mac',
      title: 'Vướng mắc chưa giải quyết',
      count: waiting.length,
      tone: 'bad',
      none: 'Các mô hình đơn vị chủ trì không có vướng mắc nào đang mở.',
      items: waiting.map((b) => {
        const pilot = own.get(b.pilotNumber!)!;
        return html`<li data-blocker="${b.id}" data-pilot="${pilot.number}">
          <a href="/mo-hinh/${pilot.number}#vuong-mac">${b.title}</a>
          <span class="muted">Mô hình số ${pilot.number} · ${authorityAndAge(b, now)}</span>
          ${holderLine(holderOf(b, letters, pilot.leadAgencies))}
        </li>`;
      }),
      more: { href: '/mo-hinh?blocked=true', text: 'Mô hình đang vướng mắc' },
    },
    {
      id: 'qua-han',
      title: 'Kiến nghị quá hạn trả lời',
      note: 'Kiến nghị về mô hình đơn vị chủ trì, hoặc do đơn vị gửi, mà cơ quan nhận chưa trả lời khi đã quá hạn.',
      count: overdue.length,
      tone: 'bad',
      none: 'Không có kiến nghị nào của đơn vị quá hạn trả lời.',
      items: overdue.map(overdueItem),
      more: code
        ? { href: `/kien-nghi?state=QUA_HAN&agency=${code}`, text: 'Kiến nghị quá hạn của đơn vị' }
        : undefined,
    },
  ];
}

function overdueItem(r: RecommendationView): Html {
  const late = r.addressees.filter((a) => a.overdue);
  const pilots = [...new Set(r.blockers.map((b) => b.pilotNumber).filter((n) => n !== null))];
  return html`<li data-letter="${r.id}">
    <a href="/kien-nghi/${r.id}">${r.documentNumber ?? 'Kiến nghị'}</a>
    ${levelBadge(r.activeEscalationLevel)}
    <span class="summary">${shortened(r.summary, SUMMARY_MAX)}</span>
    <span class="muted"
      >${late.map((a) => a.name).join('; ')} ·
      <strong class="overdue-text">quá hạn ${r.workingDaysOverdue} ngày làm việc</strong>${
        pilots.length ? ` · mô hình số ${pilots.join(', ')}` : ''
      }</span
    >
  </li>`;
}
