import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monthly report's ký hiệu and địa danh become settings (issue 15): `report_text` keeps the
 * ones a period's document printed when it was locked, as it keeps its signer and Nơi nhận, so a
 * later change of the settings never changes a locked period's document. Null: the settings'.
 */
export class ReportTextPlace1796320000001 implements MigrationInterface {
  name = 'ReportTextPlace1796320000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "report_text" ADD "symbol" text`);
    await q.query(`ALTER TABLE "report_text" ADD "place" text`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "report_text" DROP COLUMN "place"`);
    await q.query(`ALTER TABLE "report_text" DROP COLUMN "symbol"`);
  }
}
