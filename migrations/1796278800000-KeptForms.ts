import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nothing typed is lost (issue 16, item 2): `kept_form`, a form posted after its web session had
 * ended, kept for the account whose session it was (and only in the browser that posted it: the
 * hash of a cookie's token) for half an hour, to fill the form in again after sign-in.
 */
export class KeptForms1796278800000 implements MigrationInterface {
  name = 'KeptForms1796278800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "kept_form" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" bytea NOT NULL, "user_id" uuid NOT NULL, "action" text NOT NULL, "return_to" text NOT NULL, "fields" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "kept_form_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "kept_form_token_hash_key" ON "kept_form" ("token_hash")`);
    await q.query(`CREATE INDEX "kept_form_user_idx" ON "kept_form" ("user_id")`);
    await q.query(`CREATE INDEX "kept_form_expires_idx" ON "kept_form" ("expires_at")`);
    await q.query(
      `ALTER TABLE "kept_form" ADD CONSTRAINT "kept_form_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "kept_form"`);
  }
}
