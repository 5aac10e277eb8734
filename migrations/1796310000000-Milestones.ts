import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pilot milestones (issue 15, item 4): `milestone`, a pilot's named deadline (due on a day, in a
 * month or a year, kept as given with the day it falls due), its owner agency and state;
 * `milestone_revision`, each milestone as each write left it, so a period reads it as of its
 * cut-off. The audit trail gains the entity type `milestone`, the outbox the kind
 * `MILESTONE_REMINDER`.
 */
export class Milestones1796310000000 implements MigrationInterface {
  name = 'Milestones1796310000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "milestone" (
         "version" integer NOT NULL DEFAULT '1',
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "pilot_id" uuid NOT NULL,
         "name" text NOT NULL,
         "note" text,
         "due_text" text NOT NULL,
         "due_precision" text NOT NULL,
         "due_on" date NOT NULL,
         "owner_agency_id" uuid NOT NULL,
         "state" text NOT NULL,
         "done_on" date,
         "drop_reason" text,
         "created_by_id" uuid,
         "seed_key" text,
         CONSTRAINT "milestone_done_on_when_done" CHECK ((state = 'DONE') = (done_on IS NOT NULL)),
         CONSTRAINT "milestone_due_precision_valid" CHECK (due_precision IN ('DAY', 'MONTH', 'YEAR')),
         CONSTRAINT "milestone_state_valid" CHECK (state IN ('PLANNED', 'DONE', 'DROPPED')),
         CONSTRAINT "PK_f8372abce331f60ba7b33fe23a7" PRIMARY KEY ("id"),
         CONSTRAINT "milestone_pilot_id_fkey" FOREIGN KEY ("pilot_id") REFERENCES "pilot" ("id")
           ON DELETE RESTRICT,
         CONSTRAINT "milestone_owner_agency_id_fkey" FOREIGN KEY ("owner_agency_id")
           REFERENCES "agency" ("id") ON DELETE RESTRICT,
         CONSTRAINT "milestone_created_by_id_fkey" FOREIGN KEY ("created_by_id")
           REFERENCES "app_user" ("id") ON DELETE RESTRICT)`,
    );
    await q.query(`CREATE UNIQUE INDEX "milestone_seed_key_key" ON "milestone" ("seed_key")`);
    await q.query(`CREATE INDEX "milestone_due_on_idx" ON "milestone" ("due_on")`);
    await q.query(`CREATE INDEX "milestone_pilot_id_idx" ON "milestone" ("pilot_id")`);
    await q.query(
      `CREATE TABLE "milestone_revision" (
         "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
         "milestone_id" uuid NOT NULL,
         "at" TIMESTAMP WITH TIME ZONE NOT NULL,
         "name" text NOT NULL,
         "due_text" text NOT NULL,
         "due_precision" text NOT NULL,
         "due_on" date NOT NULL,
         "owner_agency_id" uuid NOT NULL,
         "state" text NOT NULL,
         "done_on" date,
         "drop_reason" text,
         "actor_id" uuid,
         CONSTRAINT "milestone_revision_due_precision_valid" CHECK (due_precision IN ('DAY', 'MONTH', 'YEAR')),
         CONSTRAINT "milestone_revision_state_valid" CHECK (state IN ('PLANNED', 'DONE', 'DROPPED')),
         CONSTRAINT "PK_f271b9f49bdafa3921853063760" PRIMARY KEY ("id"),
         CONSTRAINT "milestone_revision_milestone_id_fkey" FOREIGN KEY ("milestone_id")
           REFERENCES "milestone" ("id") ON DELETE CASCADE,
         CONSTRAINT "milestone_revision_actor_id_fkey" FOREIGN KEY ("actor_id")
           REFERENCES "app_user" ("id") ON DELETE RESTRICT)`,
    );
    await q.query(
      `CREATE INDEX "milestone_revision_milestone_id_at_idx"
         ON "milestone_revision" ("milestone_id", "at")`,
    );
    await q.query(`ALTER TABLE "audit_entry" DROP CONSTRAINT "audit_entry_entity_type_valid"`);
    await q.query(
      `ALTER TABLE "audit_entry" ADD CONSTRAINT "audit_entry_entity_type_valid" CHECK (entity_type IN
         ('pilot', 'blocker', 'recommendation', 'report', 'user', 'agency', 'period', 'policy',
          'calendar', 'notification', 'indicator', 'milestone'))`,
    );
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_kind_valid"`);
    await q.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "notification_kind_valid" CHECK (kind IN
         ('ESCALATION', 'LEADERSHIP_DIGEST', 'REPORT_REMINDER', 'LETTER_REQUEST', 'ANSWER_LINK',
          'ADDRESSEE_ANSWER', 'MILESTONE_REMINDER'))`,
    );
  }

  /** The trail is append-only: its `milestone` entries stay, so the narrower check is NOT VALID. */
  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "notification" WHERE kind = 'MILESTONE_REMINDER'`);
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_kind_valid"`);
    await q.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "notification_kind_valid" CHECK (kind IN
         ('ESCALATION', 'LEADERSHIP_DIGEST', 'REPORT_REMINDER', 'LETTER_REQUEST', 'ANSWER_LINK',
          'ADDRESSEE_ANSWER'))`,
    );
    await q.query(`ALTER TABLE "audit_entry" DROP CONSTRAINT "audit_entry_entity_type_valid"`);
    await q.query(
      `ALTER TABLE "audit_entry" ADD CONSTRAINT "audit_entry_entity_type_valid" CHECK (entity_type IN
         ('pilot', 'blocker', 'recommendation', 'report', 'user', 'agency', 'period', 'policy',
          'calendar', 'notification', 'indicator')) NOT VALID`,
    );
    await q.query(`DROP TABLE "milestone_revision"`);
    await q.query(`DROP TABLE "milestone"`);
  }
}
