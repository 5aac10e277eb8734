/**
 * How the province's reports word things: counts on two digits ("08 mô hình"), lists of pilot
 * numbers ("15 và 23"; "27, 28, 29, 30, 31"), dates as dd/mm/yyyy, and agencies by the short
 * form the running text uses (reportNameOf, in agencies/domain/report-name.ts).
 */

import { vnDate, wallClock } from '../../common/domain/local-time.js';

/** 8 → "08", 23 → "23", 120 → "120": counts as the report writes them. */
export function count2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Pilot numbers as report 442 lists them: one alone, two joined by "và", three or more by
 * commas only ("Mô hình 27, 28, 29, 30, 31").
 */
export function joinNumbers(numbers: readonly number[]): string {
  if (numbers.length === 2) return `${numbers[0]} và ${numbers[1]}`;
  return numbers.join(', ');
}

/** An instant as "08:00 ngày 15/01/2024" (Asia/Ho_Chi_Minh). */
export function formatInstant(iso: string): string {
  const local = wallClock(new Date(iso)).toISOString();
  return `${local.slice(11, 16)} ngày ${vnDate(local.slice(0, 10))}`;
}

/** Text without the control characters XML 1.0 cannot carry (they would corrupt the file). */
export function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}
