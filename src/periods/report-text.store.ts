import type { EntityManager } from 'typeorm';
import {
  DEFAULT_DISTRIBUTION,
  DEFAULT_SIGNER,
  EMPTY_SECTIONS,
  NARRATIVE_SECTIONS,
  REPORT_PLACE,
  REPORT_SYMBOL,
  type NarrativeText,
  type ReportSigner,
  type ReportText,
} from './report-text.js';

/*
 * The rows of report_text and the setting of the report's defaults, read and written in plain
 * SQL on the caller's manager, so that a period's lock freezes its text in its own transaction.
 */

/** The setting holding the report's defaults: `{ symbol, place, signer, distribution }`. */
export const REPORT_DEFAULTS_KEY = 'reports.documentDefaults';

export interface ReportDefaults {
  /** Ký hiệu printed after a number left blank ("Số:      /BC-TCTĐA06"). */
  symbol: string;
  /** Địa danh of the date line ("Khánh Hòa, ngày …"). */
  place: string;
  signer: ReportSigner;
  distribution: string[];
}

/** A period's stored row, as written. */
export interface StoredReportText {
  period: string;
  reportNumber: string | null;
  reportDate: string | null;
  /** Ký hiệu and địa danh as of the period's lock (null: the settings'). */
  symbol: string | null;
  place: string | null;
  signer: ReportSigner | null;
  distribution: string[] | null;
  sections: NarrativeText;
  version: number;
  updatedAt: Date;
}

interface Row {
  period: string;
  report_number: string | null;
  report_date: string | null;
  symbol: string | null;
  place: string | null;
  signer: ReportSigner | null;
  distribution: string[] | null;
  sections: Partial<Record<string, string>>;
  version: number;
  updated_at: Date;
}

/** Every section present, each a string: what a stored object (older or partial) reads as. */
export function completeSections(sections: Partial<Record<string, string>>): NarrativeText {
  return Object.fromEntries(
    NARRATIVE_SECTIONS.map((s) => [s, typeof sections[s] === 'string' ? sections[s] : '']),
  ) as unknown as NarrativeText;
}

const fromRow = (r: Row): StoredReportText => ({
  period: r.period,
  reportNumber: r.report_number,
  reportDate: r.report_date,
  symbol: r.symbol,
  place: r.place,
  signer: r.signer,
  distribution: r.distribution,
  sections: completeSections(r.sections),
  version: r.version,
  updatedAt: r.updated_at,
});

const COLUMNS = `period, report_number, to_char(report_date, 'YYYY-MM-DD') AS report_date,
  symbol, place, signer, distribution, sections, version, updated_at`;

/** The period's own row, or null. `lock`: FOR UPDATE, for a writer. */
export async function storedReportText(
  m: EntityManager,
  period: string,
  lock = false,
): Promise<StoredReportText | null> {
  const [row] = (await m.query(
    `SELECT ${COLUMNS} FROM report_text WHERE period = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [period],
  )) as Row[];
  return row ? fromRow(row) : null;
}

/** The latest row of a period before `period`: the draft a new period starts from. */
export async function previousReportText(
  m: EntityManager,
  period: string,
): Promise<StoredReportText | null> {
  const [row] = (await m.query(
    `SELECT ${COLUMNS} FROM report_text WHERE period < $1 ORDER BY period DESC LIMIT 1`,
    [period],
  )) as Row[];
  return row ? fromRow(row) : null;
}

/** The report's defaults (the setting, else report 442's), and the setting's version. */
export async function reportDefaults(
  m: EntityManager,
): Promise<ReportDefaults & { version: number }> {
  const [row] = (await m.query(`SELECT value, version FROM setting WHERE key = $1`, [
    REPORT_DEFAULTS_KEY,
  ])) as { value: Partial<ReportDefaults>; version: number }[];
  return {
    symbol: row?.value.symbol ?? REPORT_SYMBOL,
    place: row?.value.place ?? REPORT_PLACE,
    signer: row?.value.signer ?? { ...DEFAULT_SIGNER },
    distribution: row?.value.distribution ?? [...DEFAULT_DISTRIBUTION],
    version: row?.version ?? 0,
  };
}

/**
 * What the period's document says beyond its data: the period's row with the defaults filling
 * what it leaves out; without a row, the latest earlier period's sections as the draft (its
 * number and date are its own and are not carried) and the defaults.
 */
export async function effectiveReportText(
  m: EntityManager,
  period: string,
): Promise<ReportText & { stored: boolean; carriedFrom: string | null }> {
  const own = await storedReportText(m, period);
  const previous = own ? null : await previousReportText(m, period);
  const defaults = await reportDefaults(m);
  return {
    reportNumber: own?.reportNumber ?? null,
    reportDate: own?.reportDate ?? null,
    symbol: own?.symbol ?? defaults.symbol,
    place: own?.place ?? defaults.place,
    signer: own?.signer ?? defaults.signer,
    distribution: own?.distribution ?? defaults.distribution,
    sections: own?.sections ?? previous?.sections ?? EMPTY_SECTIONS,
    stored: own !== null,
    carriedFrom: previous?.period ?? null,
  };
}

/** Inserts or replaces the period's row; the new version. */
export async function writeReportText(
  m: EntityManager,
  period: string,
  text: Omit<StoredReportText, 'period' | 'version' | 'updatedAt' | 'symbol' | 'place'> &
    Partial<Pick<StoredReportText, 'symbol' | 'place'>>,
  at: Date,
  byId: string | null,
): Promise<number> {
  const [{ version }] = (await m.query(
    `INSERT INTO report_text
       (period, report_number, report_date, signer, distribution, sections, version, updated_at,
        updated_by_id, symbol, place)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, 1, $7, $8, $9, $10)
     ON CONFLICT (period) DO UPDATE SET
       report_number = EXCLUDED.report_number, report_date = EXCLUDED.report_date,
       symbol = EXCLUDED.symbol, place = EXCLUDED.place,
       signer = EXCLUDED.signer, distribution = EXCLUDED.distribution,
       sections = EXCLUDED.sections, version = report_text.version + 1,
       updated_at = EXCLUDED.updated_at, updated_by_id = EXCLUDED.updated_by_id
     RETURNING version`,
    [
      period,
      text.reportNumber,
      text.reportDate,
      text.signer === null ? null : JSON.stringify(text.signer),
      text.distribution === null ? null : JSON.stringify(text.distribution),
      JSON.stringify(text.sections),
      at,
      byId,
      text.symbol ?? null,
      text.place ?? null,
    ],
  )) as { version: number }[];
  return version;
}

/**
 * At a period's lock: the row made to say what the document says then (the draft carried
 * forward, the defaults of the day — signer, Nơi nhận, ký hiệu, địa danh — written in), so a later change of the settings or of another
 * period never changes a locked period's document. Nothing changes when the row already says
 * all of it.
 */
export async function freezeReportText(
  m: EntityManager,
  period: string,
  at: Date,
  byId: string | null,
): Promise<void> {
  const own = await storedReportText(m, period, true);
  if (own?.signer && own.distribution && own.symbol && own.place) return;
  const text = await effectiveReportText(m, period);
  await writeReportText(
    m,
    period,
    {
      reportNumber: text.reportNumber,
      reportDate: text.reportDate,
      symbol: text.symbol,
      place: text.place,
      signer: text.signer,
      distribution: text.distribution,
      sections: text.sections,
    },
    at,
    byId,
  );
}
