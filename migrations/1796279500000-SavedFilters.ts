import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A home for each role (issue 16, item 1): `saved_filter`, a user's named filters of the pilot
 * board and of the letters list (the list's query string under a name), one name once per user
 * and list. Removed with the account.
 */
export class SavedFilters1796279500000 implements MigrationInterface {
  name = 'SavedFilters1796279500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "saved_filter" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "list" text NOT NULL, "name" text NOT NULL, "query" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "saved_filter_list_valid" CHECK (list IN ('board', 'letters')), CONSTRAINT "saved_filter_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "saved_filter_user_list_name_key" ON "saved_filter" ("user_id", "list", "name")`,
    );
    await q.query(
      `ALTER TABLE "saved_filter" ADD CONSTRAINT "saved_filter_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "saved_filter"`);
  }
}
