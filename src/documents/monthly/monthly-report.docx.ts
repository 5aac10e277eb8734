import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Document,
  FootnoteReferenceRun,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { localDay, vnDate } from '../../common/domain/local-time.js';
import {
  DEFAULT_DISTRIBUTION,
  DEFAULT_SIGNER,
  EMPTY_SECTIONS,
  numberLine,
  placeAndDate,
  REPORT_PLACE,
  REPORT_SYMBOL,
  type ReportText,
} from '../../periods/report-text.js';
import { printTable, unbroken, type CellSpec, type ColumnSpec } from './docx-tables.js';
import {
  reportBody,
  subjectLines,
  type Block,
  type CentralBlocker,
} from './monthly-report.body.js';
import { WORKING_GROUP } from './monthly-report.builder.js';
import type { AddresseeRow, MonthlyReportModel } from './monthly-report.model.js';
import { xmlSafe } from './wording.js';
import { anchored, splitNotes } from './footnotes.js';
import { XmlRows } from './table-xml.js';
import { readZipEntry, replaceZipEntry } from './zip-entry.js';
import { stampZip } from './zip-stamp.js';

/*
 * The monthly report as a Word document in the administrative format of Nghị định
 * 30/2020/NĐ-CP (product.md §8): A4, Times New Roman, body 14 pt justified with a 1.27 cm
 * first-line indent and 6 pt after each paragraph, margins 20/15/20/30 mm, page numbers centred
 * at the top from page 2; the appendices in landscape sections of their own, each numbering its
 * pages from 1, their tables' header rows repeated on every page.
 */

export const DOCX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const PARENT_BODY = 'UBND TỈNH KHÁNH HÒA';
const ISSUING_BODY = 'TỔ CÔNG TÁC ĐỀ ÁN 06';
const FONT = 'Times New Roman';
const BODY_SIZE = 28; // half-points: 14 pt
/** Phụ lục I's table: 13 pt; Phụ lục II's, six columns with long letter numbers, 12 pt. */
const TABLE_POINTS = 13;
const LETTERS_POINTS = 12;
/** Millimetres in twentieths of a point. */
const mm = (n: number) => Math.round((n * 1440) / 25.4);
const A4 = { width: 11906, height: 16838 };
const MARGIN = {
  top: mm(20),
  bottom: mm(20),
  left: mm(30),
  right: mm(15),
  header: mm(10),
  footer: mm(10),
};
/** Room for text between the margins of a portrait and of a landscape page. */
const PORTRAIT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const LANDSCAPE_WIDTH = A4.height - MARGIN.left - MARGIN.right;

const STYLES = {
  default: {
    document: {
      run: { font: FONT, size: BODY_SIZE },
      paragraph: { spacing: { after: 0, line: 240 } },
    },
  },
  paragraphStyles: [
    {
      id: 'Body',
      name: 'Body',
      basedOn: 'Normal',
      paragraph: {
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: mm(12.7) },
        spacing: { after: 120, line: 288 },
      },
    },
  ],
};

/** A footnote's mark, its text at the foot of the page (12 pt, justified). */
function footnoteMark(text: string): FootnoteReferenceRun {
  return new FootnoteReferenceRun({
    children: [
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        spacing: { after: 0, line: 240 },
        children: [new TextRun({ text: xmlSafe(text), size: 24 })],
      }),
    ],
  });
}

/** The body's paragraphs: justified, first-line indent, 6 pt after (Nghị định 30). */
function bodyBlock(block: Block, index: number, all: readonly Block[]): Paragraph {
  // A heading stays with what it heads; the closing paragraph with the signature below it.
  const last = index === all.length - 1;
  return new Paragraph({
    style: 'Body',
    keepNext: block.kind === 'heading' || last,
    keepLines: last,
    children: block.runs.map((r) =>
      r.note
        ? footnoteMark(r.note.text)
        : new TextRun({
            // A letter's number ("01/2023/TT-VPCP") never ends a line at its hyphen, as in tables.
            children: unbroken(xmlSafe(r.text)),
            italics: r.italics,
            bold: block.kind === 'heading' || r.bold,
          }),
    ),
  });
}

interface LineStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  /** A short rule under the line: its length in twips, centred. */
  rule?: number;
  /** The column's width, to centre the rule in it. */
  width?: number;
  after?: number;
}

