import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { escapeLike } from '../common/query-params.js';
import type {
  BlockerHit,
  PilotHit,
  RecommendationHit,
  ReportHit,
  SearchResultView,
} from './search.view.js';

/** The most hits of each kind in one answer; the total says how many more there are. */
export const SEARCH_LIMIT = 20;

type Counted<T> = T & { total: number };

/**
 * The header's search (issue 16): pilots, blockers, letters and monthly reports at once, without
 * diacritics or case ("ho tich" finds "hộ tịch", "HIS" finds "Phần mềm HIS"). It matches as each
 * list's own `q` does — f_unaccent (migration SearchAndLoginThrottle: lower(unaccent(…)), the
 * expression the trigram indexes of pilots, blockers and letters are built on) of the same
 * columns, so a hit here is a hit on that list — and reports by their progress text.
 *
 * What a user may read: every role reads every pilot, blocker, letter and report (the lists and
 * pages are open to all; only writes depend on role and agency), so the search shows each user
 * the same objects those lists show them. Should a list ever be narrowed by role, its kind must
 * be narrowed here too: `actor` is taken for that reason.
 */
@Injectable()
export class SearchService {
  constructor(private readonly dataSource: DataSource) {}

  async search(q: string, _actor: Actor): Promise<SearchResultView> {
    const pattern = `%${escapeLike(q)}%`;
    const [pilots, blockers, recommendations, reports] = await Promise.all([
      this.rows<PilotHit>(
        `SELECT p.number, p.name, p.state, count(*) OVER ()::int AS total
           FROM pilot p
          WHERE f_unaccent(p.name || ' ' || coalesce(p.progress, '')) LIKE f_unaccent($1)
          ORDER BY p.number
          LIMIT ${SEARCH_LIMIT}`,
        pattern,
      ),
      this.rows<BlockerHit>(
        `SELECT b.id, b.title, p.number AS "pilotNumber", b.topic, b.state,
                (SELECT rb.recommendation_id FROM recommendation_blocker rb
                   JOIN recommendation r ON r.id = rb.recommendation_id
                  WHERE rb.blocker_id = b.id
                  ORDER BY r.letter_date DESC NULLS LAST, r.created_at DESC LIMIT 1) AS "recommendationId",
                count(*) OVER ()::int AS total
           FROM blocker b LEFT JOIN pilot p ON p.id = b.pilot_id
          WHERE f_unaccent(b.title || ' ' || b.description || ' ' || coalesce(b.topic, '')) LIKE f_unaccent($1)
          ORDER BY p.number NULLS LAST, b.created_at, b.id
          LIMIT ${SEARCH_LIMIT}`,
        pattern,
      ),
      this.rows<RecommendationHit>(
        `SELECT r.id, r.document_number AS "documentNumber",
                to_char(r.letter_date, 'YYYY-MM-DD') AS "letterDate", r.summary, r.state,
                count(*) OVER ()::int AS total
           FROM recommendation r
          WHERE f_unaccent(coalesce(r.document_number, '') || ' ' || r.summary) LIKE f_unaccent($1)
          ORDER BY r.letter_date DESC NULLS FIRST, r.document_number, r.created_at, r.id
          LIMIT ${SEARCH_LIMIT}`,
        pattern,
      ),
      this.rows<ReportHit & { progress: string }>(
        `SELECT p.number AS "pilotNumber", p.name AS "pilotName", pr.period, pr.progress,
                count(*) OVER ()::int AS total
           FROM pilot_report pr JOIN pilot p ON p.id = pr.pilot_id
          WHERE f_unaccent(pr.progress) LIKE f_unaccent($1)
          ORDER BY pr.period DESC, p.number
          LIMIT ${SEARCH_LIMIT}`,
        pattern,
      ),
    ]);
    return {
      q,
      pilots: page(pilots),
      blockers: page(blockers),
      recommendations: page(recommendations),
      reports: page(reports.map(({ progress, ...r }) => ({ ...r, excerpt: excerpt(progress, q) }))),
    };
  }

  private rows<T>(sql: string, pattern: string): Promise<Counted<T>[]> {
    return this.dataSource.query(sql, [pattern]);
  }
}

function page<T>(rows: Counted<T>[]): { items: T[]; total: number } {
  return {
    items: rows.map(({ total: _, ...row }) => row as T),
    total: rows[0]?.total ?? 0,
  };
}

/** Folded for comparison as f_unaccent folds: no marks, đ as d, lower case; one char for one. */
function fold(text: string): string {
  return [...text]
    .map(
      (c) => c.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase()[0] ?? c,
    )
    .join('');
}

/** About 160 characters of a report around the first match, cut at words. */
export function excerpt(text: string, q: string, width = 160): string {
  const chars = [...text];
  const at = fold(text).indexOf(fold(q));
  if (chars.length <= width) return text;
  const start = Math.max(0, (at < 0 ? 0 : at) - Math.floor(width / 3));
  let piece = chars.slice(start, start + width).join('');
  if (start > 0) piece = `…${piece.slice(piece.indexOf(' ') + 1)}`;
  if (start + width < chars.length) piece = `${piece.slice(0, piece.lastIndexOf(' '))}…`;
  return piece;
}
