/** How the province's reports name an agency in their running text (report 442's usage). */

export const PROVINCE_NAME = 'Khánh Hòa';

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
