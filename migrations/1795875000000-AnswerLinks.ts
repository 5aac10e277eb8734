import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'ESCALATION', 'LEADERSHIP_DIGEST', 'REPORT_REMINDER', 'LETTER_REQUEST'`;

/**
 * An answer path for the addressee, without an account (issue 12, item 2): `answer_link`, one
 * personal link per letter and addressee (as the letter names it), signed, expiring, revocable,
 * marked when an answer was recorded through it. Nothing of the token is stored: it is the link's
 * id and an HMAC of it, recomputed from the service's secret. The outbox gets two kinds: the
 * mail carrying a link (ANSWER_LINK) and the mail telling the secretariat and the pilots'
 * officers that an addressee answered through one (ADDRESSEE_ANSWER).
 */
export class AnswerLinks1795875000000 implements MigrationInterface {
  name = 'AnswerLinks1795875000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "answer_link" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "recommendation_id" uuid NOT NULL,
         "agency_id" uuid NOT NULL,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
         "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
         "revoked_at" TIMESTAMP WITH TIME ZONE,
         "revoked_by_id" uuid,
         "last_used_at" TIMESTAMP WITH TIME ZONE,
         "answered_at" TIMESTAMP WITH TIME ZONE,
         "issued_by_id" uuid,
         CONSTRAINT "answer_link_expires_after_created" CHECK (expires_at > created_at),
         CONSTRAINT "answer_link_revoked_has_who" CHECK (revoked_at IS NOT NULL OR revoked_by_id IS NULL),
         CONSTRAINT "answer_link_pkey" PRIMARY KEY ("id"),
         CONSTRAINT "answer_link_addressee_fkey" FOREIGN KEY ("recommendation_id", "agency_id")
           REFERENCES "recommendation_addressee" ("recommendation_id", "agency_id") ON DELETE CASCADE,
         CONSTRAINT "answer_link_revoked_by_id_fkey" FOREIGN KEY ("revoked_by_id")
           REFERENCES "app_user" ("id") ON DELETE RESTRICT,
         CONSTRAINT "answer_link_issued_by_id_fkey" FOREIGN KEY ("issued_by_id")
           REFERENCES "app_user" ("id") ON DELETE RESTRICT)`,
    );
    await q.query(
      `CREATE INDEX "answer_link_addressee_idx" ON "answer_link" ("recommendation_id", "agency_id", "created_at")`,
    );
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_kind_valid"`);
    await q.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "notification_kind_valid" CHECK (kind IN (${KINDS_BEFORE}, 'ANSWER_LINK', 'ADDRESSEE_ANSWER'))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "notification" WHERE kind IN ('ANSWER_LINK', 'ADDRESSEE_ANSWER')`);
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_kind_valid"`);
    await q.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "notification_kind_valid" CHECK (kind IN (${KINDS_BEFORE}))`,
    );
    await q.query(`DROP TABLE "answer_link"`);
  }
}
