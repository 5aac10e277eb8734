import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A letter's "Nơi nhận" (distribution): the agencies that receive it for information, in the
 * letter's order, apart from the addressees asked to act. Never reminded. The reference loader
 * adds report 442's distribution to letters loaded before this table existed.
 */
export class LetterDistribution1795835000000 implements MigrationInterface {
  name = 'LetterDistribution1795835000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "recommendation_distribution" ("recommendation_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "position" smallint NOT NULL, CONSTRAINT "PK_cfc6e60488e977f4239f92f794e" PRIMARY KEY ("recommendation_id", "agency_id"))`,
    );
    await q.query(
      `CREATE INDEX "recommendation_distribution_agency_id_idx" ON "recommendation_distribution" ("agency_id")`,
    );
    await q.query(
      `ALTER TABLE "recommendation_distribution" ADD CONSTRAINT "recommendation_distribution_recommendation_id_fkey" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "recommendation_distribution" ADD CONSTRAINT "recommendation_distribution_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "recommendation_distribution" DROP CONSTRAINT "recommendation_distribution_agency_id_fkey"`,
    );
    await q.query(
      `ALTER TABLE "recommendation_distribution" DROP CONSTRAINT "recommendation_distribution_recommendation_id_fkey"`,
    );
    await q.query(`DROP INDEX "recommendation_distribution_agency_id_idx"`);
    await q.query(`DROP TABLE "recommendation_distribution"`);
  }
}
