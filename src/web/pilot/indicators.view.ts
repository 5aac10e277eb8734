import { html, type Html } from '../../common/html.js';
import { indicatorChartCard } from '../components/indicator-chart.js';
import type { PilotPageData } from './pilot-page.js';

/**
 * The pilot's named figures over the periods (issue 15, item 3): each of its indicators with its
 * latest value as the report prints it and its line over the months (the overview's chart,
 * components/indicator-chart.ts), the figures as a table beside; where they are entered, for
 * whoever enters them. Nothing for a pilot without indicators.
 */
export function pilotIndicatorsCard(data: PilotPageData): Html {
  if (data.indicators.length === 0) return html``;
  return indicatorChartCard(data.indicators, {
    className: 'pilot-indicators',
    id: 'chi-so',
    title: 'Chỉ số của mô hình qua các kỳ',
    last: data.currentPeriod,
    empty: 'Các chỉ số của mô hình chưa có số liệu kỳ nào.',
    agencyColumn: false,
    footer: html`<p class="muted">
      Số liệu gửi kèm báo cáo tháng (dòng “mã chỉ số = số”) hoặc nhập tại
      <a href="/chi-so#mo-hinh-${data.pilot.number}">Số liệu chỉ số</a>.
    </p>`,
  });
}
