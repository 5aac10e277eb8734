import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The officer asks, the secretariat acts (issue 12, item 6): a request that the secretariat
 * send a letter for a CENTRAL blocker (what to ask, of which agency, why it blocks the pilot),
 * at most one open per blocker and agency, linked to the draft letter it becomes; and the
 * outbox's LETTER_REQUEST mails that tell the secretariat of a new one.
 */
export class LetterRequests1795860000000 implements MigrationInterface {
  name = 'LetterRequests1795860000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "letter_request" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "blocker_id" uuid NOT NULL,
         "agency_id" uuid NOT NULL,
         "question" text NOT NULL,
         "impact" text NOT NULL,
         "state" text NOT NULL,
         "requesting_agency_id" uuid,
         "requested_by_id" uuid,
         "recommendation_id" uuid,
         "closing_reason" text,
         "closed_at" TIMESTAMP WITH TIME ZONE,
         "closed_by_id" uuid,
         "version" integer NOT NULL DEFAULT '1',
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "letter_request_state_valid" CHECK (state IN ('OPEN', 'DRAFTED', 'DECLINED', 'WITHDRAWN')),
         CONSTRAINT "letter_request_drafted_has_letter" CHECK ((state = 'DRAFTED') = (recommendation_id IS NOT NULL)),
         CONSTRAINT "letter_request_declined_has_reason" CHECK (state <> 'DECLINED' OR closing_reason IS NOT NULL),
         CONSTRAINT "letter_request_pkey" PRIMARY KEY ("id"))`,
    );
    for (const column of ['blocker_id', 'state', 'recommendation_id'])
      await q.query(
        `CREATE INDEX "letter_request_${column}_idx" ON "letter_request" ("${column}")`,
      );
    await q.query(
      `CREATE UNIQUE INDEX "letter_request_open_key" ON "letter_request" ("blocker_id", "agency_id") WHERE state = 'OPEN'`,
    );
    for (const [column, table] of [
      ['blocker_id', 'blocker'],
      ['agency_id', 'agency'],
      ['requesting_agency_id', 'agency'],
      ['requested_by_id', 'app_user'],
      ['recommendation_id', 'recommendation'],
      ['closed_by_id', 'app_user'],
    ])
      await q.query(
        `ALTER TABLE "letter_request" ADD CONSTRAINT "letter_request_${column}_fkey" FOREIGN KEY ("${column}") REFERENCES "${table}"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_kind_valid"`);
    await q.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "notification_kind_valid" CHECK (kind IN ('ESCALATION', 'LEADERSHIP_DIGEST', 'REPORT_REMINDER', 'LETTER_REQUEST'))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "notification" WHERE kind = 'LETTER_REQUEST'`);
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_kind_valid"`);
    await q.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "notification_kind_valid" CHECK (kind IN ('ESCALATION', 'LEADERSHIP_DIGEST', 'REPORT_REMINDER'))`,
    );
    await q.query(`DROP TABLE "letter_request"`);
  }
}
