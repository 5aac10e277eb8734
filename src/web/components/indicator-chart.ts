import { html, type Html } from '../../common/html.js';
import { nextPeriod } from '../../common/domain/periods.js';
import { chartedValue } from '../../indicators/domain/indicator-format.js';
import type { Schemas } from '../in-process-api.js';
import { period as periodLabel } from './format.js';

type Indicator = Schemas['IndicatorView'];
type Value = Schemas['IndicatorValueView'];

const WIDTH = 220;
const HEIGHT = 48;
const PAD = 4;
/** At most this many months on a line (five years); older ones are left out. */
const MONTHS_MAX = 60;

/** Every month from the first value's period to `last`, oldest first, at most MONTHS_MAX. */
function months(values: Value[], last: string): string[] {
  const first = values.map((v) => v.period).sort()[0];
  const out: string[] = [];
  for (let p = first; p <= last; p = nextPeriod(p)) out.push(p);
  return out.slice(-MONTHS_MAX);
}

/**
 * One indicator's values over the months as a small line drawn on the server (SVG, no script):
 * a ratio plotted as its rate, a month without a value a break in the line, each point titled
 * with its value as the report prints it.
 */
export function sparkline(indicator: Indicator, values: Value[], last: string): Html {
  const axis = months(values, last);
  const byPeriod = new Map(values.map((v) => [v.period, v]));
  const plotted = axis.map((p) => {
    const v = byPeriod.get(p);
    return v ? { v, y: chartedValue({ kind: indicator.kind, ...v }) } : null;
  });
  const ys = plotted.filter((p) => p !== null).map((p) => p.y);
  const [min, max] = [Math.min(...ys), Math.max(...ys)];
  const x = (i: number) =>
    axis.length === 1 ? WIDTH / 2 : PAD + (i * (WIDTH - 2 * PAD)) / (axis.length - 1);
  const y = (value: number) =>
    max === min ? HEIGHT / 2 : HEIGHT - PAD - ((value - min) * (HEIGHT - 2 * PAD)) / (max - min);
  // Runs of consecutive months with values, one polyline each.
  const runs: string[][] = [];
  plotted.forEach((p, i) => {
    if (!p) return;
    const point = `${x(i).toFixed(1)},${y(p.y).toFixed(1)}`;
    if (i > 0 && plotted[i - 1]) runs[runs.length - 1].push(point);
    else runs.push([point]);
  });
  return html`<svg
    class="sparkline"
    viewBox="0 0 ${WIDTH} ${HEIGHT}"
    width="${WIDTH}"
    height="${HEIGHT}"
    role="img"
    aria-label="${indicator.name}: ${values.length} kỳ có số liệu, từ ${periodLabel(axis[0])} đến ${periodLabel(axis[axis.length - 1])}"
  >
    ${runs
      .filter((r) => r.length > 1)
      .map((r) => html`<polyline points="${r.join(' ')}" fill="none" stroke="currentColor" />`)}
    ${plotted.map((p, i) =>
      p
        ? html`<circle cx="${x(i).toFixed(1)}" cy="${y(p.y).toFixed(1)}" r="2.5">
            <title>${periodLabel(p.v.period)}: ${p.v.display}</title>
          </circle>`
        : '',
    )}
  </svg>`;
}

export interface IndicatorChartCard {
  /** The section's classes after `card`. */
  className: string;
  /** The section's id, a link's target. */
  id?: string;
  title: string;
  /** The last period on the lines; later values are left out. */
  last: string;
  /** Said when none of the indicators has a value up to `last`. */
  empty: string;
  /** The table names each indicator's agency (the province-wide ones' owners differ). */
  agencyColumn: boolean;
  /** Under the chart, whether it has values or not. */
  footer?: Html;
}

/**
 * Indicators across the periods (issue 15, item 3), the overview's province-wide card and a
 * pilot page's card alike: per indicator with values up to `last`, its latest value as the
 * report prints it and its line over the months (sparkline), then the figures as a table.
 */
export function indicatorChartCard(indicators: Indicator[], card: IndicatorChartCard): Html {
  const shown = indicators
    .map((indicator) => ({
      indicator,
      values: (indicator.history ?? []).filter((v) => v.period <= card.last),
    }))
    .filter((s) => s.values.length > 0);
  return html`<section
    class="card ${card.className}"
    aria-labelledby="indicators-title"
    ${card.id ? html`id="${card.id}"` : ''}
  >
    <h2 id="indicators-title">${card.title}</h2>
    ${
      shown.length === 0
        ? html`<p class="muted">${card.empty}</p>`
        : html`<ul class="indicator-lines">
              ${shown.map(({ indicator, values }) => {
                const latest = values[0];
                return html`<li data-indicator="${indicator.code}">
                  <span class="indicator-name">${indicator.name}</span>
                  <strong class="indicator-value"
                    >${latest.display}<span class="muted">
                      (${periodLabel(latest.period)})</span
                    ></strong
                  >
                  ${sparkline(indicator, values, card.last)}
                </li>`;
              })}
            </ul>
            <details class="chart-table">
              <summary>Số liệu dạng bảng</summary>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Chỉ số</th>
                      ${card.agencyColumn ? html`<th scope="col">Đơn vị</th>` : ''}
                      <th scope="col">Kỳ</th>
                      <th scope="col" class="num">Giá trị</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${shown.flatMap(({ indicator, values }) =>
                      values.map(
                        (v) =>
                          html`<tr>
                            <th scope="row">${indicator.name}</th>
                            ${card.agencyColumn ? html`<td>${indicator.agencyName}</td>` : ''}
                            <td>${periodLabel(v.period)}</td>
                            <td class="num">${v.display}</td>
                          </tr>`,
                      ),
                    )}
                  </tbody>
                </table>
              </div>
            </details>`
    }
    ${card.footer ?? ''}
  </section>`;
}
