import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Report 442's ten letters (one document, one letter date) read in 442's order on a database
 * loaded before the seed recorded them in that order (issue 15). Letters of one document are
 * ordered as recorded (created_at); the seed once gave all ten its sending instant, or the
 * instant of loading each, so they printed in the order of their ids. Here they are recorded
 * 1 ms apart in the report's order, the last at the latest of their times (so a second run
 * changes nothing), as the seed now writes them; and the periods' stored snapshots that carry
 * them list their letters again in the order the report reads them (their own letter date and
 * number, then as recorded) — the same letters with the same figures, only their order, which
 * was an accident of the load.
 */
const REPORT_442_ORDER = [
  '442-vneid',
  '442-dvc',
  '442-covid',
  '442-pilot-2',
  '442-pilot-5',
  '442-pilot-6',
  '442-pilot-9',
  '442-pilot-16',
  '442-pilot-25',
  '442-api-docs',
];

export class ReferenceLetterOrder1796340000000 implements MigrationInterface {
  name = 'ReferenceLetterOrder1796340000000';

  public async up(q: QueryRunner): Promise<void> {
    const keys = `SELECT * FROM unnest($1::text[]) WITH ORDINALITY AS k(key, pos)`;
    await q.query(
      `WITH k AS (${keys}),
            base AS (SELECT max(r.created_at) AS at FROM recommendation r JOIN k ON k.key = r.seed_key)
       UPDATE recommendation r
          SET created_at = base.at - (n.n - k.pos) * interval '1 millisecond'
         FROM k, base, (SELECT count(*) AS n FROM k) n
        WHERE r.seed_key = k.key
          AND r.created_at IS DISTINCT FROM base.at - (n.n - k.pos) * interval '1 millisecond'`,
      [REPORT_442_ORDER],
    );
    await q.query(
      `UPDATE period_snapshot s
          SET data = jsonb_set(s.data, '{recommendations}', o.letters)
         FROM (SELECT s2.id,
                      jsonb_agg(e.letter ORDER BY e.letter->>'letterDate' NULLS LAST,
                                e.letter->>'documentNumber' NULLS LAST,
                                r.created_at NULLS LAST, e.ord) AS letters
                 FROM period_snapshot s2
                 CROSS JOIN LATERAL jsonb_array_elements(s2.data->'recommendations')
                            WITH ORDINALITY AS e(letter, ord)
                 LEFT JOIN recommendation r ON r.id::text = e.letter->>'id'
                WHERE jsonb_typeof(s2.data->'recommendations') = 'array'
                  AND EXISTS (SELECT 1 FROM recommendation x
                               WHERE x.seed_key = ANY($1::text[])
                                 AND s2.data->'recommendations' @> jsonb_build_array(jsonb_build_object('id', x.id::text)))
                GROUP BY s2.id) o
        WHERE s.id = o.id AND s.data->'recommendations' IS DISTINCT FROM o.letters`,
      [REPORT_442_ORDER],
    );
  }

  public async down(): Promise<void> {
    // The order before was no one's choice: nothing to restore.
  }
}
