/**
 * How the province's reports word things: counts on two digits ("08 mô hình"), lists of pilot
 * numbers ("15 và 23"; "27, 28, 29, 30, 31"), dates as dd/mm/yyyy, and agencies by the short
 * form the running text uses ("Văn phòng UBND tỉnh", "Cục Cảnh sát QLHC về TTXH – Bộ Công an").
 */

import { wallClock } from '../../common/domain/local-time.js';

export const PROVINCE_NAME = 'Khánh Hòa';

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

/** `2023-10-09` → `09/10/2023`. */
export function formatDay(day: string): string {
  const [y, m, d] = day.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** An instant as "08:00 ngày 15/01/2024" (Asia/Ho_Chi_Minh). */
export function formatInstant(iso: string): string {
  const local = wallClock(new Date(iso)).toISOString();
  return `${local.slice(11, 16)} ngày ${formatDay(local.slice(0, 10))}`;
}

export interface AgencyNaming {
  code: string;
  name: string;
  shortName: string;
  kind: string;
  parentName: string | null;
}

/**
 * Wordings the rule below does not produce, by agency code. Empty for the reference data: the
 * rule gives exactly what report 442 writes. Add an entry when an agency is named otherwise.
 */
const REPORT_NAME_OVERRIDES: Readonly<Record<string, string>> = {};

const UBND = 'Ủy ban nhân dân';
const PROVINCE_SUFFIX = ` tỉnh ${PROVINCE_NAME}`;

/**
 * How the report's running text names an agency (section I.5.1 of report 442):
 * - a central department with a parent: its short name, an en dash and the parent's name
 *   ("Cục Cảnh sát QLHC về TTXH – Bộ Công an");
 * - a provincial department or board ("Sở …", "Ban …"): its name without "tỉnh Khánh Hòa"
 *   ("Sở Thông tin và Truyền thông");
 * - another provincial body: "tỉnh" kept, the province dropped, "Ủy ban nhân dân" shortened
 *   ("Văn phòng UBND tỉnh", "Công an tỉnh");
 * - anything else: its name.
 */
export function reportNameOf(agency: AgencyNaming): string {
  const override = REPORT_NAME_OVERRIDES[agency.code];
  if (override) return override;
  if (agency.parentName && agency.kind === 'CENTRAL_AGENCY') {
    return `${agency.shortName} – ${agency.parentName}`;
  }
  const name = agency.name.normalize('NFC').trim();
  if (!name.endsWith(PROVINCE_SUFFIX)) return name;
  const withoutProvince = name.slice(0, -PROVINCE_NAME.length - 1); // "… tỉnh"
  if (/^(Sở|Ban) /.test(name)) return name.slice(0, -PROVINCE_SUFFIX.length);
  return withoutProvince.replace(UBND, 'UBND');
}

/** Text without the control characters XML 1.0 cannot carry (they would corrupt the file). */
export function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}
