import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections of the working calendar (issue 16, item 3): an adjustment may now be corrected or
 * deleted, so it carries the version a correction checks, as every other edited row does.
 */
export class CalendarAdjustmentVersion1796280200000 implements MigrationInterface {
  name = 'CalendarAdjustmentVersion1796280200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "calendar_adjustment" ADD "version" integer NOT NULL DEFAULT '1'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "calendar_adjustment" DROP COLUMN "version"`);
  }
}
