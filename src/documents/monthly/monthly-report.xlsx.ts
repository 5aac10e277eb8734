import ExcelJS from 'exceljs';
import type { ReportMilestoneLine } from './monthly-milestones.js';
import { statusCell, WORKING_GROUP } from './monthly-report.builder.js';
import type { MonthlyReportModel } from './monthly-report.model.js';
import { textWidth } from './times-metrics.js';
import { xmlSafe } from './wording.js';
import { stampZip } from './zip-stamp.js';

/*
 * The monthly report as a workbook: one sheet per table, the header row frozen and repeated on
 * printed pages, text wrapped, columns sized for their content, every row as tall as its
 * wrapped text (measured, see rowHeight), A4 landscape fitted to the page's width, the table the
 * print area: it prints as it shows.
 */

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const FONT = { name: 'Times New Roman', size: 12 };
const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export type Value = string | number | Date | null;

export interface Column {
  header: string;
  width: number;
  center?: boolean;
  date?: boolean;
}

export interface SheetSpec {
  name: string;
  columns: Column[];
  rows: Value[][];
}

/** A table's headers as the model words them, each with its column's layout here. */
const headed = (headers: string[], layout: Omit<Column, 'header'>[]): Column[] =>
  layout.map((l, i) => ({ header: headers[i], ...l }));

/** New or resolved blockers: the same four columns, the last (its note) sized for its sheet. */
const blockerSheet = (
  name: string,
  table: MonthlyReportModel['changes']['blockersCreated'],
  noteWidth: number,
): SheetSpec => ({
  name,
  columns: headed(table.columns, [
    { width: 30 },
    { width: 70 },
    { width: 14, center: true },
    { width: noteWidth },
  ]),
  rows: table.rows.map((b) => [b.subject, b.title, b.date, b.note]),
});

/** A milestone's state at the cut-off as the sheet words it. */
function milestoneState(m: ReportMilestoneLine): string {
  switch (m.state) {
    case 'PLANNED':
      return 'Chưa đến hạn';
    case 'MISSED':
      return `Quá hạn ${m.daysLate} ngày`;
    case 'DONE':
      return 'Đã hoàn thành';
    case 'DROPPED':
      return 'Đã bỏ';
  }
}

/**
 * Every milestone as it stood at the cut-off (issue 15, item 4): its pilot, name, due time as
 * given (a day, a month or a year), owner, state, and the day it was done or why it was dropped.
 */
const milestoneSheet = (lines: readonly ReportMilestoneLine[]): SheetSpec => ({
  name: 'Mốc tiến độ',
  columns: [
    { header: 'Mô hình', width: 10, center: true },
    { header: 'Tên mô hình', width: 40 },
    { header: 'Mốc', width: 50 },
    { header: 'Hạn', width: 16, center: true },
    { header: 'Đơn vị chịu trách nhiệm', width: 34 },
    { header: 'Trạng thái', width: 18, center: true },
    { header: 'Ngày hoàn thành / lý do bỏ', width: 40 },
  ],
  rows: lines.map((m) => [
    m.pilotNumber,
    m.pilotName,
    m.name,
    m.dueLabel,
    m.owner,
    milestoneState(m),
    m.state === 'DONE' ? m.doneOn : m.state === 'DROPPED' ? m.dropReason : null,
  ]),
});

/** Column 1 → "A", 27 → "AA". */
function columnLetter(n: number): string {
  let letters = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) {
    letters = String.fromCharCode(65 + ((k - 1) % 26)) + letters;
  }
  return letters;
}

/** A line of 12 pt text, with its leading. */
const LINE_POINTS = 15.75;

/**
 * A row's height in points, from how many lines its wrapped cells take: each cell's text
 * measured in Times New Roman 12 pt against its column's width (a width unit is about 7 pixels
 * of 0.75 pt, less the cell's padding). Excel and LibreOffice do not grow a row for wrapped text
 * that a file sets no height for, so every row carries its own.
 */
function rowHeight(columns: readonly Column[], values: readonly Value[], bold = false): number {
  const lines = columns.map((c, i) => {
    const v = values[i];
    if (v === null || v === undefined || v instanceof Date || typeof v === 'number') return 1;
    const room = Math.max(1, (c.width * 7 + 5) * 0.75 - 6) * 20; // twips
    return String(v)
      .split(/\r?\n/)
      .reduce(
        (sum, line) => sum + Math.max(1, Math.ceil(textWidth(line, FONT.size, bold) / room)),
        0,
      );
  });
  // 409 points: the tallest row a sheet can have.
  return Math.min(409, Math.ceil(Math.max(1, ...lines) * LINE_POINTS + 4));
}

/** A calendar day `YYYY-MM-DD` as the Excel date of that day (no time, no time zone). */
const day = (d: string | null): Date | null =>
  d
    ? new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))))
    : null;

