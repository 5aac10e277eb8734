import type { EntityManager } from 'typeorm';
import type { SourceIndicator } from './monthly-source.js';

/**
 * The period's indicator values as of `asOf` (its cut-off instant): for each indicator, the last
 * revision of its value for the period written at or before then (by id within one instant).
 * A value entered after the cut-off is not the period's report's; the catalogue's names are
 * read as they are now (a lock freezes them with the snapshot).
 */
export async function readSourceIndicators(
  m: EntityManager,
  period: string,
  asOf: Date,
): Promise<SourceIndicator[]> {
  const rows = (await m.query(
    `SELECT i.code, i.name, i.unit, i.kind, p.number AS pilot_number, a.code AS agency_code,
            a.name AS agency_name, i.section, i.display_order, r.value, r.denominator
       FROM indicator i
       JOIN agency a ON a.id = i.agency_id
       LEFT JOIN pilot p ON p.id = i.pilot_id
       JOIN indicator_value v ON v.indicator_id = i.id AND v.period = $1
       JOIN LATERAL (SELECT rv.value, rv.denominator FROM indicator_value_revision rv
                      WHERE rv.value_id = v.id AND rv.at <= $2
                      ORDER BY rv.at DESC, rv.id DESC LIMIT 1) r ON true
      ORDER BY p.number NULLS FIRST, i.display_order, i.code`,
    [period, asOf],
  )) as {
    code: string;
    name: string;
    unit: string;
    kind: SourceIndicator['kind'];
    pilot_number: number | null;
    agency_code: string;
    agency_name: string;
    section: string;
    display_order: number;
    value: string;
    denominator: string | null;
  }[];
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    unit: r.unit,
    kind: r.kind,
    pilotNumber: r.pilot_number,
    agencyCode: r.agency_code,
    agencyName: r.agency_name,
    section: r.section,
    value: Number(r.value),
    denominator: r.denominator === null ? null : Number(r.denominator),
  }));
}
