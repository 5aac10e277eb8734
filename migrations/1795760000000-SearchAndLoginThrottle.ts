import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Diacritic-insensitive search (`q` on pilots, blockers and recommendations) and the shared
 * store of failed sign-ins used to throttle them across processes.
 */
export class SearchAndLoginThrottle1795760000000 implements MigrationInterface {
  name = 'SearchAndLoginThrottle1795760000000';

  public async up(q: QueryRunner): Promise<void> {
    // unaccent() is only STABLE (its dictionary could change); an index needs IMMUTABLE.
    // unaccent first: under the C locale lower() leaves Đ and other non-ASCII letters alone.
    await q.query(`CREATE FUNCTION f_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`);
    await q.query(`CREATE INDEX "pilot_search_idx" ON "pilot"
      USING gin (f_unaccent("name" || ' ' || coalesce("progress", '')) gin_trgm_ops)`);
    await q.query(`CREATE INDEX "blocker_search_idx" ON "blocker"
      USING gin (f_unaccent("title" || ' ' || "description" || ' ' || coalesce("topic", '')) gin_trgm_ops)`);
    await q.query(`CREATE INDEX "recommendation_search_idx" ON "recommendation"
      USING gin (f_unaccent(coalesce("document_number", '') || ' ' || "summary") gin_trgm_ops)`);
    // Shape required by rate-limiter-flexible's PostgreSQL store.
    await q.query(`CREATE TABLE "login_throttle" (
      "key" varchar(255) PRIMARY KEY,
      "points" integer NOT NULL DEFAULT 0,
      "expire" bigint
    )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "login_throttle"`);
    await q.query(`DROP INDEX "recommendation_search_idx"`);
    await q.query(`DROP INDEX "blocker_search_idx"`);
    await q.query(`DROP INDEX "pilot_search_idx"`);
    await q.query(`DROP FUNCTION f_unaccent(text)`);
  }
}