/** A centred line of the header or the signature block, with its short rule if it has one. */
function line(text: string, o: LineStyle = {}): Paragraph[] {
  const paragraph = new Paragraph({
    alignment: AlignmentType.CENTER,
    // 1.15 lines: stacked marks (TỔ, TỈNH) clear the line above, as in Word (see docx-tables).
    spacing: { after: o.rule ? 0 : (o.after ?? 0), line: 276 },
    indent: { firstLine: 0 },
    children: [
      new TextRun({ text: xmlSafe(text), bold: o.bold, italics: o.italics, size: o.size }),
    ],
  });
  if (!o.rule || !o.width) return [paragraph];
  // The rule: an empty paragraph of 2 pt whose bottom border spans `rule` twips, centred.
  const inset = Math.max(0, Math.floor((o.width - o.rule) / 2));
  return [
    paragraph,
    new Paragraph({
      spacing: { after: o.after ?? 0, line: 40, lineRule: LineRuleType.EXACT },
      indent: { firstLine: 0, left: inset, right: inset },
      border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
      children: [new TextRun({ text: '', size: 4 })],
    }),
  ];
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};

/** A borderless two-column table (the header block, the Nơi nhận and signature block). */
function twoColumns(widths: [number, number], left: Paragraph[], right: Paragraph[]): Table {
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    columnWidths: widths,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [left, right].map(
          (children, i) =>
            new TableCell({
              width: { size: widths[i], type: WidthType.DXA },
              borders: NO_BORDERS,
              margins: { left: 0, right: 0 },
              children,
            }),
        ),
      }),
    ],
  });
}

const HEADER_WIDTHS: [number, number] = [3700, PORTRAIT_WIDTH - 3700];

/** Cơ quan ban hành, số/ký hiệu | quốc hiệu, tiêu ngữ, địa danh và ngày (Nghị định 30, Phụ lục I). */
function documentHeader(model: MonthlyReportModel, text: ReportText): Table {
  const [left, right] = HEADER_WIDTHS;
  return twoColumns(
    HEADER_WIDTHS,
    [
      ...line(PARENT_BODY, { size: 26 }),
      ...line(ISSUING_BODY, { size: 26, bold: true, rule: 1100, width: left, after: 160 }),
      ...line(numberLine(text.reportNumber, text.symbol), { size: 26 }),
    ],
    [
      ...line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 24, bold: true }),
      ...line('Độc lập - Tự do - Hạnh phúc', {
        size: 26,
        bold: true,
        rule: 3200,
        width: right,
        after: 160,
      }),
      ...line(placeAndDate(text.place, text.reportDate, model.period), {
        size: 26,
        italics: true,
      }),
    ],
  );
}

/** Nơi nhận (left) and the signer's block (right), closing the report. */
function signature(text: ReportText): Table {
  const s = text.signer;
  const recipients = [
    new Paragraph({
      spacing: { after: 0 },
      children: [new TextRun({ text: 'Nơi nhận:', bold: true, italics: true, size: 24 })],
    }),
    ...text.distribution.map(
      (d) =>
        new Paragraph({
          spacing: { after: 0, line: 240 },
          children: [new TextRun({ text: xmlSafe(`- ${d}`), size: 22 })],
        }),
    ),
  ];
  const signer = [
    ...(s.authority ? line(s.authority, { bold: true }) : []),
    ...(s.title ? line(s.title, { bold: true }) : []),
    // Room for the signature and the seal.
    ...[0, 1, 2, 3].flatMap(() => line('')),
    ...(s.subtitle ? line(s.subtitle, { bold: true }) : []),
    ...line(s.name, { bold: true }),
  ];
  return twoColumns([4400, PORTRAIT_WIDTH - 4400], recipients, signer);
}

function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], size: 26 })],
      }),
    ],
  });
}

const portrait = { size: { ...A4, orientation: PageOrientation.PORTRAIT }, margin: MARGIN };
/** An appendix: landscape, its own page numbers from 1, the number from its second page. */
const appendixPage = {
  size: { ...A4, orientation: PageOrientation.LANDSCAPE },
  margin: MARGIN,
  pageNumbers: { start: 1 },
};

/** An appendix's heading: "PHỤ LỤC I", its name, the "Kèm theo" line in italics. */
function appendixHeading(title: string, name: string, attachedTo: string): Paragraph[] {
  return [
    ...line(title, { bold: true }),
    ...line(name, { bold: true }),
    ...line(attachedTo, { italics: true, after: 240 }),
  ];
}

