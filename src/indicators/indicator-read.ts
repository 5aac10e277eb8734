import type { EntityManager } from 'typeorm';
import { formatIndicatorValue } from './domain/indicator-format.js';
import type { IndicatorKind } from './domain/indicator-kind.js';
import type { IndicatorValueView, IndicatorView } from './indicator.view.js';

/** A catalogue row with its agency's code and name and its pilot's number. */
export interface IndicatorRow {
  id: string;
  code: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  pilot_number: number | null;
  agency_id: string;
  agency_code: string;
  agency_name: string;
  section: string;
  display_order: number;
  active: boolean;
  denominator_metric: string | null;
  version: number;
}

export const INDICATOR_SELECT = `
  SELECT i.id, i.code, i.name, i.unit, i.kind, p.number AS pilot_number, i.agency_id,
         a.code AS agency_code, a.name AS agency_name, i.section, i.display_order, i.active,
         i.denominator_metric, i.version
    FROM indicator i
    JOIN agency a ON a.id = i.agency_id
    LEFT JOIN pilot p ON p.id = i.pilot_id`;

/** Province first, then pilots by number; in each, the report's order. */
export const INDICATOR_ORDER = `ORDER BY p.number NULLS FIRST, i.display_order, i.code`;

/** The indicator's own facts: its view without what it says about the asking user. */
export type IndicatorFacts = Omit<IndicatorView, 'heldByUserAgency'>;

/** The row as the API gives it; `held`: the owners whose indicators are the asking user's. */
export function toIndicatorView(r: IndicatorRow, held: ReadonlySet<string>): IndicatorView {
  return { ...toIndicatorFacts(r), heldByUserAgency: held.has(r.agency_id) };
}

export function toIndicatorFacts(r: IndicatorRow): IndicatorFacts {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    unit: r.unit,
    kind: r.kind,
    scope: r.pilot_number === null ? 'PROVINCE' : 'PILOT',
    pilotNumber: r.pilot_number,
    agencyCode: r.agency_code,
    agencyName: r.agency_name,
    section: r.section,
    displayOrder: r.display_order,
    active: r.active,
    denominatorMetric: r.denominator_metric,
    version: r.version,
  };
}

export async function findIndicator(m: EntityManager, code: string): Promise<IndicatorRow | null> {
  const [row] = (await m.query(`${INDICATOR_SELECT} WHERE i.code = $1`, [code])) as IndicatorRow[];
  return row ?? null;
}

interface ValueRow {
  id: string;
  indicator_id: string;
  period: string;
  value: string;
  denominator: string | null;
  note: string | null;
  author_id: string | null;
  author_name: string | null;
  version: number;
  updated_at: Date;
  locked: boolean;
}

/** Values with their authors and whether their period is locked, newest period first. */
export async function readValues(
  m: EntityManager,
  where: { indicatorIds?: string[]; period?: string },
): Promise<Map<string, IndicatorValueView[]>> {
  const rows = (await m.query(
    `SELECT v.id, v.indicator_id, v.period, v.value, v.denominator, v.note, v.author_id,
            u.name AS author_name, v.version, v.updated_at, rp.locked_at IS NOT NULL AS locked
       FROM indicator_value v
       LEFT JOIN app_user u ON u.id = v.author_id
       LEFT JOIN report_period rp ON rp.period = v.period
      WHERE ($1::uuid[] IS NULL OR v.indicator_id = ANY($1)) AND ($2::text IS NULL OR v.period = $2)
      ORDER BY v.period DESC`,
    [where.indicatorIds ?? null, where.period ?? null],
  )) as ValueRow[];
  const kinds = (await m.query(`SELECT id, code, kind, unit FROM indicator WHERE id = ANY($1)`, [
    [...new Set(rows.map((r) => r.indicator_id))],
  ])) as { id: string; code: string; kind: IndicatorKind; unit: string }[];
  const byId = new Map(kinds.map((k) => [k.id, k]));
  const out = new Map<string, IndicatorValueView[]>();
  for (const r of rows) {
    const ind = byId.get(r.indicator_id)!;
    const value = Number(r.value);
    const denominator = r.denominator === null ? null : Number(r.denominator);
    const view: IndicatorValueView = {
      id: r.id,
      indicatorCode: ind.code,
      period: r.period,
      value,
      denominator,
      display: formatIndicatorValue({ kind: ind.kind, unit: ind.unit, value, denominator }),
      note: r.note,
      author: r.author_id ? { id: r.author_id, name: r.author_name ?? '' } : null,
      version: r.version,
      updatedAt: r.updated_at.toISOString(),
      locked: r.locked,
    };
    out.set(r.indicator_id, [...(out.get(r.indicator_id) ?? []), view]);
  }
  return out;
}
