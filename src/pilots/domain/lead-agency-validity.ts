/**
 * Which rows of pilot_lead_agency hold: a row leads its pilot from `valid_from` (null: since the
 * pilot was tracked) until the day before `valid_until` (null: still). An agency merged away
 * closes its rows on the event's effective day and its successor's open on that day, so on any
 * day at most one row holds each position. Today's readers and writers take the current rows;
 * a document of a past day takes the rows valid on its day.
 */

/** SQL: the pilot_lead_agency row aliased `alias` is current (not closed). */
export function currentLeadAgencySql(alias: string): string {
  return `${alias}.valid_until IS NULL`;
}

/**
 * SQL: the pilot_lead_agency row aliased `alias` held on the day `dayExpr` (an SQL expression of
 * type date, such as `$3::date`).
 */
export function leadAgencyOnSql(alias: string, dayExpr: string): string {
  return (
    `(${alias}.valid_from IS NULL OR ${alias}.valid_from <= ${dayExpr})` +
    ` AND (${alias}.valid_until IS NULL OR ${alias}.valid_until > ${dayExpr})`
  );
}
