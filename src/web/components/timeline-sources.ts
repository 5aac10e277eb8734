import { readAll, read, type Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';

/*
 * What every timeline reads besides its page's own data: the object's comments and its audit
 * trail, through the API as the user (src/web/components/timeline.ts merges them).
 */

/** How many of the newest audit entries a timeline shows (the API's page limit). */
const AUDIT_ENTRIES = 100;

export type TimelineTarget =
  | { type: 'pilot'; number: number }
  | { type: 'blocker'; id: string }
  | { type: 'recommendation'; id: string };

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

/** The object's newest audit entries (a pilot's trail is keyed by its number). */
export async function auditOf(web: WebContext, t: TimelineTarget): Promise<Schemas['AuditView'][]> {
  const query = {
    entityType: t.type,
    entityId: t.type === 'pilot' ? String(t.number) : t.id,
    limit: AUDIT_ENTRIES,
  };
  return (await read(web.api.GET('/api/v1/audit', { params: { query } }))).items;
}
