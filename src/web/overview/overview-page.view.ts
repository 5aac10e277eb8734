import { html, type Html } from '../../common/html.js';
import { previousPeriod } from '../../common/domain/periods.js';
import { PILOT_STATES } from '../../pilots/domain/pilot-state.js';
import { pilotStateBadge } from '../components/badges.js';
import { formMessage, select } from '../components/fields.js';
import { moment, period as periodLabel } from '../components/format.js';
import type { FormState } from '../components/forms.js';
import { stat } from '../components/stats.js';
import type { Schemas } from '../in-process-api.js';
import { OVERVIEW_LABELS as L, WORDS } from '../labels.js';
import { blockedCard } from './blocked-card.js';
import { changesCard } from './changes-card.js';
import { indicatorsCard } from './indicators-card.js';
import { missedMilestonesCard } from './missed-milestones-card.js';
import type { ChangesSince } from './changes.js';
import { missingCard } from './missing-card.js';
import { overdueCard } from './overdue-card.js';
import { trendCard } from './trend-card.js';

type OverviewView = Schemas['OverviewView'];

/** What the overview page shows; gathered from the API by the controller. */
export interface OverviewPageData {
  dashboard: Schemas['DashboardView'];
  overview: OverviewView;
  /** Open and escalated blockers (the ones the dashboard counts), in pilot order. */
  blockers: Schemas['BlockerView'][];
  /** Pilot names by number, for the pilots listed without their name by the overview. */
  pilotNames: Map<number, string>;
  /** The period the dashboard counts: the current one. */
  currentPeriod: string;
  /** The period form (`ky`), with the API's refusal beside the field when there is one. */
  form: FormState;
  /** The lead agencies of each pilot, by number. */
  leads: Map<number, Schemas['AgencyRef'][]>;
  /** Every letter: who holds each open blocker now. */
  letters: Schemas['RecommendationView'][];
  now: Date;
  /** What changed since the chosen day, and its form (`tu`). */
  changes: ChangesSince;
  changesForm: FormState;
  /** The active province-wide indicators with their values (history). */
  indicators: Schemas['IndicatorView'][];
}

const live = (s: Schemas['StateCountsView']) => s.OPERATING + s.COMPLETED;

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
        <h1>${L.heading}</h1>
        <p class="muted">
          <strong class="period">Tháng ${month}</strong>
          · Số liệu tính đến <time datetime="${overview.asOf}">${moment(overview.asOf)}</time>
        </p>
      </div>
      <div class="head-actions no-print">
        <form method="get" action="/tong-quan" class="period-form" aria-label="${L.choosePeriod}">
          ${select(d.form, {
            name: 'ky',
            label: L.showPeriod,
            options: periodOptions(overview, d.currentPeriod),
          })}
          <button type="submit">${WORDS.show}</button>
          ${past ? html`<a href="/tong-quan">${L.currentPeriod}</a>` : ''}
        </form>
        <button type="button" class="print-button no-print" data-print>${L.print}</button>
        <p class="report-downloads">
          ${L.monthlyReport}:
          <a href="/tong-quan/${overview.period}/bao-cao.docx" download
            >Word<span class="sr-only"> (.docx), tháng ${month}</span></a
          >
          ·
          <a href="/tong-quan/${overview.period}/bao-cao.xlsx" download
            >Excel<span class="sr-only"> (.xlsx), tháng ${month}</span></a
          >
        </p>
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
    <h2 class="sr-only">${L.keyFigures}</h2>
    <div class="stats overview-stats">
      ${stat('pilots-total', counts.total, L.pilotsTotal, '')}
      ${stat('pilots-live', counts.live, L.pilotsLive, 'ok')}
      ${stat('pilots-blocked', dashboard.blockedPilots.length, L.pilotsBlocked, dashboard.blockedPilots.length ? 'bad' : 'ok')}
      ${stat('open-blockers', dashboard.openBlockers.total, L.openBlockers, dashboard.openBlockers.total ? 'bad' : 'ok')}
      ${stat('overdue-recommendations', dashboard.overdueRecommendations.total, L.overdueLetters, dashboard.overdueRecommendations.total ? 'bad' : 'ok')}
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
      ${blockedCard(dashboard, d.blockers, { leads: d.leads, letters: d.letters, now: d.now })}
      ${missingCard(overview, d.pilotNames, month)}
    </div>
    ${changesCard(d.changes, d.changesForm, overview.period)}
    ${indicatorsCard(d.indicators, overview.period)} ${missedMilestonesCard(dashboard)}`;
}

/** Every month from the first period on record to the current one, newest first. */
function periodOptions(overview: OverviewView, current: string): [string, string][] {
  const first = [overview.trend[0]?.period, overview.period, current].filter(Boolean).sort()[0];
  const options: [string, string][] = [];
  for (let p = current; p >= first && options.length < 240; p = previousPeriod(p)) {
    options.push([p, `Tháng ${periodLabel(p)}${p === current ? L.current : ''}`]);
  }
  return options;
}
