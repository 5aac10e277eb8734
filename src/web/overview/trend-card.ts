import { html, type Html } from '../../common/html.js';
import { nextPeriod } from '../../common/domain/periods.js';
import { PILOT_STATES, type PilotState } from '../../pilots/domain/pilot-state.js';
import { period as periodLabel } from '../components/format.js';
import { jsonScript } from '../components/json-script.js';
import { empty } from '../components/tables.js';
import type { Schemas } from '../in-process-api.js';
import { OVERVIEW_LABELS as L, PILOT_STATE_LABELS } from '../labels.js';

type OverviewView = Schemas['OverviewView'];

/** The chart's data, read by overview.js from `<script type="application/json" id="overview-data">`. */
export interface ChartData {
  title: string;
  /** One label per month from the first period of the trend to the last, "MM/YYYY". */
  labels: string[];
  periods: string[];
  /** The months between two reported periods that have no figures (an empty column). */
  gaps: string[];
  /**
   * One dataset per pilot state; the colours come from the state badges (app.css). A month
   * without figures is null: no bar, a gap in its place.
   */
  datasets: { state: PilotState; label: string; data: (number | null)[] }[];
}

/** At most this many months on the axis (ten years); older ones are left out. */
const MONTHS_MAX = 120;

interface Point {
  period: string;
  byState: Schemas['StateCountsView'] | null;
  note: string;
}

/**
 * Every month from the first point to the last, in order: a month with no report between two
 * that have some is a point without figures, so the axis reads as time (12/2023 is not drawn
 * beside 12/2026 as if they were consecutive).
 */
export function consecutive(points: Point[]): Point[] {
  if (points.length === 0) return [];
  const byPeriod = new Map(points.map((p) => [p.period, p]));
  const last = points[points.length - 1].period;
  const out: Point[] = [];
  for (let p = points[0].period; p <= last; p = nextPeriod(p)) {
    out.push(byPeriod.get(p) ?? { period: p, byState: null, note: '' });
  }
  return out.slice(-MONTHS_MAX);
}

export function chartData(overview: OverviewView): ChartData {
  // The periods with reports, and the period on screen even before anyone has reported for it
  // (the current month, early on): its bar shows the states as they stand.
  const points: Point[] = overview.trend.map((t) => ({
    period: t.period,
    byState: t.byState,
    note: '',
  }));
  if (!points.some((p) => p.period === overview.period)) {
    points.push({
      period: overview.period,
      byState: overview.pilots.byState,
      note: L.notReported,
    });
    points.sort((a, b) => a.period.localeCompare(b.period));
  }
  const months = consecutive(points);
  return {
    title: L.chartTitle,
    labels: months.map((t) => `${periodLabel(t.period)}${t.note}`),
    periods: months.map((t) => t.period),
    gaps: months.filter((t) => t.byState === null).map((t) => t.period),
    datasets: PILOT_STATES.map((state) => ({
      state,
      label: PILOT_STATE_LABELS[state],
      data: months.map((t) => (t.byState ? t.byState[state] : null)),
    })),
  };
}

/** The pilots by state across the periods: a chart, and its figures as a table. */
export function trendCard(overview: OverviewView): Html {
  const data = chartData(overview);
  const range =
    data.labels.length === 0
      ? 'chưa có kỳ báo cáo nào'
      : data.labels.length === 1
        ? `kỳ ${data.labels[0]}`
        : `${data.labels.length} tháng, từ ${data.labels[0]} đến ${data.labels[data.labels.length - 1]}${
            data.gaps.length ? `, ${data.gaps.length} tháng không có số liệu` : ''
          }`;
  return html`<section class="card overview-card trend-card" aria-labelledby="trend-title">
    <h2 id="trend-title">${L.trendTitle}</h2>
    ${
      overview.trend.length === 0
        ? empty(L.noPeriods)
        : html`<div class="chart-box">
              <canvas
                id="state-chart"
                role="img"
                aria-label="Biểu đồ cột chồng: số mô hình theo trạng thái, ${range}. Số liệu chi tiết ở bảng bên dưới."
              ></canvas>
            </div>
            ${
              data.gaps.length
                ? html`<p class="note muted chart-gaps">
                    Cột trống: tháng không có báo cáo nào (${gapRanges(data.gaps)}).
                  </p>`
                : ''
            }
            ${jsonScript('overview-data', data)}
            <details class="chart-table">
              <summary>${L.dataAsTable}</summary>
              <div class="table-wrap">
                <table>
                  <caption class="sr-only">
                    ${data.title}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">${L.period}</th>
                      ${PILOT_STATES.map((s) => html`<th scope="col" class="num">${PILOT_STATE_LABELS[s]}</th>`)}
                      <th scope="col" class="num">${L.total}</th>
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

/** Runs of consecutive months as "01/2024–11/2026", "03/2025". */
function gapRanges(gaps: string[]): string {
  const runs: [string, string][] = [];
  for (const p of gaps) {
    const run = runs[runs.length - 1];
    if (run && nextPeriod(run[1]) === p) run[1] = p;
    else runs.push([p, p]);
  }
  return runs
    .map(([a, b]) => (a === b ? periodLabel(a) : `${periodLabel(a)}–${periodLabel(b)}`))
    .join(', ');
}
