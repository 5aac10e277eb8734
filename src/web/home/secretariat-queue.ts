import { html, type Html } from '../../common/html.js';
import { currentPeriod } from '../../common/domain/periods.js';
import { levelBadge } from '../components/badges.js';
import { day, moment, period as periodLabel, shortened } from '../components/format.js';
import { read, readAll, type Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';
import { SUMMARY_MAX, type QueueSection } from './home.view.js';

type RecommendationView = Schemas['RecommendationView'];
type AddresseeView = Schemas['AddresseeView'];

/** "Due soon": an answer due within this many days from now. */
export const DUE_SOON_DAYS = 7;
/** An answer an addressee recorded through its link stays "to read" this long. */
export const NEW_ANSWER_DAYS = 14;
/** The unlocked periods looked at for missing reports, newest first. */
const PERIODS_MAX = 6;

const DAY = 86_400_000;
const OWES = new Set(['AWAITING', 'ACKNOWLEDGED']);

interface LetterDue {
  letter: RecommendationView;
  addressees: AddresseeView[];
}

interface PeriodMissing {
  period: string;
  missing: number;
  agencies: { code: string; shortName: string; count: number }[];
}

/**
 * What waits for the secretariat, read through the API as the secretariat: letters overdue and
 * due soon, answers to read (a letter fully answered, to close or reopen; an answer an addressee
 * sent through its link), officers' requests for letters and CENTRAL blockers with no letter, and
 * the unlocked periods still missing reports.
 */
export async function secretariatQueue(web: WebContext, now: Date): Promise<QueueSection[]> {
  const current = currentPeriod(now);
  const [letters, queue, periods] = await Promise.all([
    readAll((page) =>
      web.api.GET('/api/v1/recommendations', { params: { query: { sort: 'urgency', ...page } } }),
    ),
    read(web.api.GET('/api/v1/letter-requests/queue')),
    read(web.api.GET('/api/v1/periods')),
  ]);
  const open = [
    ...new Set([
      ...periods.filter((p) => !p.locked && p.period <= current).map((p) => p.period),
      ...(periods.some((p) => p.period === current && p.locked) ? [] : [current]),
    ]),
  ]
    .sort()
    .reverse()
    .slice(0, PERIODS_MAX);
  const overviews = await Promise.all(
    open.map((p) =>
      read(web.api.GET('/api/v1/reports/overview', { params: { query: { period: p } } })),
    ),
  );

  const overdue: LetterDue[] = [];
  const dueSoon: LetterDue[] = [];
  const soon = now.getTime() + DUE_SOON_DAYS * DAY;
  for (const letter of letters.filter((r) => r.state === 'SENT')) {
    const owing = letter.addressees.filter((a) => OWES.has(a.status));
    const late = owing.filter((a) => a.overdue);
    const near = owing.filter(
      (a) => !a.overdue && a.dueAt !== null && new Date(a.dueAt).getTime() <= soon,
    );
    if (late.length) overdue.push({ letter, addressees: late });
    else if (near.length) dueSoon.push({ letter, addressees: near });
  }
  dueSoon.sort((a, b) => firstDue(a).localeCompare(firstDue(b)));

  const since = now.getTime() - NEW_ANSWER_DAYS * DAY;
  const answers = letters.filter(
    (r) =>
      r.state === 'ANSWERED' ||
      (r.state === 'SENT' &&
        r.responses.some(
          (x) => x.channel === 'ADDRESSEE_LINK' && new Date(x.recordedAt).getTime() >= since,
        )),
  );

  const missing: PeriodMissing[] = overviews
    .map((o) => ({
      period: o.period,
      missing: o.pilots.reportsMissing,
      agencies: o.leadAgencies
        .filter((a) => a.reportsMissing > 0)
        .map((a) => ({ code: a.code, shortName: a.shortName, count: a.reportsMissing })),
    }))
    .filter((p) => p.missing > 0);

  return [
    {
      id: 'qua-han',
      title: 'Kiến nghị quá hạn trả lời',
      count: overdue.length,
      tone: 'bad',
      none: 'Không có kiến nghị nào quá hạn trả lời.',
      items: overdue.map(letterDueItem),
      more: { href: '/kien-nghi?state=QUA_HAN', text: 'Danh sách kiến nghị quá hạn' },
    },
    {
      id: 'sap-den-han',
      title: `Kiến nghị đến hạn trả lời trong ${DUE_SOON_DAYS} ngày`,
      count: dueSoon.length,
      tone: 'warn',
      none: `Không có kiến nghị nào đến hạn trả lời trong ${DUE_SOON_DAYS} ngày tới.`,
      items: dueSoon.map(letterDueItem),
      more: { href: '/kien-nghi?state=SENT', text: 'Kiến nghị đang chờ trả lời' },
    },
    {
      id: 'tra-loi',
      title: 'Văn bản trả lời cần xem',
      note: `Kiến nghị đã được trả lời đủ (đóng, hoặc mở lại nếu trả lời chưa đáp ứng), và trả lời cơ quan nhận gửi qua đường dẫn trong ${NEW_ANSWER_DAYS} ngày qua.`,
      count: answers.length,
      tone: 'warn',
      none: 'Không có văn bản trả lời nào chờ xem.',
      items: answers.map(answerItem),
      more: { href: '/kien-nghi?state=ANSWERED', text: 'Kiến nghị đã được trả lời' },
    },
    {
      id: 'de-nghi',
      title: 'Đề nghị gửi kiến nghị',
      note: 'Đề nghị của các đơn vị, và vướng mắc thẩm quyền Trung ương chưa có kiến nghị gửi đi.',
      count: queue.requests.length + queue.uncoveredBlockers.length,
      tone: 'warn',
      none: 'Không có đề nghị nào đang chờ.',
      items: [
        ...queue.requests.map(
          (r) =>
            html`<li data-request="${r.id}">
              <a href="/kien-nghi/de-nghi#de-nghi">${r.blocker.title}</a>
              <span class="muted"
                >${r.requestingAgency?.name ?? ''} đề nghị kiến nghị ${r.addressee.name} ·
                ${r.pilot ? `mô hình số ${r.pilot.number} · ` : ''}${r.ageDays} ngày</span
              >
            </li>`,
        ),
        ...queue.uncoveredBlockers.map(
          (u) =>
            html`<li data-uncovered-blocker="${u.blocker.id}">
              <a href="/kien-nghi/de-nghi#vuong-mac-chua-kien-nghi">${u.blocker.title}</a>
              <span class="muted"
                >Chưa có kiến nghị đã gửi ·
                ${u.pilot ? `mô hình số ${u.pilot.number} · ` : 'vướng mắc chung · '}${u.ageDays}
                ngày</span
              >
            </li>`,
        ),
      ],
      more: { href: '/kien-nghi/de-nghi', text: 'Hàng chờ đề nghị kiến nghị' },
    },
    {
      id: 'bao-cao-thieu',
      title: 'Kỳ chưa chốt còn thiếu báo cáo',
      count: missing.length,
      tone: 'warn',
      none: 'Các kỳ chưa chốt đều đã đủ báo cáo.',
      items: missing.map(
        (p) =>
          html`<li data-period="${p.period}">
            <a href="/tong-quan?ky=${p.period}#missing-title"
              >Tháng ${periodLabel(p.period)}${p.period === current ? ' (kỳ hiện tại)' : ''}:
              <strong>${p.missing}</strong> báo cáo còn thiếu</a
            >
            <span class="muted"
              >${p.agencies.map((a) => `${a.shortName} ${a.count}`).join(' · ')}</span
            >
          </li>`,
      ),
      more: { href: '/cai-dat/ky-bao-cao', text: 'Kỳ báo cáo và chốt số liệu' },
    },
  ];
}

function firstDue(d: LetterDue): string {
  return d.addressees.map((a) => a.dueAt ?? '').sort()[0] ?? '';
}

function letterDueItem(d: LetterDue): Html {
  const r = d.letter;
  const late = Math.max(0, ...d.addressees.map((a) => a.workingDaysOverdue));
  return html`<li data-letter="${r.id}">
    <a href="/kien-nghi/${r.id}">${r.documentNumber ?? 'Kiến nghị'}</a>
    ${r.activeEscalationLevel ? levelBadge(r.activeEscalationLevel) : ''}
    <span class="summary">${shortened(r.summary, SUMMARY_MAX)}</span>
    <span class="muted"
      >${d.addressees.map((a) => a.name).join('; ')} ·
      ${
        late
          ? html`<strong class="overdue-text">quá hạn ${late} ngày làm việc</strong>`
          : html`hạn ${day(firstDue(d))}`
      }</span
    >
  </li>`;
}

function answerItem(r: RecommendationView): Html {
  const latest = [...r.responses].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt))[0];
  return html`<li data-letter="${r.id}">
    <a href="/kien-nghi/${r.id}">${r.documentNumber ?? 'Kiến nghị'}</a>
    <span class="summary">${shortened(r.summary, SUMMARY_MAX)}</span>
    <span class="muted"
      >${r.state === 'ANSWERED' ? 'Đã trả lời đủ, chờ đóng hoặc mở lại' : 'Có trả lời mới'}${
        latest
          ? ` · ${latest.answeredBy?.name ?? ''} ${latest.documentNumber}, ghi nhận ${moment(latest.recordedAt)}`
          : ''
      }</span
    >
  </li>`;
}
