import { atLocalTime, DAY_MS, localDay, type LocalDay } from '../../common/domain/local-time.js';
import { isoDay } from '../components/date-fields.js';
import { read, readAll, type Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';

type PilotView = Schemas['PilotView'];
type BlockerView = Schemas['BlockerView'];
type RecommendationView = Schemas['RecommendationView'];

/** What changed since a day, for leadership: moves, blockers raised and closed, answers in. */
export interface ChangesSince {
  /** The first day counted (from its 00:00, Vietnam time). */
  since: LocalDay;
  moves: { pilot: PilotView; from: string | null; to: string; at: string; reason: string | null }[];
  raised: BlockerView[];
  closed: { blocker: BlockerView; at: string }[];
  answers: { letter: RecommendationView; response: RecommendationView['responses'][number] }[];
}

/** The Monday before today (a week ago on a Monday), Vietnam time: "since last Monday". */
export function lastMonday(now: Date): LocalDay {
  const today = new Date(`${localDay(now)}T00:00:00Z`); // the calendar day, on UTC's clock
  const weekday = today.getUTCDay(); // 0 = Sunday
  const back = weekday === 1 ? 7 : (weekday + 6) % 7;
  return new Date(today.getTime() - back * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The day asked for (dd/mm/yyyy or YYYY-MM-DD), when it is a real day not after today; null
 * otherwise (the page then says why and counts from last Monday).
 */
export function sinceDay(text: string, now: Date): LocalDay | null {
  const day = isoDay(text);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const parsed = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) return null;
  if (day < '2000-01-01' || day > localDay(now)) return null;
  return day;
}

const CLOSING = new Set(['blocker.resolve', 'blocker.withdraw']);

/**
 * Gathered through the API as the signed-in user, from what the overview reads anyway (pilots,
 * every blocker, every letter): a pilot's moves from its history when its state changed since the
 * day; a blocker closed (resolved or withdrawn) when its audit trail says so since the day.
 */
export async function changesSince(
  web: WebContext,
  since: LocalDay,
  pilots: PilotView[],
  blockers: BlockerView[],
  letters: RecommendationView[],
): Promise<ChangesSince> {
  const from = atLocalTime(since).getTime();
  const after = (at: string) => new Date(at).getTime() >= from;
  const moved = pilots.filter((p) => after(p.stateChangedAt));
  const closedCandidates = blockers.filter(
    (b) => (b.state === 'RESOLVED' || b.state === 'WITHDRAWN') && after(b.updatedAt),
  );
  const [histories, trails] = await Promise.all([
    Promise.all(
      moved.map((p) =>
        read(
          web.api.GET('/api/v1/pilots/{number}/history', {
            params: { path: { number: String(p.number) }, query: { limit: 100 } },
          }),
        ),
      ),
    ),
    Promise.all(
      closedCandidates.map((b) =>
        readAll((page) =>
          web.api.GET('/api/v1/audit', {
            params: { query: { entityType: 'blocker', entityId: b.id, ...page } },
          }),
        ),
      ),
    ),
  ]);
  const moves = moved
    .flatMap((pilot, i) =>
      histories[i].items
        .filter((h) => after(h.at))
        .map((h) => ({ pilot, from: h.from, to: h.to, at: h.at, reason: h.reason })),
    )
    .sort((a, b) => b.at.localeCompare(a.at));
  const closed = closedCandidates
    .flatMap((blocker, i) => {
      const at = trails[i]
        .filter((e) => CLOSING.has(e.action) && after(e.at))
        .map((e) => e.at)
        .sort()
        .pop();
      return at ? [{ blocker, at }] : [];
    })
    .sort((a, b) => b.at.localeCompare(a.at));
  const raised = blockers
    .filter((b) => after(b.createdAt))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const answers = letters
    .flatMap((letter) =>
      letter.responses.filter((r) => after(r.recordedAt)).map((response) => ({ letter, response })),
    )
    .sort((a, b) => b.response.recordedAt.localeCompare(a.response.recordedAt));
  return { since, moves, raised, closed, answers };
}
