import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Comments on pilots, blockers and letters (issue 16, item 5): author, time, text and the time
 * of the last edit. Exactly one object per comment, each kind through its own foreign key so a
 * comment never outlives what it is about; the text is 1–4,000 characters, as the API checks.
 */
export class Comments1796281000000 implements MigrationInterface {
  name = 'Comments1796281000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "comment" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "pilot_id" uuid,
         "blocker_id" uuid,
         "recommendation_id" uuid,
         "author_id" uuid NOT NULL,
         "body" text NOT NULL,
         "edited_at" TIMESTAMP WITH TIME ZONE,
         "version" integer NOT NULL DEFAULT '1',
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "comment_one_target" CHECK (num_nonnulls(pilot_id, blocker_id, recommendation_id) = 1),
         CONSTRAINT "comment_body_length" CHECK (char_length(body) BETWEEN 1 AND 4000),
         CONSTRAINT "comment_pkey" PRIMARY KEY ("id"))`,
    );
    for (const column of ['pilot_id', 'blocker_id', 'recommendation_id'])
      await q.query(
        `CREATE INDEX "comment_${column}_idx" ON "comment" ("${column}", "created_at")`,
      );
    for (const [column, table] of [
      ['pilot_id', 'pilot'],
      ['blocker_id', 'blocker'],
      ['recommendation_id', 'recommendation'],
      ['author_id', 'app_user'],
    ])
      await q.query(
        `ALTER TABLE "comment" ADD CONSTRAINT "comment_${column}_fkey" FOREIGN KEY ("${column}") REFERENCES "${table}"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "comment"`);
  }
}
