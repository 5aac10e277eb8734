import { previousPeriod } from '../common/domain/periods.js';
import { PILOT_STATES, type PilotState } from '../pilots/domain/pilot-state.js';
import { Html, html } from '../common/html.js';
import { levelBadge, pilotStateBadge } from './components/badges.js';
import { formMessage, select } from './components/fields.js';
import { moment, period as periodLabel } from './components/format.js';
import type { FormState } from './components/forms.js';
import { empty } from './components/tables.js';
import { BLOCKER_STATE_LABELS, PILOT_STATE_LABELS } from './labels.js';
import type { Schemas } from './in-process-api.js';

type BlockerView = Schemas['BlockerView'];
type DashboardView = Schemas['DashboardView'];
type OverviewView = Schemas['OverviewView'];
type AddresseeOverview = Schemas['AddresseeOverview'];
type LeadAgencyOverview = Schemas['LeadAgencyOverview'];
type StateCounts = Schemas['StateCountsView'];

/** What the overview page shows; gathered from the API by the controller. */
export interface OverviewPageData {
  dashboard: DashboardView;
  overview: OverviewView;
  /** Open and escalated blockers (the ones the dashboard counts), in pilot order. */
  blockers: BlockerView[];
  /** Pilot names by number, for the pilots listed without their name by the overview. */
  pilotNames: Map<number, string>;
  /** The period the dashboard counts: the current one. */
  currentPeriod: string;
  /** The period form (`ky`), with the API's refusal beside the field when there is one. */
  form: FormState;
}

/** The chart's data, read by overview.js from `<script type="application/json" id="overview-data">`. */
export interface ChartData {
  title: string;
  /** One label per period of the trend, "MM/YYYY". */
  labels: string[];
  periods: string[];
  /** One dataset per pilot state; the colours come from the state badges (app.css). */
  datasets: { state: PilotState; label: string; data: number[] }[];
}

export function chartData(overview: OverviewView): ChartData {
  // The periods with reports, and the period on screen even before anyone has reported for it
  // (the current month, early on): its bar shows the states as they stand.
  const points = overview.trend.map((t) => ({ period: t.period, byState: t.byState, note: '' }));
  if (!points.some((p) => p.period === overview.period)) {
    points.push({
      period: overview.period,
      byState: overview.pilots.byState,
      note: ' (chưa báo cáo)',
    });
    points.sort((a, b) => a.period.localeCompare(b.period));
  }
  return {
    title: 'Số mô hình theo trạng thái qua các kỳ báo cáo',
    labels: points.map((t) => `${periodLabel(t.period)}${t.note}`),
    periods: points.map((t) => t.period),
    datasets: PILOT_STATES.map((state) => ({
      state,
      label: PILOT_STATE_LABELS[state],
      data: points.map((t) => t.byState[state]),
    })),
  };
}

/** JSON inside a `<script>` element: nothing in it may close the element. */
function jsonScript(id: string, value: unknown): Html {
  const json = JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
  return new Html(`<script type="application/json" id="${id}">${json}</script>`);
}

const live = (s: StateCounts) => s.OPERATING + s.COMPLETED;

