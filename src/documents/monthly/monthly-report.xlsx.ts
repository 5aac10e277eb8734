import ExcelJS from 'exceljs';
import { statusCell, WORKING_GROUP } from './monthly-report.builder.js';
import type { MonthlyReportModel } from './monthly-report.model.js';
import { xmlSafe } from './wording.js';
import { stampZip } from './zip-stamp.js';

/*
 * The monthly report as a workbook: one sheet per table, the header row frozen and repeated on
 * printed pages, text wrapped, columns sized for their content, A4 landscape for printing.
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
  for (const values of spec.rows) {
    const row = sheet.addRow(values.map((v) => (typeof v === 'string' ? xmlSafe(v) : v)));
    row.font = FONT;
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
        { width: 90 },
        { width: 16, center: true },
      ]),
      rows: model.appendix.rows.map((r) => [
        r.number,
        r.name,
        r.leadAgencies,
        r.result,
        r.stateLabel,
      ]),
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
  ];
  for (const spec of sheets) addSheet(workbook, spec);
  const buffer = await workbook.xlsx.writeBuffer();
  return stampZip(Buffer.from(buffer as ArrayBuffer), asOf);
}