/**
 * A letter's content in Phụ lục II, led by the pilots it concerns unless it names them itself:
 * "Mô hình 6: Tương tự đề nghị tại Mô hình 5 …" (section III says it under the pilot's heading;
 * the table has none).
 */
function withPilots(summary: string, pilots: readonly number[]): string {
  const unnamed = pilots.filter((n) => !new RegExp(`Mô hình ${n}(?!\\d)`).test(summary));
  return unnamed.length > 0 ? `Mô hình ${pilots.join(', ')}: ${summary}` : summary;
}

/**
 * An addressee as Phụ lục II names it: its name, and where it no longer owes an answer, why —
 * "Bộ Y tế (đã trả lời ngày 04/11/2026)". The table has no status column (report 442 has none;
 * the workbook keeps one): an addressee still awaited is its name alone, its due day and days
 * overdue beside it.
 */
function addresseeCell(a: AddresseeRow): string {
  const done = a.status.startsWith('Đã trả lời') || a.status === 'Thôi theo dõi';
  return done
    ? `${a.addressee} (${a.status.charAt(0).toLowerCase()}${a.status.slice(1)})`
    : a.addressee;
}

/** Phụ lục II: the open letters, one row per addressee, the letter's cells spanning them. */
function lettersTable(model: MonthlyReportModel, xmlRows: XmlRows): Table {
  const columns: ColumnSpec[] = [
    { header: 'TT', weight: 0, whole: true, center: true },
    { header: 'Số, ngày văn bản', weight: 1 },
    { header: 'Nội dung kiến nghị', weight: 9 },
    { header: 'Cơ quan nhận', weight: 6 },
    { header: 'Hạn trả lời', weight: 0, whole: true, center: true },
    { header: 'Quá hạn (ngày làm việc)', weight: 2, center: true },
  ];
  const rows: (CellSpec | null)[][] = model.recommendations.rows.flatMap((r) =>
    r.addresseeRows.map((a, i) => {
      const span = r.addresseeRows.length;
      const letter = (text: string | number): CellSpec | null =>
        i === 0 ? { text, rowSpan: span > 1 ? span : undefined } : null;
      return [
        letter(r.index),
        letter(r.letterDate ? `${r.documentNumber}\nngày ${r.letterDate}` : r.documentNumber),
        letter(withPilots(r.summary, r.pilotNumbers)),
        { text: addresseeCell(a) },
        { text: a.responseDue },
        { text: a.workingDaysOverdue > 0 ? a.workingDaysOverdue : '' },
      ];
    }),
  );
  return printTable(columns, rows, LANDSCAPE_WIDTH, LETTERS_POINTS, xmlRows);
}

/**
 * A pilot's "Kết quả" cell: its text, the footnotes kept with it (see footnotes.ts) marked after
 * their words as 442 marks footnote 11; one whose words are not in the cell but that the body
 * already prints (442's 9 and 10, on pilot 2's blocker in section II) is not repeated, any other
 * is marked at the cell's end.
 */
function resultCell(result: string, inBody: ReadonlySet<string>): CellSpec {
  const { text, notes } = splitNotes(result);
  return {
    text,
    notes: notes
      .filter((n) => anchored(text, n) || !inBody.has(n.text))
      .map((n) => ({ anchor: anchored(text, n) ? n.anchor : null, mark: footnoteMark(n.text) })),
  };
}

/** Phụ lục I: the pilots, in exactly the four columns of report 442's appendix. */
function pilotsTable(
  model: MonthlyReportModel,
  inBody: ReadonlySet<string>,
  xmlRows: XmlRows,
): Table {
  const [tt, name, lead, result] = model.appendix.columns;
  return printTable(
    [
      { header: tt, weight: 0, whole: true, center: true },
      { header: name, weight: 5 },
      { header: lead, weight: 4 },
      { header: result, weight: 14 },
    ],
    model.appendix.rows.map((r) => [
      { text: r.number },
      { text: r.name },
      { text: r.leadAgencies },
      resultCell(r.result, inBody),
    ]),
    LANDSCAPE_WIDTH,
    TABLE_POINTS,
    xmlRows,
  );
}

/**
 * The Word document of a monthly report: the "BÁO CÁO" (header block, tên loại and trích yếu,
 * body, Nơi nhận and signer), then Phụ lục I and Phụ lục II, each a section of its own on a new
 * page with its own page numbers. Same model and text, same bytes: the file times are its asOf.
 */