/** One table as a sheet; also the web's list downloads (src/web/components/table-export.ts). */
export function addSheet(workbook: ExcelJS.Workbook, spec: SheetSpec): void {
  const sheet = workbook.addWorksheet(spec.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      margins: { left: 1.18, right: 0.59, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddHeader: '&C&P' },
  });
  sheet.columns = spec.columns.map((c) => ({ width: c.width }));
  const header = sheet.addRow(spec.columns.map((c) => c.header));
  header.font = { ...FONT, bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.eachCell((c) => {
    c.border = BORDER;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });
  header.height = rowHeight(
    spec.columns,
    spec.columns.map((c) => c.header),
    true,
  );
  for (const values of spec.rows) {
    const row = sheet.addRow(values.map((v) => (typeof v === 'string' ? xmlSafe(v) : v)));
    row.font = FONT;
    row.height = rowHeight(spec.columns, values);
    spec.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.border = BORDER;
      cell.alignment = {
        vertical: 'top',
        horizontal: c.center ? 'center' : 'left',
        wrapText: true,
      };
      if (c.date) cell.numFmt = 'dd/mm/yyyy';
    });
  }
  // What prints: the table and nothing beside it.
  sheet.pageSetup.printArea = `A1:${columnLetter(spec.columns.length)}${1 + spec.rows.length}`;
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: 1 + spec.rows.length, column: spec.columns.length },
  };
}

/** The workbook of a monthly report. Same model, same bytes: the file times are its asOf. */
export async function renderMonthlyXlsx(model: MonthlyReportModel): Promise<Buffer> {
  const asOf = new Date(model.provenance.asOf);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = WORKING_GROUP;
  workbook.lastModifiedBy = WORKING_GROUP;
  workbook.title = `Phụ lục kết quả triển khai mô hình Đề án 06 tháng ${model.periodLabel}`;
  workbook.created = asOf;
  workbook.modified = asOf;

  const recs = model.recommendations.rows;
  const s = model.summary;
  const c = model.changes;
  const sheets: SheetSpec[] = [
    {
      name: 'Tổng hợp',
      columns: [
        { header: 'Nội dung', width: 40 },
        { header: 'Giá trị', width: 110 },
      ],
      rows: [
        ['Kỳ báo cáo', `Tháng ${model.periodLabel}`],
        ['Nguồn số liệu', model.asOfNote],
        ['Tổng số mô hình', s.total],
        ['Số mô hình đã và đang triển khai thực hiện', s.recorded],
        ['Số mô hình chưa ghi nhận việc triển khai', s.notRecorded],
        ['Mục I.5.1 của báo cáo', s.sentence],
        ['Kiến nghị chưa được giải quyết', recs.length],
        ['Trong đó quá hạn trả lời', recs.filter((r) => r.workingDaysOverdue > 0).length],
      ],
    },
    {
      name: 'Phụ lục',
      columns: headed(model.appendix.columns, [
        { width: 6, center: true },
        { width: 40 },
        { width: 30 },
        { width: 100 },
      ]),
      rows: model.appendix.rows.map((r) => [r.number, r.name, r.leadAgencies, r.result]),
    },
    {
      name: 'Kiến nghị',
      columns: [
        { header: 'TT', width: 6, center: true },
        { header: 'Số, ký hiệu', width: 24 },
        { header: 'Ngày', width: 12, center: true, date: true },
        { header: 'Cơ quan nhận', width: 32 },
        { header: 'Nội dung', width: 70 },
        { header: 'Hạn trả lời', width: 12, center: true, date: true },
        { header: 'Số ngày làm việc quá hạn', width: 14, center: true },
        { header: 'Mức đôn đốc', width: 20, center: true },
        { header: 'Tình trạng', width: 36 },
      ],
      rows: recs.map((r) => [
        r.index,
        r.documentNumber,
        day(r.letterDay),
        r.addressees,
        r.summary,
        day(r.responseDueDay),
        r.workingDaysOverdue,
        r.escalation,
        statusCell(r),
      ]),
    },
    {
      name: 'Chuyển trạng thái',
      columns: [
        { header: 'Mô hình', width: 10, center: true },
        { header: 'Tên mô hình', width: 50 },
        { header: 'Từ', width: 18, center: true },
        { header: 'Sang', width: 18, center: true },
        { header: 'Ngày', width: 12, center: true },
        { header: 'Lý do', width: 50 },
      ],
      rows: c.stateMoves.rows.map((m) => [
        m.pilotNumber,
        m.pilotName,
        m.from,
        m.to,
        m.date,
        m.reason,
      ]),
    },
    blockerSheet('Vướng mắc mới', c.blockersCreated, 40),
    blockerSheet('Vướng mắc đã giải quyết', c.blockersResolved, 50),
    {
      name: 'Trả lời kiến nghị',
      columns: headed(c.responsesReceived.columns, [
        { width: 30 },
        { width: 32 },
        { width: 24 },
        { width: 12, center: true },
        { width: 70 },
      ]),
      rows: c.responsesReceived.rows.map((r) => [
        r.recommendation,
        r.addressees,
        r.documentNumber,
        r.date,
        r.summary,
      ]),
    },
    milestoneSheet(model.milestones.all),
  ];
  for (const spec of sheets) addSheet(workbook, spec);
  const buffer = await workbook.xlsx.writeBuffer();
  return stampZip(Buffer.from(buffer as ArrayBuffer), asOf);
}
