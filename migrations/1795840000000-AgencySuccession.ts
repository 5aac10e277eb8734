import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agencies over time (product.md §3, §9): an agency exists under its name from `valid_from`
 * (NULL: since before the data begins) until `valid_until` (exclusive; NULL: still exists). A
 * succession event (MERGE, SPLIT, RENAME), effective on a day and with its legal basis, maps old
 * agencies to new ones through links, one-to-one or one-to-many (at most one main successor per
 * old agency and event). Roles such as the Government working group name an agency and follow
 * succession. An open letter's addressee may carry the secretariat's choice of today's holder,
 * for when a split leaves it ambiguous.
 *
 * The one `successor_id` per agency is carried into events: an agency with a successor and a
 * dissolution day becomes a MERGE on that day. A successor without a dissolution day had no
 * effect (reminders followed it only once dissolved) and is dropped; the audit trail keeps it.
 */
export class AgencySuccession1795840000000 implements MigrationInterface {
  name = 'AgencySuccession1795840000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "agency" RENAME COLUMN "dissolved_on" TO "valid_until"`);
    await q.query(`ALTER TABLE "agency" ADD "valid_from" date`);
    await q.query(
      `ALTER TABLE "agency" ADD CONSTRAINT "agency_validity_order"
         CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from < valid_until)`,
    );
    await q.query(
      `CREATE TABLE "succession_event" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "kind" text NOT NULL,
         "effective_on" date NOT NULL,
         "legal_basis" text NOT NULL,
         "note" text,
         "package_key" text,
         "realised_at" timestamptz,
         "created_at" timestamptz NOT NULL DEFAULT now(),
         "created_by_id" uuid,
         CONSTRAINT "succession_event_pkey" PRIMARY KEY ("id"),
         CONSTRAINT "succession_event_kind_valid" CHECK (kind IN ('MERGE', 'SPLIT', 'RENAME')),
         CONSTRAINT "succession_event_legal_basis_not_blank" CHECK (btrim(legal_basis) <> ''))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "succession_event_package_key" ON "succession_event" ("package_key")`,
    );
    await q.query(
      `CREATE TABLE "succession_link" (
         "event_id" uuid NOT NULL REFERENCES "succession_event" ("id") ON DELETE CASCADE,
         "from_agency_id" uuid NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
         "to_agency_id" uuid NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
         "is_main" boolean NOT NULL DEFAULT false,
         "scope" text,
         CONSTRAINT "succession_link_pkey" PRIMARY KEY ("event_id", "from_agency_id", "to_agency_id"),
         CONSTRAINT "succession_link_not_self" CHECK (from_agency_id <> to_agency_id))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "succession_link_one_main" ON "succession_link" ("event_id", "from_agency_id") WHERE is_main`,
    );
    await q.query(
      `CREATE INDEX "succession_link_from_agency_idx" ON "succession_link" ("from_agency_id")`,
    );
    await q.query(
      `CREATE INDEX "succession_link_to_agency_idx" ON "succession_link" ("to_agency_id")`,
    );
    await q.query(
      `CREATE TABLE "agency_role" (
         "role" text NOT NULL,
         "agency_id" uuid NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
         CONSTRAINT "agency_role_pkey" PRIMARY KEY ("role"),
         CONSTRAINT "agency_role_valid" CHECK (role IN ('GOVERNMENT_WORKING_GROUP')))`,
    );
    await q.query(
      `ALTER TABLE "recommendation_addressee"
         ADD "holder_agency_id" uuid REFERENCES "agency" ("id") ON DELETE RESTRICT,
         ADD "holder_chosen_at" timestamptz,
         ADD "holder_chosen_by_id" uuid`,
    );

    // The old one-successor links that had taken effect become MERGE events.
    await q.query(
      `WITH old AS (
         SELECT id, successor_id, valid_until FROM agency
          WHERE successor_id IS NOT NULL AND valid_until IS NOT NULL),
       ev AS (
         INSERT INTO succession_event (kind, effective_on, legal_basis, note)
         SELECT 'MERGE', valid_until, 'Chưa ghi căn cứ pháp lý',
                'Chuyển từ liên kết "cơ quan kế thừa" trước đây (' || id || ')'
           FROM old RETURNING id, note)
       INSERT INTO succession_link (event_id, from_agency_id, to_agency_id, is_main)
       SELECT ev.id, old.id, old.successor_id, true
         FROM ev JOIN old ON ev.note LIKE '%(' || old.id || ')'`,
    );
    await q.query(`ALTER TABLE "agency" DROP CONSTRAINT "agency_not_own_successor"`);
    await q.query(`ALTER TABLE "agency" DROP COLUMN "successor_id"`);
    await q.query(
      `INSERT INTO agency_role (role, agency_id)
       SELECT 'GOVERNMENT_WORKING_GROUP', id FROM agency WHERE code = 'TCT06CP'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "agency" ADD "successor_id" uuid REFERENCES "agency" ("id")`);
    await q.query(
      `UPDATE agency a SET successor_id = l.to_agency_id
         FROM succession_link l WHERE l.from_agency_id = a.id AND l.is_main`,
    );
    await q.query(
      `ALTER TABLE "agency" ADD CONSTRAINT "agency_not_own_successor" CHECK (successor_id IS NULL OR successor_id <> id)`,
    );
    await q.query(
      `ALTER TABLE "recommendation_addressee" DROP COLUMN "holder_chosen_by_id",
         DROP COLUMN "holder_chosen_at", DROP COLUMN "holder_agency_id"`,
    );
    await q.query(`DROP TABLE "agency_role"`);
    await q.query(`DROP TABLE "succession_link"`);
    await q.query(`DROP TABLE "succession_event"`);
    await q.query(`ALTER TABLE "agency" DROP CONSTRAINT "agency_validity_order"`);
    await q.query(`ALTER TABLE "agency" DROP COLUMN "valid_from"`);
    await q.query(`ALTER TABLE "agency" RENAME COLUMN "valid_until" TO "dissolved_on"`);
  }
}
