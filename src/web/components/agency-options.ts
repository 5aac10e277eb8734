import { existsOn } from '../../agencies/domain/succession.js';
import type { Schemas } from '../in-process-api.js';

const CENTRAL_FIRST: Record<string, number> = { MINISTRY: 0, CENTRAL_AGENCY: 1, WORKING_GROUP: 2 };

/**
 * The agencies a letter may be asked of on `today` (YYYY-MM-DD): those that exist that day,
 * ministries and central agencies first, then the others, each group by name.
 */
export function askableAgencyOptions(
  agencies: Schemas['AgencyView'][],
  today: string,
): [string, string][] {
  const rank = (a: Schemas['AgencyView']) =>
    CENTRAL_FIRST[a.kind] ?? Object.keys(CENTRAL_FIRST).length;
  return agencies
    .filter((a) => existsOn(a, today))
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'vi'))
    .map((a): [string, string] => [a.code, `${a.name} (${a.code})`]);
}
