import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts are stored in the one canonical form of `normalizeEmail` (src/users/email-address.ts:
 * NFKC, trimmed, A–Z lower-cased) and looked up by equality, so the unique index is on the
 * column itself instead of PostgreSQL's lower(), whose fold differs from JavaScript's.
 */
export class NormalizedEmails1795820000000 implements MigrationInterface {
  name = 'NormalizedEmails1795820000000';

  public async up(q: QueryRunner): Promise<void> {
    const [clash] = (await q.query(
      `SELECT string_agg(email, ', ') AS emails FROM app_user
        GROUP BY ${CANONICAL} HAVING count(*) > 1 LIMIT 1`,
    )) as { emails: string }[];
    if (clash) {
      throw new Error(
        `Two accounts share one address once normalised (${clash.emails}): disable and rename one first.`,
      );
    }
    await q.query(`UPDATE app_user SET email = ${CANONICAL} WHERE email <> ${CANONICAL}`);
    await q.query(`DROP INDEX "app_user_email_key"`);
    await q.query(`CREATE UNIQUE INDEX "app_user_email_key" ON "app_user" ("email")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "app_user_email_key"`);
    await q.query(`CREATE UNIQUE INDEX "app_user_email_key" ON "app_user" (lower("email"))`);
  }
}

const CANONICAL = `translate(btrim(normalize(email, NFKC)), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;
