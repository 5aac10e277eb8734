import type { IndicatorKind } from './indicator-kind.js';

/** What formatting needs of a value. */
export interface IndicatorReading {
  kind: IndicatorKind;
  unit: string;
  value: number;
  denominator: number | null;
}

/** Vietnamese digits: "1.191.479", "72,9" (at most two decimals, none when whole). */
export function vnNumber(n: number): string {
  const fixed = Math.round(n * 100) / 100;
  const [whole, frac] = Math.abs(fixed).toString().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${fixed < 0 ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/** The rate of a part of a whole, one decimal: 460/475 → "96,8%". */
export function ratePercent(value: number, denominator: number): string {
  return `${vnNumber(Math.round((value / denominator) * 1000) / 10)}%`;
}

/**
 * A value as the report and the pages print it: "855 dịch vụ", "460/475 đơn vị (96,8%)",
 * "72,9%". A ratio without its whole reads as a count.
 */
export function formatIndicatorValue(r: IndicatorReading): string {
  const unit = r.unit ? ` ${r.unit}` : '';
  if (r.kind === 'PERCENT') return `${vnNumber(r.value)}%`;
  if (r.kind === 'RATIO' && r.denominator !== null && r.denominator > 0) {
    return `${vnNumber(r.value)}/${vnNumber(r.denominator)}${unit} (${ratePercent(r.value, r.denominator)})`;
  }
  return `${vnNumber(r.value)}${unit}`;
}

/** The figure a chart plots: a ratio's rate in percent, otherwise the value. */
export function chartedValue(r: Omit<IndicatorReading, 'unit'>): number {
  return r.kind === 'RATIO' && r.denominator ? (r.value / r.denominator) * 100 : r.value;
}
