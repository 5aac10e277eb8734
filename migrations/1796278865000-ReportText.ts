import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monthly report as a document (issue 15, item 1): `report_text`, one row per period with
 * what the secretariat writes for that period's "BÁO CÁO" — its narrative sections (jsonb, one
 * text per section) and the overrides of the number, date, signer and Nơi nhận that the
 * settings otherwise give. Written through the API only while the period is open; locking the
 * period writes the row as the document then reads, so the locked document never changes.
 */
export class ReportText1796278865000 implements MigrationInterface {
  name = 'ReportText1796278865000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "report_text" (
         "period" text NOT NULL,
         "report_number" text,
         "report_date" date,
         "signer" jsonb,
         "distribution" jsonb,
         "sections" jsonb NOT NULL,
         "version" integer NOT NULL DEFAULT 1,
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
         "updated_by_id" uuid,
         CONSTRAINT "report_text_pkey" PRIMARY KEY ("period"),
         CONSTRAINT "report_text_period_format" CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
         CONSTRAINT "report_text_sections_object" CHECK (jsonb_typeof(sections) = 'object'),
         CONSTRAINT "report_text_updated_by_id_fkey" FOREIGN KEY ("updated_by_id")
           REFERENCES "app_user" ("id") ON DELETE RESTRICT)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "report_text"`);
  }
}
