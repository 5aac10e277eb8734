import type { MonthlySource } from '../periods/monthly-source.js';
import { buildMonthlyReport, type MonthlyReportOptions } from './monthly/monthly-report.builder.js';
import { renderMonthlyDocx } from './monthly/monthly-report.docx.js';
import { renderMonthlyXlsx } from './monthly/monthly-report.xlsx.js';

/*
 * What a document process of DocumentRenderer's pool runs (this file is its entry: the pool
 * imports it and calls the default export), and what the API runs itself when
 * DOCUMENT_WORKERS=0. Plain data in, the file's bytes out: no framework, no database, so it
 * loads in a bare Node process.
 */

export type MonthlyDocumentFormat = 'docx' | 'xlsx';

export interface MonthlyRenderTask {
  format: MonthlyDocumentFormat;
  /**
   * The report's data as the service read it, or a stored snapshot's data as its JSON text
   * (parsed here, so the API never parses nor copies it as an object).
   */
  source: MonthlySource | string;
  options: MonthlyReportOptions;
}

/** The monthly report's Word or Excel file: the model is built here, from its data. */
export async function renderMonthlyDocument(task: MonthlyRenderTask): Promise<Buffer> {
  const source =
    typeof task.source === 'string' ? (JSON.parse(task.source) as MonthlySource) : task.source;
  const model = buildMonthlyReport(source, task.options);
  return task.format === 'docx' ? renderMonthlyDocx(model) : renderMonthlyXlsx(model);
}

export default renderMonthlyDocument;
