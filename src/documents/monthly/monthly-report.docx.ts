import {
  AlignmentType,
  Document,
  Header,
  HeightRule,
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
import { statusCell, WORKING_GROUP } from './monthly-report.builder.js';
import type { MonthlyReportModel } from './monthly-report.model.js';
import { periodMonthYear } from '../../common/domain/periods.js';
import { xmlSafe } from './wording.js';
import { stampZip } from './zip-stamp.js';

/*
 * The monthly report as a Word document in the administrative format of Nghị định
 * 30/2020/NĐ-CP (product.md §8): A4, Times New Roman, body 14 pt justified with a 1.27 cm
 * first-line indent and 6 pt after each paragraph, margins 20/15/20/30 mm, page numbers centred
 * at the top from page 2; the wide tables (the appendix, the open recommendations) in landscape
 * sections with their header row repeated on every page.
 */

export const DOCX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const FONT = 'Times New Roman';
const BODY_SIZE = 28; // half-points: 14 pt
const TABLE_SIZE = 26; // 13 pt
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
/** Room for a table between the margins of a landscape page. */
const LANDSCAPE_WIDTH = A4.height - MARGIN.left - MARGIN.right;

const STYLES = {
  default: {
    document: {
      run: { font: FONT, size: BODY_SIZE },
      paragraph: { spacing: { after: 120, line: 288 } },
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
    {
      id: 'Cell',
      name: 'Cell',
      basedOn: 'Normal',
      run: { size: TABLE_SIZE },
      paragraph: {
        alignment: AlignmentType.JUSTIFIED,
        spacing: { before: 40, after: 40, line: 240 },
      },
    },
    {
      id: 'CellCenter',
      name: 'Cell centred',
      basedOn: 'Cell',
      paragraph: { alignment: AlignmentType.CENTER },
    },
    {
      id: 'CellHead',
      name: 'Cell heading',
      basedOn: 'Cell',
      run: { bold: true },
      paragraph: { alignment: AlignmentType.CENTER },
    },
    {
      id: 'Centered',
      name: 'Centred',
      basedOn: 'Normal',
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 0 } },
    },
  ],
};

const body = (text: string) => new Paragraph({ style: 'Body', text: xmlSafe(text) });
const heading = (text: string) =>
  new Paragraph({ style: 'Body', children: [new TextRun({ text, bold: true })] });
const centered = (text: string, run: { bold?: boolean; italics?: boolean } = {}) =>
  new Paragraph({ style: 'Centered', children: [new TextRun({ text: xmlSafe(text), ...run })] });
const blank = () => new Paragraph({ style: 'Centered', text: '' });

/** A cell of text; line breaks in the text start new paragraphs. */
function cell(text: string | number, width: number, style = 'Cell'): TableCell {
  const lines = xmlSafe(String(text))
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l, _i, all) => l.length > 0 || all.length === 1);
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: lines.map((line) => new Paragraph({ style, text: line })),
  });
}

/** A full-width table whose first row repeats at the top of every page it runs onto. */
function table(columns: string[], weights: number[], rows: (string | number)[][]): Table {
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((LANDSCAPE_WIDTH * w) / total));
  const centeredColumns = new Set(
    weights.map((_, i) => i).filter((i) => weights[i] <= 8), // narrow columns: numbers, dates
  );
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        height: { value: 400, rule: HeightRule.ATLEAST },
        children: columns.map((c, i) => cell(c, widths[i], 'CellHead')),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            children: r.map((v, i) =>
              cell(v, widths[i], centeredColumns.has(i) ? 'CellCenter' : 'Cell'),
            ),
          }),
      ),
    ],
  });
}

function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], size: TABLE_SIZE })],
      }),
    ],
  });
}

const portrait = { size: { ...A4, orientation: PageOrientation.PORTRAIT }, margin: MARGIN };
const landscape = { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: MARGIN };

