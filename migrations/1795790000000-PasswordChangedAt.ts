import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A password change revokes the access tokens issued before it (browser sessions are deleted). */
export class PasswordChangedAt1795790000000 implements MigrationInterface {
  name = 'PasswordChangedAt1795790000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" ADD "password_changed_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "password_changed_at"`);
  }
}
