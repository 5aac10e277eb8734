import type { Html } from '../../common/html.js';
import { indicatorChartCard } from '../components/indicator-chart.js';
import { period as periodLabel } from '../components/format.js';
import type { Schemas } from '../in-process-api.js';

/**
 * The province-wide indicators across the periods (issue 15, item 3): per indicator its latest
 * value as the report prints it and a line of its values up to the period on screen, and the
 * figures as a table with each one's agency (the shared chart, components/indicator-chart.ts).
 */
export function indicatorsCard(indicators: Schemas['IndicatorView'][], period: string): Html {
  return indicatorChartCard(indicators, {
    className: 'overview-card indicators-card no-print',
    title: 'Chỉ số toàn tỉnh qua các kỳ',
    last: period,
    empty: `Chưa có số liệu chỉ số nào đến tháng ${periodLabel(period)}.`,
    agencyColumn: true,
  });
}
