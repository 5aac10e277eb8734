import { readAll, read, type Schemas } from '../in-process-api.js';
import { WebRefusal, type WebContext } from '../web-request.js';
import type { TimelineItem } from './timeline.js';

/*
 * What every timeline reads besides its page's own data: the object's comments and its audit
 * trail, through the API as the user (src/web/components/timeline.ts merges them).
 */

/** How many audit entries one page of a timeline shows (the API's page limit). */
export const AUDIT_PAGE = 100;
/** The address's parameter of a timeline's older pages: `?lich-su=2` is the second page. */
export const TIMELINE_PAGE_PARAM = 'lich-su';
const LAST_PAGE = 10_000;

export type TimelineTarget =
  | { type: 'pilot'; number: number }
  | { type: 'blocker'; id: string }
  | { type: 'recommendation'; id: string };

/**
 * One page of a timeline: AUDIT_PAGE audit entries, newest first, and the stretch of time they
 * cover, (after, upTo]; the other sources' items (moves, comments, answers, escalation events)
 * are shown on the page whose stretch holds them, so the pages together show each item once.
 * `after`: the oldest entry shown, when older ones remain (null: this is the last page).
 * `upTo`: the oldest entry of the page before (null: this is the first page).
 */
export interface TimelinePaging {
  page: number;
  pages: number;
  after: string | null;
  upTo: string | null;
}

/** The page asked for in the address (`?lich-su=N`), 1 when none; anything else is refused. */
export function timelinePageOf(value: unknown): number {
  if (value === undefined || value === '') return 1;
  const text = typeof value === 'string' ? value : '';
  const page = /^[1-9][0-9]{0,4}$/.test(text) ? Number(text) : NaN;
  if (!(page <= LAST_PAGE))
    throw new WebRefusal(400, 'Trang lịch sử phải là một số nguyên dương (?lich-su=2).');
  return page;
}

/** The object's comments, oldest first, all of them (up to readAll's bound). */
export function commentsOf(web: WebContext, t: TimelineTarget): Promise<Schemas['CommentView'][]> {
  if (t.type === 'pilot') {
    const path = { number: String(t.number) };
    return readAll((page) =>
      web.api.GET('/api/v1/pilots/{number}/comments', { params: { path, query: page } }),
    );
  }
  const path = { id: t.id };
  return t.type === 'blocker'
    ? readAll((page) =>
        web.api.GET('/api/v1/blockers/{id}/comments', { params: { path, query: page } }),
      )
    : readAll((page) =>
        web.api.GET('/api/v1/recommendations/{id}/comments', { params: { path, query: page } }),
      );
}

/**
 * One page of the object's audit trail (a pilot's is keyed by its number), with the stretch of
 * time it covers: the page's entries by offset, and the entry just before them (the oldest of
 * the previous page) for where the stretch begins. A page past the last is not found.
 */
export async function auditOf(
  web: WebContext,
  t: TimelineTarget,
  page = 1,
): Promise<{ entries: Schemas['AuditView'][]; paging: TimelinePaging }> {
  const trail = { entityType: t.type, entityId: t.type === 'pilot' ? String(t.number) : t.id };
  const offset = (page - 1) * AUDIT_PAGE;
  const [entries, before] = await Promise.all([
    read(
      web.api.GET('/api/v1/audit', { params: { query: { ...trail, limit: AUDIT_PAGE, offset } } }),
    ),
    page > 1
      ? read(
          web.api.GET('/api/v1/audit', {
            params: { query: { ...trail, limit: 1, offset: offset - 1 } },
          }),
        )
      : undefined,
  ]);
  const pages = Math.max(1, Math.ceil(entries.total / AUDIT_PAGE));
  if (page > pages) throw new WebRefusal(404, `Lịch sử chỉ có ${pages} trang.`);
  const more = offset + entries.items.length < entries.total;
  return {
    entries: entries.items,
    paging: {
      page,
      pages,
      after: more ? entries.items[entries.items.length - 1].at : null,
      upTo: before?.items[0]?.at ?? null,
    },
  };
}

/** The items of the page's stretch of time (see TimelinePaging). */
export function withinPage(items: TimelineItem[], paging: TimelinePaging): TimelineItem[] {
  const after = paging.after === null ? -Infinity : Date.parse(paging.after);
  const upTo = paging.upTo === null ? Infinity : Date.parse(paging.upTo);
  return items.filter((item) => {
    const at = Date.parse(item.at);
    return at > after && at <= upTo;
  });
}