export function overviewBody(d: OverviewPageData): Html {
  const { dashboard, overview } = d;
  const past = overview.period !== d.currentPeriod;
  // The current period is counted as the dashboard counts it; a past one as the overview rebuilt it.
  const byState = past ? overview.pilots.byState : dashboard.pilotsByState;
  const counts = {
    total: past ? overview.pilots.total : PILOT_STATES.reduce((n, s) => n + byState[s], 0),
    live: live(byState),
    withoutReport: past ? overview.pilots.reportsMissing : dashboard.pilotsWithoutReport.length,
  };
  const month = periodLabel(overview.period);
  return html`<div class="page-head overview-head">
      <div>
        <h1>Tổng quan tình hình thí điểm</h1>
        <p class="muted">
          <strong class="period">Tháng ${month}</strong>
          · Số liệu tính đến <time datetime="${overview.asOf}">${moment(overview.asOf)}</time>
        </p>
      </div>
      <div class="head-actions no-print">
        <form method="get" action="/tong-quan" class="period-form" aria-label="Chọn kỳ báo cáo">
          ${select(d.form, {
            name: 'ky',
            label: 'Xem kỳ',
            options: periodOptions(overview, d.currentPeriod),
          })}
          <button type="submit">Xem</button>
          ${past ? html`<a href="/tong-quan">Kỳ hiện tại</a>` : ''}
        </form>
        <button type="button" class="print-button no-print" data-print>In trang</button>
      </div>
    </div>
    ${formMessage(d.form)}
    ${
      past
        ? html`<div class="alert info" role="status">
            Đang xem kỳ tháng ${month}: trạng thái mô hình và báo cáo còn thiếu tính đến cuối kỳ;
            vướng mắc và kiến nghị quá hạn là số liệu hiện tại.
          </div>`
        : ''
    }
    <h2 class="visually-hidden">Số liệu chính</h2>
    <div class="stats overview-stats">
      ${stat('pilots-total', counts.total, 'Mô hình thí điểm', '')}
      ${stat('pilots-live', counts.live, 'Đang vận hành hoặc hoàn thành', 'ok')}
      ${stat('pilots-blocked', dashboard.blockedPilots.length, 'Mô hình đang vướng mắc', dashboard.blockedPilots.length ? 'bad' : 'ok')}
      ${stat('open-blockers', dashboard.openBlockers.total, 'Vướng mắc chưa giải quyết', dashboard.openBlockers.total ? 'bad' : 'ok')}
      ${stat('overdue-recommendations', dashboard.overdueRecommendations.total, 'Kiến nghị quá hạn trả lời', dashboard.overdueRecommendations.total ? 'bad' : 'ok')}
      ${stat('pilots-without-report', counts.withoutReport, `Mô hình chưa báo cáo tháng ${month}`, counts.withoutReport ? 'warn' : 'ok')}
    </div>
    <ul class="state-strip" aria-label="Số mô hình theo trạng thái, tháng ${month}">
      ${PILOT_STATES.map(
        (s) =>
          html`<li data-state="${s}">${pilotStateBadge(s)} <strong>${byState[s]}</strong></li>`,
      )}
    </ul>
    <div class="overview-grid">
      <div class="overview-column">${trendCard(overview)} ${overdueCard(overview)}</div>
      ${blockedCard(dashboard, d.blockers)} ${missingCard(overview, d.pilotNames, month)}
    </div>`;
}

/** Every month from the first period on record to the current one, newest first. */
function periodOptions(overview: OverviewView, current: string): [string, string][] {
  const first = [overview.trend[0]?.period, overview.period, current].filter(Boolean).sort()[0];
  const options: [string, string][] = [];
  for (let p = current; p >= first && options.length < 240; p = previousPeriod(p)) {
    options.push([p, `Tháng ${periodLabel(p)}${p === current ? ' (hiện tại)' : ''}`]);
  }
  return options;
}

function stat(key: string, value: number, label: string, tone: string): Html {
  return html`<div class="stat${tone ? ` ${tone}` : ''}" data-count="${key}">
    <span class="value">${value}</span>
    <span class="label">${label}</span>
  </div>`;
}

