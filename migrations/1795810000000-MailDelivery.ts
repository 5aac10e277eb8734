import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail delivery that survives outages: after a transient failure a row waits for its next
 * attempt (`next_attempt_at`) and is retried until `retry_until`; and a reminder whose letter was answered before it went out is
 * CANCELLED instead of sent.
 */
export class MailDelivery1795810000000 implements MigrationInterface {
  name = 'MailDelivery1795810000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notification" ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "notification" ADD "retry_until" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_status_valid"`);
    await q.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "notification_status_valid" CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'CANCELLED'))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "notification" SET status = 'FAILED' WHERE status = 'CANCELLED'`);
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_status_valid"`);
    await q.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "notification_status_valid" CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED'))`,
    );
    await q.query(`ALTER TABLE "notification" DROP COLUMN "retry_until"`);
    await q.query(`ALTER TABLE "notification" DROP COLUMN "next_attempt_at"`);
  }
}
