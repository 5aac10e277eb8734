import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Province-wide and per-pilot indicators (issue 15, item 3): `indicator`, the catalogue (code,
 * Vietnamese name, unit, kind, the pilot or none, owning agency, report section, order, active);
 * `indicator_value`, one value per indicator and period, written like a pilot report (period
 * lock, version, audit); `indicator_value_revision`, each value as written, so a period reads
 * its values as of its cut-off. The audit trail gains the entity type `indicator`.
 */
export class Indicators1796300000000 implements MigrationInterface {
  name = 'Indicators1796300000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "indicator" (
         "version" integer NOT NULL DEFAULT '1',
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "code" text NOT NULL,
         "name" text NOT NULL,
         "unit" text NOT NULL,
         "kind" text NOT NULL,
         "pilot_id" uuid,
         "agency_id" uuid NOT NULL,
         "section" text NOT NULL,
         "display_order" integer NOT NULL,
         "active" boolean NOT NULL DEFAULT true,
         "denominator_metric" text,
         CONSTRAINT "indicator_section_format" CHECK (section ~ '^[IVX]+(\\.[0-9]{1,2}){0,3}$'),
         CONSTRAINT "indicator_kind_valid" CHECK (kind IN ('NUMBER', 'RATIO', 'PERCENT')),
         CONSTRAINT "indicator_code_format" CHECK (code ~ '^[A-Za-z][A-Za-z0-9_]{0,63}$'),
         CONSTRAINT "PK_4693fe4c2cb912a71e05c589e7e" PRIMARY KEY ("id"),
         CONSTRAINT "indicator_pilot_id_fkey" FOREIGN KEY ("pilot_id") REFERENCES "pilot" ("id")
           ON DELETE RESTRICT,
         CONSTRAINT "indicator_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency" ("id")
           ON DELETE RESTRICT)`,
    );
    await q.query(`CREATE UNIQUE INDEX "indicator_code_key" ON "indicator" ("code")`);
    await q.query(`CREATE INDEX "indicator_order_idx" ON "indicator" ("display_order")`);
    await q.query(
      `CREATE TABLE "indicator_value" (
         "version" integer NOT NULL DEFAULT '1',
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "indicator_id" uuid NOT NULL,
         "period" text NOT NULL,
         "value" numeric NOT NULL,
         "denominator" numeric,
         "note" text,
         "author_id" uuid,
         CONSTRAINT "indicator_value_denominator_positive" CHECK (denominator IS NULL OR denominator > 0),
         CONSTRAINT "indicator_value_period_format" CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
         CONSTRAINT "PK_ea77b6059a4a7f24be8e748d541" PRIMARY KEY ("id"),
         CONSTRAINT "indicator_value_indicator_id_fkey" FOREIGN KEY ("indicator_id")
           REFERENCES "indicator" ("id") ON DELETE RESTRICT,
         CONSTRAINT "indicator_value_author_id_fkey" FOREIGN KEY ("author_id")
           REFERENCES "app_user" ("id") ON DELETE RESTRICT)`,
    );
    await q.query(`CREATE INDEX "indicator_value_period_idx" ON "indicator_value" ("period")`);
    await q.query(
      `CREATE UNIQUE INDEX "indicator_value_indicator_id_period_key"
         ON "indicator_value" ("indicator_id", "period")`,
    );
    await q.query(
      `CREATE TABLE "indicator_value_revision" (
         "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
         "value_id" uuid NOT NULL,
         "value" numeric NOT NULL,
         "denominator" numeric,
         "at" TIMESTAMP WITH TIME ZONE NOT NULL,
         "author_id" uuid,
         CONSTRAINT "PK_a977b5287212bdf88c95323f28e" PRIMARY KEY ("id"),
         CONSTRAINT "indicator_value_revision_value_id_fkey" FOREIGN KEY ("value_id")
           REFERENCES "indicator_value" ("id") ON DELETE CASCADE,
         CONSTRAINT "indicator_value_revision_author_id_fkey" FOREIGN KEY ("author_id")
           REFERENCES "app_user" ("id") ON DELETE RESTRICT)`,
    );
    await q.query(
      `CREATE INDEX "indicator_value_revision_value_id_at_idx"
         ON "indicator_value_revision" ("value_id", "at")`,
    );
    await q.query(`ALTER TABLE "audit_entry" DROP CONSTRAINT "audit_entry_entity_type_valid"`);
    await q.query(
      `ALTER TABLE "audit_entry" ADD CONSTRAINT "audit_entry_entity_type_valid" CHECK (entity_type IN
         ('pilot', 'blocker', 'recommendation', 'report', 'user', 'agency', 'period', 'policy',
          'calendar', 'notification', 'indicator'))`,
    );
  }

  /** The trail is append-only: its `indicator` entries stay, so the narrower check is NOT VALID. */
  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_entry" DROP CONSTRAINT "audit_entry_entity_type_valid"`);
    await q.query(
      `ALTER TABLE "audit_entry" ADD CONSTRAINT "audit_entry_entity_type_valid" CHECK (entity_type IN
         ('pilot', 'blocker', 'recommendation', 'report', 'user', 'agency', 'period', 'policy',
          'calendar', 'notification')) NOT VALID`,
    );
    await q.query(`DROP TABLE "indicator_value_revision"`);
    await q.query(`DROP TABLE "indicator_value"`);
    await q.query(`DROP TABLE "indicator"`);
  }
}
