import { html, type Html } from '../../common/html.js';
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
      note: L.notReported,
    });
    points.sort((a, b) => a.period.localeCompare(b.period));
  }
  return {
    title: L.chartTitle,
    labels: points.map((t) => `${periodLabel(t.period)}${t.note}`),
    periods: points.map((t) => t.period),
    datasets: PILOT_STATES.map((state) => ({
      state,
      label: PILOT_STATE_LABELS[state],
      data: points.map((t) => t.byState[state]),
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
        : `${data.labels.length} kỳ, từ ${data.labels[0]} đến ${data.labels[data.labels.length - 1]}`;
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
