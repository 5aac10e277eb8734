import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * Issue 12, item 1: letters recorded while answers were per letter are carried across to
 * per-addressee tracking without loss — an answer is its addressee's when the letter had one,
 * unattributed otherwise; every step already recorded counts for each addressee.
 */
describe('migration to per-addressee letters', () => {
  let db: TestDatabase;
  let before: DataSource;

  const upTo = MIGRATIONS.findIndex((m) => m.name === 'PerAddressee1795865000000');

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
    before = await new DataSource({
      ...dataSourceOptions(db.url),
      migrations: MIGRATIONS.slice(0, upTo),
    }).initialize();
    await before.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    if (before.isInitialized) await before.destroy();
    await db.drop();
  });

  it('attributes answers where it can, lists the rest as unattributed, and keeps every step', async () => {
    const q = (sql: string, params: unknown[] = []) => before.query(sql, params);
    const agency = async (code: string, name: string) =>
      (
        await q(
          `INSERT INTO agency (code, name, short_name, kind) VALUES ($1, $2, $1, 'MINISTRY') RETURNING id`,
          [code, name],
        )
      )[0].id as string;
    const byt = await agency('BYT', 'Bộ Y tế');
    const bca = await agency('BCA', 'Bộ Công an');
    const letter = async (state: string, addressees: string[]) => {
      const [{ id }] = await q(
        `INSERT INTO recommendation (state, summary, document_number, letter_date, sent_at, response_due_at)
         VALUES ($1, 'Đề nghị hướng dẫn', '1/TCTĐA06', '2024-01-02', '2024-01-02T01:00:00Z', '2024-01-23T01:00:00Z')
         RETURNING id`,
        [state],
      );
      for (const [position, a] of addressees.entries())
        await q(
          `INSERT INTO recommendation_addressee (recommendation_id, agency_id, position) VALUES ($1, $2, $3)`,
          [id, a, position],
        );
      await q(
        `INSERT INTO recommendation_state_change (recommendation_id, from_state, to_state, at, response_due_at, cycle)
         VALUES ($1, NULL, 'SENT', '2024-01-02T01:00:00Z', '2024-01-23T01:00:00Z', 1)`,
        [id],
      );
      return id as string;
    };
    const answer = (id: string, number: string) =>
      q(
        `INSERT INTO recommendation_response (recommendation_id, document_number, date, summary, recorded_at)
         VALUES ($1, $2, '2024-02-01', 'Đã trả lời', '2024-02-02T01:00:00Z')`,
        [id, number],
      );
    const step = (id: string, level: number) =>
      q(
        `INSERT INTO escalation_event (recommendation_id, cycle, level, repeat, level_name, outcome, due_at, occurred_at, working_days_overdue)
         VALUES ($1, 1, $2, 0, 'Mức', 'FIRED', '2024-01-23T01:00:00Z', '2024-01-23T01:00:00Z', 0)`,
        [id, level],
      );
    const single = await letter('ANSWERED', [byt]);
    await answer(single, '5/BYT');
    await step(single, 1);
    const pair = await letter('ANSWERED', [byt, bca]);
    await answer(pair, '6/BYT');
    await step(pair, 1);
    await step(pair, 2);
    const waiting = await letter('SENT', [byt, bca]);
    await step(waiting, 1);
    await before.destroy();

    const after = await new DataSource(dataSourceOptions(db.url)).initialize();
    try {
      await after.runMigrations({ transaction: 'each' });
      const responses = await after.query(
        `SELECT r.document_number, ad.code AS addressee, ab.code AS answered_by, r.channel, r.cycle
           FROM recommendation_response r
           LEFT JOIN agency ad ON ad.id = r.addressee_agency_id
           LEFT JOIN agency ab ON ab.id = r.answered_by_agency_id ORDER BY 1`,
      );
      expect(responses).toEqual([
        {
          document_number: '5/BYT',
          addressee: 'BYT',
          answered_by: 'BYT',
          channel: 'SECRETARIAT',
          cycle: 1,
        },
        // Two addressees, one answer: whose is not known — left for the secretariat to assign.
        {
          document_number: '6/BYT',
          addressee: null,
          answered_by: null,
          channel: 'SECRETARIAT',
          cycle: 1,
        },
      ]);
      const statuses = async (id: string) =>
        (
          await after.query(
            `SELECT a.code, ra.status FROM recommendation_addressee ra JOIN agency a ON a.id = ra.agency_id
              WHERE ra.recommendation_id = $1 ORDER BY ra.position`,
            [id],
          )
        ).map((r: { code: string; status: string }) => `${r.code}:${r.status}`);
      expect(await statuses(single)).toEqual(['BYT:ANSWERED']);
      expect(await statuses(pair)).toEqual(['BYT:AWAITING', 'BCA:AWAITING']);
      expect(await statuses(waiting)).toEqual(['BYT:AWAITING', 'BCA:AWAITING']);
      // The letters keep their states: nothing is reopened or answered by the migration.
      const states = await after.query(`SELECT id, state FROM recommendation`);
      expect(
        Object.fromEntries(states.map((r: { id: string; state: string }) => [r.id, r.state])),
      ).toEqual({
        [single]: 'ANSWERED',
        [pair]: 'ANSWERED',
        [waiting]: 'SENT',
      });
      // A step of a letter to two agencies reminded both: it is on each one's ladder.
      const steps = await after.query(
        `SELECT e.recommendation_id, a.code, e.level FROM escalation_event e JOIN agency a ON a.id = e.agency_id
          ORDER BY e.recommendation_id, a.code, e.level`,
      );
      const of = (id: string) =>
        steps
          .filter((s: { recommendation_id: string }) => s.recommendation_id === id)
          .map((s: { code: string; level: number }) => `${s.code}:${s.level}`);
      expect(of(single)).toEqual(['BYT:1']);
      expect(of(pair)).toEqual(['BCA:1', 'BCA:2', 'BYT:1', 'BYT:2']);
      expect(of(waiting)).toEqual(['BCA:1', 'BYT:1']);
      // Each addressee's history starts where it stands.
      const [{ n }] = await after.query(
        `SELECT count(*)::int AS n FROM recommendation_addressee_change WHERE recommendation_id = $1`,
        [single],
      );
      expect(n).toBe(2); // sent (AWAITING), then ANSWERED
      // And back: the steps collapse to one per letter again, answers lose their addressee.
      while ((await after.query(`SELECT to_regclass('recommendation_addressee_change') AS t`))[0].t)
        await after.undoLastMigration({ transaction: 'each' });
      const [{ per }] = await after.query(
        `SELECT count(*)::int AS per FROM escalation_event WHERE recommendation_id = $1`,
        [pair],
      );
      expect(per).toBe(2);
    } finally {
      await after.destroy();
    }
  });
});
