import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Blockers' words over time (issue 15): `blocker_revision` keeps each version of a blocker's
 * topic, title, description, category and authority, so a past period's report (section II,
 * Phụ lục II) prints a blocker as it was worded at the period's cut-off, not as edited since.
 *
 * Existing blockers edited through the service get their history from the audit trail: the
 * words before the first edit (dated when the blocker was first raised), then each edit's words
 * at the audit entry's time. Blockers never edited get no rows: they read as they stand, and
 * their first edit writes their earlier words first (BlockerWorkflowService.update).
 */
export class BlockerRevision1796320000000 implements MigrationInterface {
  name = 'BlockerRevision1796320000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "blocker_revision" (
         "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
         "blocker_id" uuid NOT NULL,
         "topic" text,
         "title" text NOT NULL,
         "description" text NOT NULL,
         "category" text NOT NULL,
         "authority" text NOT NULL,
         "at" TIMESTAMP WITH TIME ZONE NOT NULL,
         "author_id" uuid,
         CONSTRAINT "PK_81e0bb3d6b345d1a160d6f65e42" PRIMARY KEY ("id"),
         CONSTRAINT "blocker_revision_blocker_id_fkey" FOREIGN KEY ("blocker_id")
           REFERENCES "blocker" ("id") ON DELETE CASCADE,
         CONSTRAINT "blocker_revision_author_id_fkey" FOREIGN KEY ("author_id")
           REFERENCES "app_user" ("id") ON DELETE RESTRICT)`,
    );
    await q.query(
      `CREATE INDEX "blocker_revision_blocker_id_at_idx" ON "blocker_revision" ("blocker_id", "at")`,
    );
    await backfillBlockerWords(q);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "blocker_revision"`);
  }
}

/**
 * Blockers' words from the audit trail, for blockers edited before their words were kept: the
 * words before the first edit (dated when the blocker was first raised), then each edit's, at the
 * audit entry's time (the database's clock when it was written). Blockers never edited get none.
 */
export async function backfillBlockerWords(q: { query(sql: string): Promise<unknown> }) {
  await q.query(
    `WITH edits AS (
         SELECT e.entity_id::uuid AS blocker_id, e.id, e.at, e.before, e.after, e.actor_id,
                row_number() OVER (PARTITION BY e.entity_id ORDER BY e.at, e.id) AS n
           FROM audit_entry e JOIN blocker b ON b.id::text = e.entity_id
          WHERE e.entity_type = 'blocker' AND e.action = 'blocker.update')
       INSERT INTO blocker_revision
         (blocker_id, topic, title, description, category, authority, at, author_id)
       SELECT blocker_id, w->>'topic', w->>'title', w->>'description', w->>'category',
              w->>'authority', at, author_id
         FROM (
           SELECT x.blocker_id, x.before AS w, 0 AS k, x.id,
                  coalesce((SELECT min(h.at) FROM blocker_state_change h
                             WHERE h.blocker_id = x.blocker_id), b.created_at) AS at,
                  b.raised_by_id AS author_id
             FROM edits x JOIN blocker b ON b.id = x.blocker_id WHERE x.n = 1
           UNION ALL
           SELECT x.blocker_id, x.after, 1, x.id, x.at,
                  (SELECT u.id FROM app_user u WHERE u.id = x.actor_id)
             FROM edits x) r
        WHERE w->>'title' IS NOT NULL AND w->>'description' IS NOT NULL
        ORDER BY blocker_id, k, id`,
  );
}
