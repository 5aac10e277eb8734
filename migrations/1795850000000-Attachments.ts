import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents (product.md §3, Attachment): a file on a letter, an answer or a pilot's monthly
 * report, its bytes in ordered chunks in PostgreSQL, so one backup holds everything.
 */
export class Attachments1795850000000 implements MigrationInterface {
  name = 'Attachments1795850000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "attachment" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "recommendation_id" uuid REFERENCES "recommendation" ("id") ON DELETE CASCADE,
         "response_id" uuid REFERENCES "recommendation_response" ("id") ON DELETE CASCADE,
         "pilot_report_id" uuid REFERENCES "pilot_report" ("id") ON DELETE CASCADE,
         "file_name" text NOT NULL,
         "content_type" text NOT NULL,
         "size_bytes" bigint NOT NULL,
         "sha256" text NOT NULL,
         "uploaded_by_id" uuid,
         "uploaded_at" timestamptz NOT NULL,
         CONSTRAINT "attachment_pkey" PRIMARY KEY ("id"),
         CONSTRAINT "attachment_one_owner" CHECK (num_nonnulls(recommendation_id, response_id, pilot_report_id) = 1),
         CONSTRAINT "attachment_content_type_valid" CHECK (content_type IN ('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'image/png', 'image/jpeg')),
         CONSTRAINT "attachment_size_positive" CHECK (size_bytes > 0),
         CONSTRAINT "attachment_sha256_format" CHECK (sha256 ~ '^[0-9a-f]{64}$'),
         CONSTRAINT "attachment_file_name_not_blank" CHECK (btrim(file_name) <> ''))`,
    );
    for (const column of ['recommendation_id', 'response_id', 'pilot_report_id'])
      await q.query(`CREATE INDEX "attachment_${column}_idx" ON "attachment" ("${column}")`);
    await q.query(
      `CREATE TABLE "attachment_chunk" (
         "attachment_id" uuid NOT NULL REFERENCES "attachment" ("id") ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
         "seq" integer NOT NULL,
         "data" bytea NOT NULL,
         CONSTRAINT "attachment_chunk_pkey" PRIMARY KEY ("attachment_id", "seq"))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "attachment_chunk"`);
    await q.query(`DROP TABLE "attachment"`);
  }
}