function changeParagraphs(model: MonthlyReportModel): Paragraph[] {
  const c = model.changes;
  const list = (items: string[]) => (items.length ? items.map(body) : [body('Không có.')]);
  return [
    heading(`2. Thay đổi so với kỳ trước (tháng ${periodMonthYear(model.previousPeriod)})`),
    body('a) Chuyển trạng thái mô hình:'),
    ...list(
      c.stateMoves.rows.map(
        (m) =>
          `- Mô hình ${m.pilotNumber} (${m.pilotName}): từ “${m.from}” sang “${m.to}” ngày ${m.date}` +
          (m.reason ? `; lý do: ${m.reason}` : '') +
          '.',
      ),
    ),
    body('b) Vướng mắc phát sinh:'),
    ...list(
      c.blockersCreated.rows.map((b) => `- ${b.subject}: ${b.title} (ngày ${b.date}; ${b.note}).`),
    ),
    body('c) Vướng mắc đã được giải quyết:'),
    ...list(
      c.blockersResolved.rows.map(
        (b) => `- ${b.subject}: ${b.title} (ngày ${b.date})${b.note ? `: ${b.note}` : ''}.`,
      ),
    ),
    body('d) Trả lời kiến nghị đã nhận:'),
    ...list(
      c.responsesReceived.rows.map(
        (r) =>
          `- Văn bản số ${r.documentNumber} ngày ${r.date}` +
          (r.addressees ? ` của ${r.addressees}` : '') +
          ` trả lời kiến nghị tại Văn bản số ${r.recommendation}: ${r.summary}`,
      ),
    ),
  ];
}

/** The Word document of a monthly report. Same model, same bytes: the file times are its asOf. */
export async function renderMonthlyDocx(model: MonthlyReportModel): Promise<Buffer> {
  const asOf = new Date(model.provenance.asOf);
  const recs = model.recommendations.rows;
  const overdue = recs.filter((r) => r.workingDaysOverdue > 0).length;

  const summarySection: ISectionOptions = {
    properties: { page: portrait, titlePage: true },
    headers: { default: pageNumberHeader(), first: new Header({ children: [] }) },
    children: [
      centered(`SỐ LIỆU BÁO CÁO KẾT QUẢ TRIỂN KHAI ĐỀ ÁN 06 THÁNG ${model.periodLabel}`, {
        bold: true,
      }),
      centered(`(${model.asOfNote})`, { italics: true }),
      blank(),
      heading(
        '1. Kết quả ứng dụng CSDLQG về dân cư, CCCD, định danh và xác thực điện tử phục vụ phát triển kinh tế, xã hội (mục I.5.1)',
      ),
      body(model.summary.sentence),
      body('(có phụ lục kết quả kèm theo).'),
      ...changeParagraphs(model),
      heading('3. Kiến nghị gửi Trung ương chưa được giải quyết'),
      body(
        recs.length
          ? `Còn ${recs.length} kiến nghị chưa được giải quyết, trong đó ${overdue} kiến nghị đã quá hạn trả lời (danh mục kèm theo).`
          : 'Không còn kiến nghị nào chưa được giải quyết.',
      ),
    ],
  };

  const appendixSection: ISectionOptions = {
    properties: { page: landscape, type: SectionType.NEXT_PAGE },
    headers: { default: pageNumberHeader() },
    children: [
      centered(model.appendix.title, { bold: true }),
      centered(model.appendix.name, { bold: true }),
      centered(model.appendix.attachedTo, { italics: true }),
      blank(),
      table(
        model.appendix.columns,
        [5, 22, 17, 46, 10],
        model.appendix.rows.map((r) => [r.number, r.name, r.leadAgencies, r.result, r.stateLabel]),
      ),
    ],
  };

  const recommendationSection: ISectionOptions = {
    properties: { page: landscape, type: SectionType.NEXT_PAGE },
    headers: { default: pageNumberHeader() },
    children: [
      centered(model.recommendations.title, { bold: true }),
      centered(`(${model.asOfNote})`, { italics: true }),
      blank(),
      recs.length
        ? table(
            model.recommendations.columns,
            [4, 11, 8, 14, 27, 8, 7, 8, 16],
            recs.map((r) => [
              r.index,
              r.documentNumber,
              r.letterDate,
              r.addressees,
              r.summary,
              r.responseDue,
              r.workingDaysOverdue,
              r.escalation,
              statusCell(r),
            ]),
          )
        : body('Không có.'),
    ],
  };

  const title = `Phụ lục kết quả triển khai mô hình Đề án 06 tháng ${model.periodLabel}`;
  const document = new Document({
    creator: WORKING_GROUP,
    lastModifiedBy: WORKING_GROUP,
    title,
    styles: STYLES,
    sections: [summarySection, appendixSection, recommendationSection],
  });
  const buffer = await Packer.toBuffer(document, false, [
    { path: 'docProps/core.xml', data: coreProperties(title, asOf) },
  ]);
  return stampZip(Buffer.from(buffer), asOf);
}

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
