import pg from 'pg';
import type { MonthlySource } from '../periods/monthly-source.js';
import type { ReportText } from '../periods/report-text.js';
import { centralBlockers } from './monthly/monthly-report.body.js';
import { buildMonthlyReport, type MonthlyReportOptions } from './monthly/monthly-report.builder.js';
import { renderMonthlyDocx } from './monthly/monthly-report.docx.js';
import { renderMonthlyXlsx } from './monthly/monthly-report.xlsx.js';

/*
 * What a document process of DocumentRenderer's pool runs (this file is its entry: the pool
 * imports it and calls the default export), and what the API runs itself when
 * DOCUMENT_WORKERS=0. Plain data in, the file's bytes out: no framework, so it loads in a bare
 * Node process.
 */

export type MonthlyDocumentFormat = 'docx' | 'xlsx';

/** A locked period's stored snapshot, read here by its id (it never changes once written). */
export interface SnapshotSource {
  snapshotId: string;
  databaseUrl: string;
}

export interface MonthlyRenderTask {
  format: MonthlyDocumentFormat;
  /** The report's data as the service read it, or the snapshot that holds it. */
  source: MonthlySource | SnapshotSource;
  options: MonthlyReportOptions;
  /** The report's own words (periods/report-text.ts); absent: blanks and the defaults. */
  text?: ReportText;
}

/** The monthly report's Word or Excel file: the model is built here, from its data. */
export async function renderMonthlyDocument(task: MonthlyRenderTask): Promise<Buffer> {
  const source = 'snapshotId' in task.source ? await readSnapshot(task.source) : task.source;
  const model = buildMonthlyReport(source, task.options);
  if (task.format === 'xlsx') return renderMonthlyXlsx(model);
  const blockers = centralBlockers(source, model, task.text?.reportNumber ?? null);
  return renderMonthlyDocx(model, task.text, blockers);
}

export default renderMonthlyDocument;

/** The snapshot's data, parsed as the API's own reading of it would be (pg's jsonb parser). */
async function readSnapshot({ snapshotId, databaseUrl }: SnapshotSource): Promise<MonthlySource> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: 'de-an-06-documents',
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ data: MonthlySource }>(
      'SELECT data FROM period_snapshot WHERE id = $1',
      [snapshotId],
    );
    if (!rows[0]) throw new Error(`period snapshot ${snapshotId} not found`);
    return rows[0].data;
  } finally {
    await client.end();
  }
}
