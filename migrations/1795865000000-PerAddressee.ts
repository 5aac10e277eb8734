import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each ministry on its own clock (issue 12, item 1; product.md §3–§4): every addressee of a
 * letter gets its own status, due time, answers and escalation ladder.
 *
 * - recommendation_addressee: `status` (AWAITING → ACKNOWLEDGED → ANSWERED, or RELEASED by the
 *   secretariat with a reason), an optional own `due_at` (null: the letter's), who handles it.
 * - recommendation_response: the addressee it answers and the agency that answered (null: an
 *   answer recorded before this, on a letter with several addressees — unattributed, listed for
 *   the secretariat to assign), its channel, and the cycle it answered.
 * - escalation_event: the addressee whose ladder the step belongs to.
 * - recommendation_addressee_change: every status or due-time move of an addressee, so a
 *   period's report can read it as of its cut-off.
 *
 * Carrying existing data across, without loss:
 * - an answer on a letter with one addressee is that addressee's (answered by it); on a letter
 *   with several it stays unattributed;
 * - an addressee is ANSWERED when an answer of the current cycle is attributed to it, and AWAITING
 *   otherwise; a letter's own state is left as it was (an ANSWERED letter whose answer is
 *   unattributed stays ANSWERED: nobody is reminded until the secretariat assigns the answer or
 *   reopens the letter);
 * - a step already recorded for a letter is recorded for each of its addressees (every one of
 *   them was reminded by it); the mails keep pointing at the first addressee's copy.
 */
