import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Browser sign-ins for the web interface: hashed token, CSRF token, expiry, one-time message. */
export class WebSessions1795780000000 implements MigrationInterface {
  name = 'WebSessions1795780000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "web_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" bytea NOT NULL, "user_id" uuid NOT NULL, "csrf_token" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "flash" jsonb, CONSTRAINT "web_session_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "web_session_token_hash_key" ON "web_session" ("token_hash")`,
    );
    await q.query(`CREATE INDEX "web_session_user_idx" ON "web_session" ("user_id")`);
    await q.query(`CREATE INDEX "web_session_expires_idx" ON "web_session" ("expires_at")`);
    await q.query(
      `ALTER TABLE "web_session" ADD CONSTRAINT "web_session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "web_session" DROP CONSTRAINT "web_session_user_id_fkey"`);
    await q.query(`DROP INDEX "web_session_expires_idx"`);
    await q.query(`DROP INDEX "web_session_user_idx"`);
    await q.query(`DROP INDEX "web_session_token_hash_key"`);
    await q.query(`DROP TABLE "web_session"`);
  }
}
