import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Period cut-off snapshots: the data of a period frozen when the secretariat locks it, from
 * which the period's monthly report is built ever after. Unlocking marks a snapshot superseded
 * (kept for the record); at most one snapshot per period is current.
 */
export class PeriodSnapshots1795770000000 implements MigrationInterface {
  name = 'PeriodSnapshots1795770000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "period_snapshot" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "period" text NOT NULL, "taken_at" TIMESTAMP WITH TIME ZONE NOT NULL, "taken_by_id" uuid, "superseded_at" TIMESTAMP WITH TIME ZONE, "superseded_by_id" uuid, "data" jsonb NOT NULL, CONSTRAINT "period_snapshot_data_object" CHECK (jsonb_typeof(data) = 'object'), CONSTRAINT "PK_b7956bbb4275e56fda8a1746c6d" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "period_snapshot_period_idx" ON "period_snapshot" ("period", "taken_at")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "period_snapshot_current_key" ON "period_snapshot" ("period") WHERE superseded_at IS NULL`,
    );
    await q.query(
      `ALTER TABLE "period_snapshot" ADD CONSTRAINT "period_snapshot_period_fkey" FOREIGN KEY ("period") REFERENCES "report_period"("period") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "period_snapshot" ADD CONSTRAINT "period_snapshot_taken_by_id_fkey" FOREIGN KEY ("taken_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "period_snapshot" ADD CONSTRAINT "period_snapshot_superseded_by_id_fkey" FOREIGN KEY ("superseded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "period_snapshot" DROP CONSTRAINT "period_snapshot_superseded_by_id_fkey"`,
    );
    await q.query(
      `ALTER TABLE "period_snapshot" DROP CONSTRAINT "period_snapshot_taken_by_id_fkey"`,
    );
    await q.query(`ALTER TABLE "period_snapshot" DROP CONSTRAINT "period_snapshot_period_fkey"`);
    await q.query(`DROP INDEX "period_snapshot_current_key"`);
    await q.query(`DROP INDEX "period_snapshot_period_idx"`);
    await q.query(`DROP TABLE "period_snapshot"`);
  }
}