export class PerAddressee1795865000000 implements MigrationInterface {
  name = 'PerAddressee1795865000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "recommendation_addressee"
         ADD "status" text NOT NULL DEFAULT 'AWAITING',
         ADD "due_at" TIMESTAMP WITH TIME ZONE,
         ADD "status_changed_at" TIMESTAMP WITH TIME ZONE,
         ADD "handled_by" text,
         ADD "release_reason" text,
         ADD CONSTRAINT "recommendation_addressee_status_valid"
             CHECK (status IN ('AWAITING', 'ACKNOWLEDGED', 'ANSWERED', 'RELEASED')),
         ADD CONSTRAINT "recommendation_addressee_released_has_reason"
             CHECK (status <> 'RELEASED' OR release_reason IS NOT NULL)`,
    );
    await q.query(
      `ALTER TABLE "recommendation_response"
         ADD "addressee_agency_id" uuid REFERENCES "agency" ("id") ON DELETE RESTRICT,
         ADD "answered_by_agency_id" uuid REFERENCES "agency" ("id") ON DELETE RESTRICT,
         ADD "channel" text NOT NULL DEFAULT 'SECRETARIAT',
         ADD "cycle" integer NOT NULL DEFAULT '1',
         ADD CONSTRAINT "recommendation_response_channel_valid"
             CHECK (channel IN ('SECRETARIAT', 'ADDRESSEE_LINK'))`,
    );
    // Answers recorded so far: the cycle they answered is the last one the letter had reached when
    // recorded (its history says when each cycle began); attributed when the letter has one addressee.
    await q.query(
      `UPDATE recommendation_response resp
          SET cycle = coalesce((SELECT max(sc.cycle) FROM recommendation_state_change sc
                                 WHERE sc.recommendation_id = resp.recommendation_id
                                   AND sc.at <= resp.recorded_at), 1)`,
    );
    await q.query(
      `UPDATE recommendation_response resp
          SET addressee_agency_id = single.agency_id, answered_by_agency_id = single.agency_id
         FROM (SELECT recommendation_id, min(agency_id::text)::uuid AS agency_id
                 FROM recommendation_addressee GROUP BY recommendation_id
               HAVING count(*) = 1) single
        WHERE single.recommendation_id = resp.recommendation_id`,
    );
    await q.query(
      `UPDATE recommendation_addressee ra
          SET status = 'ANSWERED', status_changed_at = answered.at
         FROM (SELECT resp.recommendation_id, resp.addressee_agency_id, max(resp.recorded_at) AS at
                 FROM recommendation_response resp JOIN recommendation r ON r.id = resp.recommendation_id
                WHERE resp.cycle = r.cycle AND resp.addressee_agency_id IS NOT NULL
                  AND r.state IN ('ANSWERED', 'CLOSED')
                GROUP BY resp.recommendation_id, resp.addressee_agency_id) answered
        WHERE ra.recommendation_id = answered.recommendation_id AND ra.agency_id = answered.addressee_agency_id`,
    );

    await q.query(
      `CREATE TABLE "recommendation_addressee_change" (
         "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
         "recommendation_id" uuid NOT NULL,
         "agency_id" uuid NOT NULL,
         "from_status" text,
         "to_status" text NOT NULL,
         "due_at" TIMESTAMP WITH TIME ZONE,
         "cycle" integer NOT NULL,
         "at" TIMESTAMP WITH TIME ZONE NOT NULL,
         "actor_id" uuid,
         CONSTRAINT "recommendation_addressee_change_to_valid" CHECK (to_status IN ('AWAITING', 'ACKNOWLEDGED', 'ANSWERED', 'RELEASED')),
         CONSTRAINT "recommendation_addressee_change_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "recommendation_addressee_change_recommendation_id_at_idx" ON "recommendation_addressee_change" ("recommendation_id", "at")`,
    );
    await q.query(
      `ALTER TABLE "recommendation_addressee_change" ADD CONSTRAINT "recommendation_addressee_change_recommendation_id_fkey" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Where each addressee stands now, as its first entry (from the letter's sending on).
    await q.query(
      `INSERT INTO recommendation_addressee_change (recommendation_id, agency_id, from_status, to_status, due_at, cycle, at)
       SELECT ra.recommendation_id, ra.agency_id, NULL, 'AWAITING', r.response_due_at, r.cycle, r.sent_at
         FROM recommendation_addressee ra JOIN recommendation r ON r.id = ra.recommendation_id
        WHERE r.sent_at IS NOT NULL`,
    );
    await q.query(
      `INSERT INTO recommendation_addressee_change (recommendation_id, agency_id, from_status, to_status, due_at, cycle, at)
       SELECT ra.recommendation_id, ra.agency_id, 'AWAITING', ra.status, r.response_due_at, r.cycle, ra.status_changed_at
         FROM recommendation_addressee ra JOIN recommendation r ON r.id = ra.recommendation_id
        WHERE ra.status <> 'AWAITING'`,
    );

    await q.query(`ALTER TABLE "escalation_event" ADD "agency_id" uuid`);
    await q.query(`DROP INDEX "escalation_event_step_key"`);
    await q.query(
      `INSERT INTO escalation_event (recommendation_id, agency_id, cycle, level, repeat, level_name, outcome, due_at, occurred_at, working_days_overdue)
       SELECT e.recommendation_id, ra.agency_id, e.cycle, e.level, e.repeat, e.level_name, e.outcome, e.due_at, e.occurred_at, e.working_days_overdue
         FROM escalation_event e JOIN recommendation_addressee ra ON ra.recommendation_id = e.recommendation_id
        WHERE ra.position > 0`,
    );
    await q.query(
      `UPDATE escalation_event e SET agency_id = ra.agency_id
         FROM recommendation_addressee ra
        WHERE ra.recommendation_id = e.recommendation_id AND ra.position = 0 AND e.agency_id IS NULL`,
    );
    await q.query(`DELETE FROM escalation_event WHERE agency_id IS NULL`);
    await q.query(`ALTER TABLE "escalation_event" ALTER COLUMN "agency_id" SET NOT NULL`);
    await q.query(
      `ALTER TABLE "escalation_event" ADD CONSTRAINT "escalation_event_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "escalation_event_step_key" ON "escalation_event" ("recommendation_id", "agency_id", "cycle", "level", "repeat")`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "escalation_event_step_key"`);
    await q.query(
      `DELETE FROM escalation_event e USING recommendation_addressee ra
        WHERE ra.recommendation_id = e.recommendation_id AND ra.agency_id = e.agency_id AND ra.position > 0
          AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.escalation_event_id = e.id)`,
    );
    await q.query(
      `DELETE FROM escalation_event e WHERE EXISTS (
         SELECT 1 FROM escalation_event other
          WHERE other.recommendation_id = e.recommendation_id AND other.cycle = e.cycle
            AND other.level = e.level AND other.repeat = e.repeat AND other.id < e.id)
          AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.escalation_event_id = e.id)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "escalation_event_step_key" ON "escalation_event" ("recommendation_id", "cycle", "level", "repeat")`,
    );
    await q.query(
      `ALTER TABLE "escalation_event" DROP CONSTRAINT "escalation_event_agency_id_fkey"`,
    );
    await q.query(`ALTER TABLE "escalation_event" DROP COLUMN "agency_id"`);
    await q.query(`DROP TABLE "recommendation_addressee_change"`);
    await q.query(
      `ALTER TABLE "recommendation_response" DROP CONSTRAINT "recommendation_response_channel_valid",
         DROP COLUMN "cycle", DROP COLUMN "channel", DROP COLUMN "answered_by_agency_id", DROP COLUMN "addressee_agency_id"`,
    );
    await q.query(
      `ALTER TABLE "recommendation_addressee" DROP CONSTRAINT "recommendation_addressee_released_has_reason",
         DROP CONSTRAINT "recommendation_addressee_status_valid",
         DROP COLUMN "release_reason", DROP COLUMN "handled_by", DROP COLUMN "status_changed_at",
         DROP COLUMN "due_at", DROP COLUMN "status"`,
    );
  }
}
