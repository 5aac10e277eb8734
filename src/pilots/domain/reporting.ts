import { sqlIn } from '../../common/domain/sql-in.js';
import type { PilotState } from './pilot-state.js';

/** A completed or suspended pilot no longer owes a monthly progress report; the others do. */
const NOT_REPORTING: readonly PilotState[] = ['COMPLETED', 'SUSPENDED'];

export function owesReport(state: PilotState): boolean {
  return !NOT_REPORTING.includes(state);
}

/**
 * The same rule in SQL, with the report missing: the pilot row aliased `alias` owes a report
 * for the period in `period` (a parameter such as `$1`) and has none.
 */
export function missingReportSql(alias: string, period: string): string {
  return (
    `NOT ${sqlIn(`${alias}.state`, NOT_REPORTING)}` +
    ` AND NOT EXISTS (SELECT 1 FROM pilot_report r WHERE r.pilot_id = ${alias}.id AND r.period = ${period})`
  );
}
