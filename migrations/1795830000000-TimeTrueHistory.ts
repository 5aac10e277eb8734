import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Time-true history (product.md §3, "Periods are read as of their end"): what a period's report
 * says is read as of its cut-off instant from history, so every fact it reads gets one.
 *
 * - `recommendation_state_change`: each move of a letter, with its response due time and cycle
 *   after the move; `blocker_state_change`: each move of a blocker (raised, escalated and
 *   de-escalated with its letters, resolved, withdrawn, reopened) with the resolution or reason;
 *   `pilot_report_revision`: each version of a monthly report's text and figures. The services
 *   write them in the transaction of the change; ids order the moves of one instant.
 * - `pilot_lead_agency` rows hold over days (`valid_from`, `valid_until` exclusive; NULL: open),
 *   so an agency merged away can be closed and its successor opened while a past document still
 *   names the lead agency of its day. A surrogate key replaces (pilot_id, agency_id); position and
 *   agency are unique per pilot among the current rows only.
 *
 * The existing rows get their history from what the database holds (backfillTimeTrueHistory):
 * the audit trail, which records every move made through the service with its time, before and
 * after; and, for rows never moved through the service (loaded or written directly), their own
 * columns. What a backfill cannot know: for rows without audit entries, anything between their
 * creation and their current state but what the columns keep (a withdrawal, a closing or a
 * resolution is dated by closed_at/resolved_at or else updated_at, the last write of the row, and
 * intermediate resolutions, reopenings and answer cycles are lost); an edited report without
 * audit entries has one revision, its current text, dated when it was created; and times are the
 * database's clock when the audit entry was written (the transaction's start).
 */
