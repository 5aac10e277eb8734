/**
 * Who holds an agency's duties on a given day (product.md §3, §9). Pure: the caller loads the
 * succession links (src/agencies/succession) and passes them in.
 *
 * An agency's duties pass on at a succession event's `effectiveOn` — never before — to the
 * agencies its links name; chains are followed to the end (BTTTT → BKHCN → …). Two ways to
 * follow a link where an event gives one old agency several successors:
 * - `DUTY` (an open letter's addressee: who must answer it): several successors leave it
 *   ambiguous — the secretariat chooses, and reminders wait until it does;
 * - `MAIN` (the organisation: officers' accounts, pilots' lead agencies, focal points, roles):
 *   the main successor takes over; without one it is ambiguous too.
 */

export const SUCCESSION_KINDS = ['MERGE', 'SPLIT', 'RENAME'] as const;
export type SuccessionKind = (typeof SUCCESSION_KINDS)[number];

export const AGENCY_ROLES = ['GOVERNMENT_WORKING_GROUP'] as const;
export type AgencyRole = (typeof AGENCY_ROLES)[number];

/** One link of one event: `from`'s duties (or the part `scope` names) pass to `to`. */
export interface SuccessionStep {
  eventId: string;
  kind: SuccessionKind;
  /** `YYYY-MM-DD`, the first day the successor holds the duty. */
  effectiveOn: string;
  legalBasis: string;
  from: string;
  to: string;
  isMain: boolean;
  scope: string | null;
}

export type FollowMode = 'DUTY' | 'MAIN';

export type Holder =
  /** `agency` holds the duty on the day; `path` is the steps followed to it (empty: unchanged). */
  | { status: 'HELD_BY'; agency: string; path: SuccessionStep[] }
  /**
   * An event gave `at` several successors and the mode cannot choose: `candidates` are its
   * links (the main one first when there is one); `path` led from the start to `at`.
   */
  | { status: 'AMBIGUOUS'; at: string; candidates: SuccessionStep[]; path: SuccessionStep[] };

/** Longest chain followed; the reference data's is two. A longer one is treated as a loop. */
const MAX_HOPS = 32;

/** The steps out of each agency, by agency. */
export function indexSteps(steps: readonly SuccessionStep[]): Map<string, SuccessionStep[]> {
  const byFrom = new Map<string, SuccessionStep[]>();
  for (const s of steps) {
    const list = byFrom.get(s.from) ?? [];
    list.push(s);
    byFrom.set(s.from, list);
  }
  return byFrom;
}

/**
 * The first event (by effective day, then id) that moved `agency`'s duties on or before `day`,
 * as its links out of `agency`, main first; empty when none has taken effect.
 */
function nextEvent(
  byFrom: ReadonlyMap<string, SuccessionStep[]>,
  agency: string,
  day: string,
): SuccessionStep[] {
  const due = (byFrom.get(agency) ?? []).filter((s) => s.effectiveOn <= day);
  if (due.length === 0) return [];
  const first = due.reduce((a, b) =>
    a.effectiveOn < b.effectiveOn || (a.effectiveOn === b.effectiveOn && a.eventId <= b.eventId)
      ? a
      : b,
  );
  return due
    .filter((s) => s.eventId === first.eventId)
    .sort((a, b) => Number(b.isMain) - Number(a.isMain) || a.to.localeCompare(b.to));
}

/** Who holds `start`'s duties on `day` (a `YYYY-MM-DD` day in Asia/Ho_Chi_Minh). */
export function holderOn(
  start: string,
  day: string,
  byFrom: ReadonlyMap<string, SuccessionStep[]>,
  mode: FollowMode,
): Holder {
  const path: SuccessionStep[] = [];
  const seen = new Set([start]);
  let current = start;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const links = nextEvent(byFrom, current, day);
    if (links.length === 0) return { status: 'HELD_BY', agency: current, path };
    const chosen =
      links.length === 1 ? links[0] : mode === 'MAIN' ? links.find((l) => l.isMain) : undefined;
    if (!chosen) return { status: 'AMBIGUOUS', at: current, candidates: links, path };
    if (seen.has(chosen.to)) break;
    seen.add(chosen.to);
    path.push(chosen);
    current = chosen.to;
  }
  throw new Error(`succession of ${start} loops or runs past ${MAX_HOPS} steps`);
}

/** Whether an agency exists under its own name on `day` (validity interval, end exclusive). */
export function existsOn(
  agency: { validFrom: string | null; validUntil: string | null },
  day: string,
): boolean {
  return (
    (agency.validFrom === null || agency.validFrom <= day) &&
    (agency.validUntil === null || day < agency.validUntil)
  );
}

/** SQL: the agency row aliased `alias` exists on the day `dayExpr` (a date expression). */
export const agencyExistsOnSql = (alias: string, dayExpr: string) =>
  `((${alias}.valid_from IS NULL OR ${alias}.valid_from <= ${dayExpr}) AND (${alias}.valid_until IS NULL OR ${dayExpr} < ${alias}.valid_until))`;
