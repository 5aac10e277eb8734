import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One mail per recipient per wave (issue 12, item 4): an ESCALATION row carries the structured
 * reminder it stands for (`item`, an EscalationMailItem), from which the sender renders one
 * combined mail for every row of a recipient due together; the rows mailed together share a
 * `batch_id`, recorded before the mail goes out, from which the mail's Message-ID is derived
 * (so a resend after a crash is the same message).
 */
export class MailBatches1795870000000 implements MigrationInterface {
  name = 'MailBatches1795870000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notification" ADD "item" jsonb`);
    await q.query(`ALTER TABLE "notification" ADD "batch_id" uuid`);
    await q.query(`CREATE INDEX "notification_batch_id_idx" ON "notification" ("batch_id")`);
    // The sender's claim: a recipient's reminders waiting to be sent.
    await q.query(
      `CREATE INDEX "notification_reminders_due_idx" ON "notification" (lower(recipient_email))
        WHERE status = 'PENDING' AND kind = 'ESCALATION' AND item IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "notification_reminders_due_idx"`);
    await q.query(`DROP INDEX "notification_batch_id_idx"`);
    await q.query(`ALTER TABLE "notification" DROP COLUMN "batch_id"`);
    await q.query(`ALTER TABLE "notification" DROP COLUMN "item"`);
  }
}
