/**
 * What the monthly "BÁO CÁO" says besides the data: its number and date, its signer and "Nơi
 * nhận" (settings of the service, with a per-period override), and the narrative parts the
 * secretariat writes each period (report 442's sections that no table holds). Plain data, so a
 * document process receives it as it receives the report's source.
 */

/** The signer's block (Nghị định 30/2020, mục "quyền hạn, chức vụ, họ tên người ký"). */
export interface ReportSigner {
  /** Quyền hạn: "TM. TỔ CÔNG TÁC", "KT. TỔ TRƯỞNG"; empty when the head signs in person. */
  authority: string;
  /** Chức vụ: "TỔ TRƯỞNG", "TỔ PHÓ THƯỜNG TRỰC". */
  title: string;
  /** A second title under the signature, as 442 writes "CHỦ TỊCH UBND TỈNH"; may be empty. */
  subtitle: string;
  /** Họ tên: "Nguyễn Tấn Tuân"; empty leaves the line for the clerk. */
  name: string;
}

/**
 * The narrative sections, in the order the report prints them between its generated parts:
 * `results` is I.1–I.4 (before the generated I.5.1), `resultsMore` I.5.2 onwards, `assessment`
 * section II before the generated list of the pilots' blockers, `proposals` what section III
 * adds after the letters this report carries, `tasks` section IV.
 */
export const NARRATIVE_SECTIONS = [
  'results',
  'resultsMore',
  'assessment',
  'proposals',
  'tasks',
] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];

export const NARRATIVE_LABELS: Readonly<Record<NarrativeSection, string>> = {
  results: 'I. Kết quả các mặt công tác — mục 1 đến 4 (trước mục 5.1)',
  resultsMore: 'I. Kết quả các mặt công tác — từ mục 5.2 trở đi',
  assessment: 'II. Nhận xét, đánh giá (trước danh sách khó khăn của các mô hình)',
  proposals: 'III. Kiến nghị, đề xuất (sau các kiến nghị của báo cáo)',
  tasks: 'IV. Nhiệm vụ trọng tâm trong thời gian tới',
};

/**
 * A section's text: one paragraph a line; a line starting with "- " or "+ " is a bullet and is
 * printed as the report prints them (the mark kept, no first-line indent); a line such as "1. …"
 * or "4.2. …" is a heading of the section, printed bold. Blank lines are dropped.
 */
export type NarrativeText = Readonly<Record<NarrativeSection, string>>;

/** Everything the document needs beyond the data, with overrides and defaults already applied. */
export interface ReportText {
  /** "442/BC-TCTĐA06"; null: "Số:      /BC-TCTĐA06" for the clerk to fill. */
  reportNumber: string | null;
  /** Ký hiệu after the number left blank: "BC-TCTĐA06". */
  symbol: string;
  /** Địa danh before the date: "Khánh Hòa". */
  place: string;
  /** `YYYY-MM-DD`; null: "ngày … tháng MM năm YYYY" for the clerk. */
  reportDate: string | null;
  signer: ReportSigner;
  /** Nơi nhận, one line each, as printed after "- ". */
  distribution: string[];
  sections: NarrativeText;
}

/** The ký hiệu a monthly report carries after its number unless the settings say otherwise. */
export const REPORT_SYMBOL = 'BC-TCTĐA06';

/** The địa danh of the report's date unless the settings say otherwise. */
export const REPORT_PLACE = 'Khánh Hòa';

/** The defaults of signer and Nơi nhận when the settings hold none: report 442's. */
export const DEFAULT_SIGNER: ReportSigner = {
  authority: 'TM. TỔ CÔNG TÁC',
  title: 'TỔ TRƯỞNG',
  subtitle: 'CHỦ TỊCH UBND TỈNH',
  name: 'Nguyễn Tấn Tuân',
};

export const DEFAULT_DISTRIBUTION: readonly string[] = [
  'Văn phòng Chính phủ (báo cáo)',
  'Bộ Công an (báo cáo);',
  'TT. Tỉnh ủy (báo cáo);',
  'TT. HĐND tỉnh (báo cáo);',
  'Chủ tịch và các PCT UBND tỉnh;',
  'Các Thành viên Tổ Công tác Đề án 06 tỉnh;',
  'Văn phòng UBND tỉnh;',
  'Các sở, ban, ngành thuộc tỉnh;',
  'UBND các huyện, thị xã, thành phố;',
  'Lưu: VT, NL, NgM, các Phòng chuyên môn.',
];

/** A first period's sections: the headings of report 442, to be filled in. */
export const EMPTY_SECTIONS: NarrativeText = {
  results: [
    '1. Chỉ đạo, triển khai thực hiện',
    '2. Tuyên truyền thực hiện Đề án',
    '3. Về hoàn thiện thể chế',
    '4. Về Dịch vụ công (DVC)',
  ].join('\n'),
  resultsMore: [
    '5.2. Triển khai các giải pháp thanh toán không dùng tiền mặt',
    '6. Nhóm phục vụ phát triển công dân số',
    '7. Thu thập, rà soát, xác minh làm sạch dữ liệu CSDLQG, cơ sở dữ liệu (CSDL) chuyên ngành',
  ].join('\n'),
  assessment: ['1. Ưu điểm', '2. Tồn tại, hạn chế, khó khăn, vướng mắc'].join('\n'),
  proposals: '',
  tasks: '',
};

/** The longest a section may be (characters); a month's report is some pages, not a book. */
export const SECTION_MAX = 60_000;

/** A section's lines as the document prints them. */
export type NarrativeLine =
  | { kind: 'heading'; text: string }
  | { kind: 'bullet'; text: string }
  | { kind: 'paragraph'; text: string };

const HEADING = /^(\d+(\.\d+)*\.|[a-zđ]\))\s+\S/;

export function narrativeLines(text: string): NarrativeLine[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l): NarrativeLine => {
      if (/^[-+]\s/.test(l)) return { kind: 'bullet', text: l };
      if (HEADING.test(l) && l.length <= 200) return { kind: 'heading', text: l };
      return { kind: 'paragraph', text: l };
    });
}

/** The report's number as written after "Số:": "442/BC-TCTĐA06", or blanks for the clerk. */
export function numberLine(reportNumber: string | null, symbol = REPORT_SYMBOL): string {
  return `Số: ${reportNumber ?? `      /${symbol}`}`;
}

/**
 * "Khánh Hòa, ngày 20 tháng 12 năm 2023" — Nghị định 30: days below 10 and the months January
 * and February with a leading zero. Without a date, the period's month and year with the day
 * left for the clerk.
 */
export function placeAndDate(place: string, reportDate: string | null, period: string): string {
  if (!reportDate) {
    const [y, m] = period.split('-');
    return `${place}, ngày      tháng ${m} năm ${y}`;
  }
  const [y, m, d] = reportDate.split('-').map(Number);
  const day = d < 10 ? `0${d}` : String(d);
  const month = m < 3 ? `0${m}` : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}