export async function renderMonthlyDocx(
  model: MonthlyReportModel,
  text: ReportText = DEFAULT_REPORT_TEXT,
  blockers: readonly CentralBlocker[] = [],
): Promise<Buffer> {
  const asOf = new Date(model.provenance.asOf);
  const [subject, periodLine] = subjectLines(model.periodLabel);
  const attachedTo =
    text.reportNumber || text.reportDate ? attachedLine(text) : model.appendix.attachedTo;

  const body = reportBody(model, text, blockers);
  // The appendices' rows, written as text and put into document.xml once docx has written it.
  const xmlRows = new XmlRows();
  const inBody = new Set(body.flatMap((b) => b.runs.flatMap((r) => (r.note ? [r.note.text] : []))));
  const report: ISectionOptions = {
    properties: { page: portrait, titlePage: true },
    headers: { default: pageNumberHeader(), first: new Header({ children: [] }) },
    children: [
      documentHeader(model, text),
      ...line('', { after: 240 }),
      ...line('BÁO CÁO', { bold: true, size: 28 }),
      ...line(subject, { bold: true, size: 28 }),
      ...line(periodLine, { bold: true, size: 28, rule: 1800, width: PORTRAIT_WIDTH, after: 360 }),
      ...body.map(bodyBlock),
      new Paragraph({ keepNext: true, spacing: { after: 120 }, children: [] }),
      signature(text),
    ],
  };

  const appendixI: ISectionOptions = {
    properties: { page: appendixPage, type: SectionType.NEXT_PAGE, titlePage: true },
    headers: { default: pageNumberHeader(), first: new Header({ children: [] }) },
    children: [
      ...appendixHeading(model.appendix.title, model.appendix.name, attachedTo),
      pilotsTable(model, inBody, xmlRows),
    ],
  };

  const appendixII: ISectionOptions = {
    properties: { page: appendixPage, type: SectionType.NEXT_PAGE, titlePage: true },
    headers: { default: pageNumberHeader(), first: new Header({ children: [] }) },
    children: [
      ...appendixHeading(
        'PHỤ LỤC II',
        `${model.recommendations.title} ĐẾN NGÀY ${vnDate(localDay(asOf))}`,
        attachedTo,
      ),
      model.recommendations.rows.length
        ? lettersTable(model, xmlRows)
        : new Paragraph({
            children: [new TextRun('Không có kiến nghị nào chưa được giải quyết.')],
          }),
    ],
  };

  const title = `Báo cáo kết quả triển khai Đề án 06 tháng ${model.periodLabel}`;
  const document = new Document({
    creator: WORKING_GROUP,
    lastModifiedBy: WORKING_GROUP,
    title,
    styles: STYLES,
    sections: [report, appendixI, appendixII],
  });
  let buffer: Buffer = Buffer.from(
    await Packer.toBuffer(document, false, [
      { path: 'docProps/core.xml', data: coreProperties(title, asOf) },
    ]),
  );
  if (xmlRows.size > 0) {
    const xml = xmlRows.fill(readZipEntry(buffer, 'word/document.xml').toString('utf8'));
    buffer = replaceZipEntry(buffer, 'word/document.xml', xml);
  }
  return stampZip(buffer, asOf);
}

/** "(Kèm theo Báo cáo số 442/BC-TCTĐA06 ngày 20/12/2023 của Tổ công tác …)" from the text. */
function attachedLine(text: ReportText): string {
  return (
    `(Kèm theo Báo cáo số ${text.reportNumber ?? `…/${text.symbol}`} ` +
    `ngày ${text.reportDate ? vnDate(text.reportDate) : '…'} của ${WORKING_GROUP})`
  );
}

/** What a document says beyond its data when no text is given: blanks and the defaults. */
export const DEFAULT_REPORT_TEXT: ReportText = {
  reportNumber: null,
  reportDate: null,
  symbol: REPORT_SYMBOL,
  place: REPORT_PLACE,
  signer: DEFAULT_SIGNER,
  distribution: [...DEFAULT_DISTRIBUTION],
  sections: EMPTY_SECTIONS,
};

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** docProps/core.xml with the report's own time instead of the time of rendering. */
function coreProperties(title: string, at: Date): string {
  const when = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlEscape(title)}</dc:title>` +
    `<dc:creator>${xmlEscape(WORKING_GROUP)}</dc:creator>` +
    `<cp:lastModifiedBy>${xmlEscape(WORKING_GROUP)}</cp:lastModifiedBy>` +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}