export class TimeTrueHistory1795830000000 implements MigrationInterface {
  name = 'TimeTrueHistory1795830000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "recommendation_state_change" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "recommendation_id" uuid NOT NULL, "from_state" text, "to_state" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "response_due_at" TIMESTAMP WITH TIME ZONE, "cycle" integer NOT NULL, "actor_id" uuid, CONSTRAINT "recommendation_state_change_cycle_positive" CHECK (cycle >= 1), CONSTRAINT "recommendation_state_change_to_valid" CHECK (to_state IN ('DRAFT', 'SENT', 'ANSWERED', 'CLOSED', 'WITHDRAWN')), CONSTRAINT "recommendation_state_change_from_valid" CHECK (from_state IS NULL OR from_state IN ('DRAFT', 'SENT', 'ANSWERED', 'CLOSED', 'WITHDRAWN')), CONSTRAINT "PK_3b676a40b21c5a76d014c7f9500" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "recommendation_state_change_recommendation_id_at_idx" ON "recommendation_state_change" ("recommendation_id", "at")`,
    );
    await q.query(
      `ALTER TABLE "recommendation_state_change" ADD CONSTRAINT "recommendation_state_change_recommendation_id_fkey" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "recommendation_state_change" ADD CONSTRAINT "recommendation_state_change_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q.query(
      `CREATE TABLE "blocker_state_change" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "blocker_id" uuid NOT NULL, "from_state" text, "to_state" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "note" text, "actor_id" uuid, CONSTRAINT "blocker_state_change_to_valid" CHECK (to_state IN ('OPEN', 'ESCALATED', 'RESOLVED', 'WITHDRAWN')), CONSTRAINT "blocker_state_change_from_valid" CHECK (from_state IS NULL OR from_state IN ('OPEN', 'ESCALATED', 'RESOLVED', 'WITHDRAWN')), CONSTRAINT "PK_ae78e9947936304f321ce4df5de" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "blocker_state_change_blocker_id_at_idx" ON "blocker_state_change" ("blocker_id", "at")`,
    );
    await q.query(
      `ALTER TABLE "blocker_state_change" ADD CONSTRAINT "blocker_state_change_blocker_id_fkey" FOREIGN KEY ("blocker_id") REFERENCES "blocker"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "blocker_state_change" ADD CONSTRAINT "blocker_state_change_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q.query(
      `CREATE TABLE "pilot_report_revision" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "report_id" uuid NOT NULL, "progress" text NOT NULL, "metrics" jsonb, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "author_id" uuid, CONSTRAINT "pilot_report_revision_metrics_object" CHECK (metrics IS NULL OR jsonb_typeof(metrics) = 'object'), CONSTRAINT "PK_8cc131ae555a0ced104b4ec7087" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "pilot_report_revision_report_id_at_idx" ON "pilot_report_revision" ("report_id", "at")`,
    );
    await q.query(
      `ALTER TABLE "pilot_report_revision" ADD CONSTRAINT "pilot_report_revision_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "pilot_report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "pilot_report_revision" ADD CONSTRAINT "pilot_report_revision_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // Lead agencies over days: a surrogate key, uniqueness among the current rows only.
    await q.query(
      `ALTER TABLE "pilot_lead_agency" ADD "id" uuid NOT NULL DEFAULT gen_random_uuid()`,
    );
    await q.query(`ALTER TABLE "pilot_lead_agency" ADD "valid_from" date`);
    await q.query(`ALTER TABLE "pilot_lead_agency" ADD "valid_until" date`);
    await q.query(
      `ALTER TABLE "pilot_lead_agency" DROP CONSTRAINT "PK_e73397123ec7bdbf5425b098dd5"`,
    );
    await q.query(
      `ALTER TABLE "pilot_lead_agency" ADD CONSTRAINT "PK_1654657cdcd944416a60d4a5461" PRIMARY KEY ("id")`,
    );
    await q.query(
      `ALTER TABLE "pilot_lead_agency" ADD CONSTRAINT "pilot_lead_agency_validity" CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from < valid_until)`,
    );
    await q.query(`DROP INDEX "pilot_lead_agency_position_key"`);
    await q.query(
      `CREATE UNIQUE INDEX "pilot_lead_agency_position_key" ON "pilot_lead_agency" ("pilot_id", "position") WHERE valid_until IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "pilot_lead_agency_current_key" ON "pilot_lead_agency" ("pilot_id", "agency_id") WHERE valid_until IS NULL`,
    );

    await backfillTimeTrueHistory(q);
  }

  public async down(q: QueryRunner): Promise<void> {
    // Rows closed by a succession cannot be kept under the old key: only the current ones are.
    await q.query(`DELETE FROM "pilot_lead_agency" WHERE valid_until IS NOT NULL`);
    await q.query(`DROP INDEX "pilot_lead_agency_current_key"`);
    await q.query(`DROP INDEX "pilot_lead_agency_position_key"`);
    await q.query(
      `CREATE UNIQUE INDEX "pilot_lead_agency_position_key" ON "pilot_lead_agency" ("pilot_id", "position")`,
    );
    await q.query(`ALTER TABLE "pilot_lead_agency" DROP CONSTRAINT "pilot_lead_agency_validity"`);
    await q.query(
      `ALTER TABLE "pilot_lead_agency" DROP CONSTRAINT "PK_1654657cdcd944416a60d4a5461"`,
    );
    await q.query(
      `ALTER TABLE "pilot_lead_agency" ADD CONSTRAINT "PK_e73397123ec7bdbf5425b098dd5" PRIMARY KEY ("pilot_id", "agency_id")`,
    );
    await q.query(`ALTER TABLE "pilot_lead_agency" DROP COLUMN "valid_until"`);
    await q.query(`ALTER TABLE "pilot_lead_agency" DROP COLUMN "valid_from"`);
    await q.query(`ALTER TABLE "pilot_lead_agency" DROP COLUMN "id"`);

    await q.query(`DROP TABLE "pilot_report_revision"`);
    await q.query(`DROP TABLE "blocker_state_change"`);
    await q.query(`DROP TABLE "recommendation_state_change"`);
  }
}

// recommendation.answered: since answers are per addressee (1795865000000), the last addressee's
// answer moves the letter under an entry of its own; a database migrated from scratch after that
// may hold such entries when this backfill runs (tests do).
const LETTER_ACTIONS = `('recommendation.create', 'recommendation.send', 'recommendation.respond', 'recommendation.answered', 'recommendation.close', 'recommendation.withdraw', 'recommendation.reopen')`;
const LETTER_MOVES = `('recommendation.send', 'recommendation.respond', 'recommendation.answered', 'recommendation.close', 'recommendation.withdraw', 'recommendation.reopen')`;
const BLOCKER_ACTIONS = `('blocker.create', 'blocker.resolve', 'blocker.withdraw', 'blocker.reopen', 'blocker.escalate', 'blocker.deescalate')`;
const BLOCKER_MOVES = `('blocker.resolve', 'blocker.withdraw', 'blocker.reopen', 'blocker.escalate', 'blocker.deescalate')`;

/** The audit entries `a` of the row aliased `row` of type `type`, by action. */
const audited = (type: string, row: string, actions: string) =>
  `SELECT 1 FROM audit_entry a WHERE a.entity_type = '${type}' AND a.entity_id = ${row}.id::text AND a.action IN ${actions}`;

/** The first audit entry (its `before`) of the row aliased `row`'s moves. */
const firstMove = (type: string, row: string, actions: string) =>
  `SELECT a.before FROM audit_entry a WHERE a.entity_type = '${type}' AND a.entity_id = ${row}.id::text
      AND a.action IN ${actions} ORDER BY a.at, a.id LIMIT 1`;

/**
 * Writes, into the empty history tables, the history of every letter, blocker and monthly
 * report: from the audit trail where the service moved them, from their columns where it never
 * did (see the migration's note for what that cannot know). Exported for the test that checks
 * it against the history the services write.
 */
export async function backfillTimeTrueHistory(q: {
  query(sql: string): Promise<unknown>;
}): Promise<void> {
  // ---- Letters. Moved through the service but created before the audit names them: the state
  // before the first audited move, as of when it was sent (or created, for a draft).
  await q.query(
    `INSERT INTO recommendation_state_change (recommendation_id, from_state, to_state, at, response_due_at, cycle)
     SELECT r.id, NULL, f.before->>'state',
            CASE WHEN f.before->>'state' = 'DRAFT' OR r.sent_at IS NULL THEN r.created_at
                 ELSE greatest(r.sent_at, r.created_at) END,
            (f.before->>'responseDueAt')::timestamptz, coalesce((f.before->>'cycle')::int, 1)
       FROM recommendation r CROSS JOIN LATERAL (${firstMove('recommendation', 'r', LETTER_MOVES)}) f
      WHERE f.before->>'state' IS NOT NULL
        AND NOT EXISTS (${audited('recommendation', 'r', `('recommendation.create')`)})
      ORDER BY r.created_at, r.id`,
  );
  // Every audited creation and move that changed its state, due time or cycle.
  await q.query(
    `INSERT INTO recommendation_state_change (recommendation_id, from_state, to_state, at, response_due_at, cycle, actor_id)
     SELECT r.id, CASE WHEN a.action = 'recommendation.create' THEN NULL ELSE a.before->>'state' END,
            a.after->>'state', a.at, (a.after->>'responseDueAt')::timestamptz,
            coalesce((a.after->>'cycle')::int, r.cycle), u.id
       FROM audit_entry a
       JOIN recommendation r ON r.id::text = a.entity_id
       LEFT JOIN app_user u ON u.id = a.actor_id
      WHERE a.entity_type = 'recommendation' AND a.action IN ${LETTER_ACTIONS}
        AND a.after->>'state' IS NOT NULL
        AND (a.action = 'recommendation.create'
             OR a.before->>'state' IS DISTINCT FROM a.after->>'state'
             OR a.before->>'cycle' IS DISTINCT FROM a.after->>'cycle'
             OR a.before->>'responseDueAt' IS DISTINCT FROM a.after->>'responseDueAt')
      ORDER BY a.at, a.id`,
  );
  // Never moved through the service: from the columns, one statement per step so that ids
  // keep the steps' order where their times are equal.
  const sentAt = `greatest(r.sent_at, r.created_at)`;
  const answeredAt = `greatest(${sentAt}, coalesce((SELECT min(x.recorded_at) FROM recommendation_response x WHERE x.recommendation_id = r.id), r.updated_at))`;
  const letterSteps: [string, string, string, string][] = [
    // [from, to, at, which letters]
    ['NULL', `'DRAFT'`, 'r.created_at', 'r.sent_at IS NULL'],
    ['NULL', `'SENT'`, sentAt, 'r.sent_at IS NOT NULL'],
    [
      `'SENT'`,
      `'ANSWERED'`,
      answeredAt,
      `r.sent_at IS NOT NULL AND r.state IN ('ANSWERED', 'CLOSED')`,
    ],
    [
      `'ANSWERED'`,
      `'CLOSED'`,
      `greatest(${answeredAt}, coalesce(r.closed_at, r.updated_at))`,
      `r.sent_at IS NOT NULL AND r.state = 'CLOSED'`,
    ],
    [
      `CASE WHEN r.sent_at IS NULL THEN 'DRAFT' ELSE 'SENT' END`,
      `'WITHDRAWN'`,
      `greatest(coalesce(${sentAt}, r.created_at), r.updated_at)`,
      `r.state = 'WITHDRAWN'`,
    ],
  ];
  const letterNoAudit = `NOT EXISTS (${audited('recommendation', 'r', LETTER_ACTIONS)})`;
  for (const [from, to, at, which] of letterSteps) {
    await q.query(
      `INSERT INTO recommendation_state_change (recommendation_id, from_state, to_state, at, response_due_at, cycle)
       SELECT r.id, ${from}, ${to}, ${at}, r.response_due_at, r.cycle FROM recommendation r
        WHERE ${which} AND ${letterNoAudit}
        ORDER BY r.created_at, r.id`,
    );
  }

  // ---- Blockers, the same way: raised (OPEN) when created, and escalated, as the service does,
  // when the first letter carrying it was sent.
  const escalatedAt = `greatest(b.created_at, coalesce((SELECT min(r.sent_at) FROM recommendation_blocker rb
      JOIN recommendation r ON r.id = rb.recommendation_id WHERE rb.blocker_id = b.id), b.created_at))`;
  const movedNotCreated = `FROM blocker b CROSS JOIN LATERAL (${firstMove('blocker', 'b', BLOCKER_MOVES)}) f
      WHERE f.before->>'state' IS NOT NULL
        AND NOT EXISTS (${audited('blocker', 'b', `('blocker.create')`)})`;
  await q.query(
    `INSERT INTO blocker_state_change (blocker_id, from_state, to_state, at)
     SELECT b.id, NULL, 'OPEN', b.created_at ${movedNotCreated}
      ORDER BY b.created_at, b.id`,
  );
  await q.query(
    `INSERT INTO blocker_state_change (blocker_id, from_state, to_state, at)
     SELECT b.id, 'OPEN', f.before->>'state',
            CASE f.before->>'state' WHEN 'ESCALATED' THEN ${escalatedAt} ELSE b.created_at END
       ${movedNotCreated} AND f.before->>'state' <> 'OPEN'
      ORDER BY b.created_at, b.id`,
  );
  await q.query(
    `INSERT INTO blocker_state_change (blocker_id, from_state, to_state, at, note, actor_id)
     SELECT b.id, CASE WHEN a.action = 'blocker.create' THEN NULL ELSE a.before->>'state' END,
            a.after->>'state', a.at,
            CASE a.action WHEN 'blocker.resolve' THEN a.after->>'resolution'
                          WHEN 'blocker.withdraw' THEN a.after->>'reason'
                          WHEN 'blocker.reopen' THEN a.after->>'reason' END,
            u.id
       FROM audit_entry a
       JOIN blocker b ON b.id::text = a.entity_id
       LEFT JOIN app_user u ON u.id = a.actor_id
      WHERE a.entity_type = 'blocker' AND a.action IN ${BLOCKER_ACTIONS}
        AND a.after->>'state' IS NOT NULL
        AND (a.action = 'blocker.create' OR a.before->>'state' IS DISTINCT FROM a.after->>'state')
      ORDER BY a.at, a.id`,
  );
  const blockerSteps: [string, string, string, string, string][] = [
    // [from, to, at, note, which blockers]
    ['NULL', `'OPEN'`, 'b.created_at', 'NULL', 'TRUE'],
    [`'OPEN'`, `'ESCALATED'`, escalatedAt, 'NULL', `b.state = 'ESCALATED'`],
    [
      `'OPEN'`,
      `'RESOLVED'`,
      'greatest(b.created_at, coalesce(b.resolved_at, b.updated_at))',
      'b.resolution',
      `b.state = 'RESOLVED'`,
    ],
    [
      `'OPEN'`,
      `'WITHDRAWN'`,
      'greatest(b.created_at, b.updated_at)',
      'NULL',
      `b.state = 'WITHDRAWN'`,
    ],
  ];
  const blockerNoAudit = `NOT EXISTS (${audited('blocker', 'b', BLOCKER_ACTIONS)})`;
  for (const [from, to, at, note, which] of blockerSteps) {
    await q.query(
      `INSERT INTO blocker_state_change (blocker_id, from_state, to_state, at, note)
       SELECT b.id, ${from}, ${to}, ${at}, ${note} FROM blocker b
        WHERE ${which} AND ${blockerNoAudit}
        ORDER BY b.created_at, b.id`,
    );
  }

  // ---- Monthly reports: every audited version; a report edited before the audit names its
  // creation starts from the first edit's "before"; one never written through the service is one
  // revision, its current text, as of its creation.
  await q.query(
    `INSERT INTO pilot_report_revision (report_id, progress, metrics, at)
     SELECT r.id, f.before->>'progress', nullif(f.before->'metrics', 'null'::jsonb), r.created_at
       FROM pilot_report r CROSS JOIN LATERAL (${firstMove('report', 'r', `('report.update')`)}) f
      WHERE f.before->>'progress' IS NOT NULL
        AND NOT EXISTS (${audited('report', 'r', `('report.create')`)})
      ORDER BY r.created_at, r.id`,
  );
  await q.query(
    `INSERT INTO pilot_report_revision (report_id, progress, metrics, at, author_id)
     SELECT r.id, a.after->>'progress', nullif(a.after->'metrics', 'null'::jsonb), a.at, u.id
       FROM audit_entry a
       JOIN pilot_report r ON r.id::text = a.entity_id
       LEFT JOIN app_user u ON u.id = a.actor_id
      WHERE a.entity_type = 'report' AND a.action IN ('report.create', 'report.update')
        AND a.after->>'progress' IS NOT NULL
      ORDER BY a.at, a.id`,
  );
  await q.query(
    `INSERT INTO pilot_report_revision (report_id, progress, metrics, at, author_id)
     SELECT r.id, r.progress, r.metrics, r.created_at, r.author_id FROM pilot_report r
      WHERE NOT EXISTS (${audited('report', 'r', `('report.create', 'report.update')`)})
      ORDER BY r.created_at, r.id`,
  );
}
