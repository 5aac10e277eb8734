import type { FastifyReply } from 'fastify';
import { html, type Html } from '../../common/html.js';
import type { Column, Value } from '../../documents/monthly/monthly-report.xlsx.js';
import { XLSX_CONTENT_TYPE } from '../../documents/monthly/content-types.js';
import { localDay, vnDate } from '../../common/domain/local-time.js';
import { WebRefusal } from '../web-request.js';
import { NOT_FOUND } from '../labels.js';

/*
 * A list of the web interface (the board, the letters) taken away as a file: the rows the page
 * shows under the same filters, read through the API as the signed-in user, so a download holds
 * exactly what that user sees on the page. CSV for any program, XLSX for Excel; both with the
 * page's Vietnamese headers and text as typed (NFC).
 */

export type ExportFormat = 'csv' | 'xlsx';

/** A table to download: its sheet name, columns (header and layout) and rows. */
export interface ExportTable {
  /** The sheet's name in the workbook (at most 31 characters, Excel's limit). */
  sheet: string;
  /** The file's name without extension, ASCII (`mo-hinh-diem-2026-12-03`). */
  fileName: string;
  columns: Column[];
  rows: Value[][];
}

/** The file's format from the address (`/mo-hinh/tai-xuong.csv`): anything else is not a page. */
export function exportFormat(extension: string): ExportFormat {
  if (extension === 'csv' || extension === 'xlsx') return extension;
  throw new WebRefusal(404, NOT_FOUND);
}

/**
 * A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return
 * first) is kept as text with a leading apostrophe: a letter's summary typed as "=HYPERLINK(…)"
 * must not run in the secretariat's Excel (CSV injection). Numbers are numbers, not text.
 */
function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A value as CSV shows it: days as dd/mm/yyyy (what the page shows), text NFC. */
function csvText(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return vnDate(value.toISOString().slice(0, 10));
  return inert(value.normalize('NFC'));
}

/** RFC 4180: a field with a quote, a comma or a line break goes in quotes, quotes doubled. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The table as CSV: UTF-8 with a byte-order mark (Excel on Windows reads a CSV without one in
 * the ANSI code page, and "Thông tin" comes out as "ThÃ´ng tin"), lines ended by CRLF, commas
 * between fields, quoted where a field needs it.
 */
export function toCsv(table: ExportTable): Buffer {
  const lines = [
    table.columns.map((c) => csvField(c.header)),
    ...table.rows.map((row) => row.map((v) => csvField(csvText(v)))),
  ].map((fields) => fields.join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/**
 * The table as a workbook, laid out as the monthly report's sheets are (addSheet: header
 * frozen and repeated on printed pages, text wrapped, auto-filter, A4 landscape).
 */
export async function toXlsx(table: ExportTable, at: Date): Promise<Buffer> {
  // Loaded when a workbook is first asked for, not at start-up (ExcelJS is large).
  const [{ default: ExcelJS }, { addSheet }] = await Promise.all([
    import('exceljs'),
    import('../../documents/monthly/monthly-report.xlsx.js'),
  ]);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hệ thống theo dõi mô hình điểm Đề án 06 tỉnh Khánh Hòa';
  workbook.created = at;
  workbook.modified = at;
  addSheet(workbook, {
    name: table.sheet.slice(0, 31),
    columns: table.columns,
    rows: table.rows.map((row) =>
      row.map((v) => (typeof v === 'string' ? inert(v.normalize('NFC')) : v)),
    ),
  });
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A calendar day `YYYY-MM-DD` (or an instant, its day in Vietnam) as the Excel date of that day. */
export function excelDay(value: string | null | undefined): Date | null {
  if (!value) return null;
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : localDay(new Date(value));
  return new Date(
    Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))),
  );
}

/** Sends the table in the chosen format, as an attachment that is never cached. */
export async function sendTable(
  reply: FastifyReply,
  table: ExportTable,
  format: ExportFormat,
  at: Date,
): Promise<FastifyReply> {
  const bytes = format === 'csv' ? toCsv(table) : await toXlsx(table, at);
  return reply
    .status(200)
    .header(
      'content-type',
      format === 'csv' ? 'text/csv; charset=utf-8; header=present' : XLSX_CONTENT_TYPE,
    )
    .header('content-disposition', `attachment; filename="${table.fileName}.${format}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(bytes);
}

/**
 * "Tải về: CSV · Excel" beside a list's count: links to `base.csv` and `base.xlsx` carrying the
 * list's current filters (blank ones left out), so the file holds what the page shows.
 */
export function downloadLinks(base: string, filters: Record<string, string>, what: string): Html {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v.trim() !== '') params.set(k, v.trim());
  const query = params.size ? `?${params.toString()}` : '';
  return html`<span class="downloads">
    Tải về:
    <a href="${base}.csv${query}" download aria-label="Tải danh sách ${what} đang hiển thị (CSV)"
      >CSV</a
    >
    ·
    <a href="${base}.xlsx${query}" download aria-label="Tải danh sách ${what} đang hiển thị (Excel)"
      >Excel</a
    >
  </span>`;
}
