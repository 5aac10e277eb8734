import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const DOMAIN_TABLES = [
  'agency',
  'agency_role',
  'answer_link',
  'app_user',
  'attachment',
  'attachment_chunk',
  'audit_entry',
  'blocker',
  'blocker_revision',
  'blocker_state_change',
  'calendar_adjustment',
  'comment',
  'escalation_event',
  'indicator',
  'indicator_value',
  'indicator_value_revision',
  'kept_form',
  'letter_request',
  'login_throttle',
  'milestone',
  'milestone_revision',
  'notification',
  'period_snapshot',
  'pilot',
  'pilot_lead_agency',
  'pilot_report',
  'pilot_report_revision',
  'pilot_state_change',
  'recommendation',
  'recommendation_addressee',
  'recommendation_addressee_change',
  'recommendation_blocker',
  'recommendation_distribution',
  'recommendation_response',
  'recommendation_state_change',
  'report_period',
  'report_text',
  'saved_filter',
  'setting',
  'succession_event',
  'succession_link',
  'web_session',
];

describe('migrations', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
    dataSource = await new DataSource(dataSourceOptions(db.url)).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  const tables = async () =>
    (
      await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
      )
    ).map((r: { table_name: string }) => r.table_name) as string[];
  const extensions = async () =>
    (await dataSource.query(`SELECT extname FROM pg_extension ORDER BY 1`)).map(
      (r: { extname: string }) => r.extname,
    ) as string[];

  it('apply to an empty database and create the whole domain with unaccent and pg_trgm', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.length).toBeGreaterThan(0);
    expect(await tables()).toEqual([...DOMAIN_TABLES, 'typeorm_migration'].sort());
    expect(await extensions()).toEqual(expect.arrayContaining(['pg_trgm', 'unaccent']));
  });

  it('leave nothing for migration:generate to add: the entities and the schema agree', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('enforce the constraints: unique pilot number, one report per pilot and period, checked enums', async () => {
    await dataSource.query(
      `INSERT INTO pilot (number, name, state, state_changed_at) VALUES (1, 'Một', 'PREPARING', now())`,
    );
    await expect(
      dataSource.query(
        `INSERT INTO pilot (number, name, state, state_changed_at) VALUES (1, 'Hai', 'PREPARING', now())`,
      ),
    ).rejects.toThrow(/pilot_number_key/);
    await expect(
      dataSource.query(
        `INSERT INTO pilot (number, name, state, state_changed_at) VALUES (2, 'Hai', 'BLOCKED', now())`,
      ),
    ).rejects.toThrow(/pilot_state_valid/);
    const [{ id }] = await dataSource.query(`SELECT id FROM pilot WHERE number = 1`);
    await dataSource.query(
      `INSERT INTO pilot_report (pilot_id, period, progress) VALUES ($1, '2024-01', 'a')`,
      [id],
    );
    await expect(
      dataSource.query(
        `INSERT INTO pilot_report (pilot_id, period, progress) VALUES ($1, '2024-01', 'b')`,
        [id],
      ),
    ).rejects.toThrow(/pilot_report_pilot_id_period_key/);
    await expect(
      dataSource.query(
        `INSERT INTO pilot_report (pilot_id, period, progress) VALUES ($1, '2024-13', 'b')`,
        [id],
      ),
    ).rejects.toThrow(/pilot_report_period_format/);
    await expect(
      dataSource.query(
        `INSERT INTO blocker (pilot_id, topic, title, description, category, authority, state)
                        VALUES ($1, 'both', 't', 'd', 'LEGAL', 'CENTRAL', 'OPEN')`,
        [id],
      ),
    ).rejects.toThrow(/blocker_pilot_or_topic/);
    await expect(
      dataSource.query(`INSERT INTO recommendation (state, summary) VALUES ('SENT', 'no letter')`),
    ).rejects.toThrow(/recommendation_sent_has_letter/);
    await dataSource.query(`DELETE FROM pilot_report; DELETE FROM pilot`);
  });

  it('make the audit trail append-only at the database level', async () => {
    await dataSource.query(
      `INSERT INTO audit_entry (action, entity_type, entity_id) VALUES ('create', 'pilot', '1')`,
    );
    await expect(dataSource.query(`UPDATE audit_entry SET action = 'forged'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(dataSource.query(`DELETE FROM audit_entry`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`TRUNCATE audit_entry`)).rejects.toThrow(/append-only/);
    expect(await dataSource.query(`SELECT action FROM audit_entry`)).toEqual([
      { action: 'create' },
    ]);
  });

  it('revert cleanly to an empty schema, and apply again', async () => {
    while ((await dataSource.query(`SELECT count(*)::int AS n FROM typeorm_migration`))[0].n > 0) {
      await dataSource.undoLastMigration({ transaction: 'each' });
    }
    expect(await tables()).toEqual(['typeorm_migration']);
    expect(await extensions()).not.toContain('unaccent');
    const again = await dataSource.runMigrations({ transaction: 'each' });
    expect(again.length).toBeGreaterThan(0);
    expect(await tables()).toContain('pilot');
  });
});