function trendCard(overview: OverviewView): Html {
  const data = chartData(overview);
  const range =
    data.labels.length === 0
      ? 'chưa có kỳ báo cáo nào'
      : data.labels.length === 1
        ? `kỳ ${data.labels[0]}`
        : `${data.labels.length} kỳ, từ ${data.labels[0]} đến ${data.labels[data.labels.length - 1]}`;
  return html`<section class="card overview-card trend-card" aria-labelledby="trend-title">
    <h2 id="trend-title">Mô hình theo trạng thái qua các kỳ</h2>
    ${
      overview.trend.length === 0
        ? empty('Chưa có kỳ báo cáo nào.')
        : html`<div class="chart-box">
              <canvas
                id="state-chart"
                role="img"
                aria-label="Biểu đồ cột chồng: số mô hình theo trạng thái, ${range}. Số liệu chi tiết ở bảng bên dưới."
              ></canvas>
            </div>
            ${jsonScript('overview-data', data)}
            <details class="chart-table">
              <summary>Xem số liệu dạng bảng</summary>
              <div class="table-wrap">
                <table>
                  <caption class="visually-hidden">
                    ${data.title}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Kỳ</th>
                      ${PILOT_STATES.map((s) => html`<th scope="col" class="num">${PILOT_STATE_LABELS[s]}</th>`)}
                      <th scope="col" class="num">Tổng</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${overview.trend.map(
                      (t) =>
                        html`<tr>
                          <th scope="row">${periodLabel(t.period)}</th>
                          ${PILOT_STATES.map((s) => html`<td class="num">${t.byState[s]}</td>`)}
                          <td class="num">${t.total}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
            </details>`
    }
  </section>`;
}

function blockedCard(dashboard: DashboardView, blockers: BlockerView[]): Html {
  const byPilot = new Map<number, BlockerView[]>();
  const general: BlockerView[] = [];
  for (const b of blockers) {
    if (b.pilotNumber === null) general.push(b);
    else byPilot.set(b.pilotNumber, [...(byPilot.get(b.pilotNumber) ?? []), b]);
  }
  const item = (b: BlockerView) =>
    html`<li data-blocker="${b.id}">
      <span class="blocker-title">${b.title}</span>
      ${
        b.state === 'ESCALATED'
          ? html`<span class="badge blocker-escalated" title="${BLOCKER_STATE_LABELS.ESCALATED}"
              >Đã kiến nghị TW</span
            >`
          : ''
      }
    </li>`;
  return html`<section class="card overview-card blocked-card" aria-labelledby="blocked-title">
    <h2 id="blocked-title">Mô hình đang vướng mắc</h2>
    ${
      dashboard.blockedPilots.length === 0
        ? empty('Không có mô hình nào đang vướng mắc.')
        : html`<ul class="blocked-list">
            ${dashboard.blockedPilots.map(
              (p) =>
                html`<li data-pilot="${p.number}">
                  <a href="/mo-hinh/${p.number}" class="pilot-link" title="${p.name}"
                    ><span class="pilot-number">${p.number}</span> ${p.name}</a
                  >
                  <ul class="blockers">
                    ${(byPilot.get(p.number) ?? []).map(item)}
                  </ul>
                </li>`,
            )}
          </ul>`
    }
    ${
      general.length
        ? html`<h3>Vướng mắc chung, không gắn với một mô hình</h3>
            <ul class="blockers general">
              ${general.map(item)}
            </ul>`
        : ''
    }
  </section>`;
}

function overdueCard(overview: OverviewView): Html {
  const rows = overview.addressees
    .filter((a) => a.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, 'vi'));
  const longest = (a: AddresseeOverview) =>
    Math.max(0, ...a.overdueLetters.map((l) => l.workingDaysOverdue));
  const level = (a: AddresseeOverview) =>
    Math.max(0, ...a.overdueLetters.map((l) => l.escalationLevel));
  return html`<section class="card overview-card overdue-card" aria-labelledby="overdue-title">
    <h2 id="overdue-title">Kiến nghị quá hạn theo cơ quan nhận</h2>
    ${
      rows.length === 0
        ? empty('Không có kiến nghị nào quá hạn trả lời.')
        : html`<div class="table-wrap">
              <table class="compact">
                <thead>
                  <tr>
                    <th scope="col">Cơ quan nhận</th>
                    <th scope="col" class="num">Quá hạn</th>
                    <th scope="col" class="num">Lâu nhất</th>
                    <th scope="col">Mức</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (a) =>
                      html`<tr data-addressee="${a.code}">
                        <th scope="row">
                          <a
                            href="/kien-nghi?addressee=${a.code}&amp;state=QUA_HAN"
                            title="${a.name}"
                            >${a.shortName || a.name}</a
                          >
                        </th>
                        <td class="num">${a.overdue}</td>
                        <td class="num">${longest(a)} ngày LV</td>
                        <td>${levelBadge(level(a))}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            <p class="note muted">
              “Lâu nhất”: số ngày làm việc quá hạn của kiến nghị chờ lâu nhất. Một kiến nghị gửi
              nhiều cơ quan được tính ở mỗi cơ quan. <a href="/kien-nghi">Xem tất cả kiến nghị</a>
            </p>`
    }
  </section>`;
}

function missingCard(overview: OverviewView, names: Map<number, string>, month: string): Html {
  const rows: LeadAgencyOverview[] = overview.leadAgencies
    .filter((a) => a.reportsMissing > 0)
    .sort((a, b) => b.reportsMissing - a.reportsMissing || a.name.localeCompare(b.name, 'vi'));
  return html`<section class="card overview-card missing-card" aria-labelledby="missing-title">
    <h2 id="missing-title">Đơn vị chưa báo cáo tháng ${month}</h2>
    ${
      rows.length === 0
        ? empty(`Mọi mô hình đang triển khai đã có báo cáo tháng ${month}.`)
        : html`<div class="table-wrap">
              <table class="compact">
                <thead>
                  <tr>
                    <th scope="col">Đơn vị chủ trì</th>
                    <th scope="col" class="num">Còn thiếu</th>
                    <th scope="col">Mô hình số</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (a) =>
                      html`<tr data-agency="${a.code}">
                        <th scope="row"><span title="${a.name}">${a.shortName || a.name}</span></th>
                        <td class="num">${a.reportsMissing}/${a.total}</td>
                        <td class="pilot-numbers">
                          ${a.pilotsWithoutReport.map(
                            (n) =>
                              html`<a href="/mo-hinh/${n}" title="${names.get(n) ?? `Mô hình ${n}`}"
                                >${n}</a
                              > `,
                          )}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            <p class="note muted">
              Tính theo đơn vị chủ trì chính; chỉ mô hình chưa hoàn thành, không tạm dừng.
            </p>`
    }
  </section>`;
}
