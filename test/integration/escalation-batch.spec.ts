import { jest } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { EscalationFiring } from '../../src/escalation/escalation-firing.js';
import type { JobPayloads } from '../../src/queue/jobs.js';
import { startTestApp, type TestApp } from '../support/app.js';

type StepJob = JobPayloads['escalation.fire'];

/**
 * Steps due at the same time are decided together (EscalationFiring.fireBatch): one transaction
 * whose statements do not grow with the batch, one event per step, each mail key once; a letter
 * whose row another transaction holds is left for a later batch, then decided. A batch that
 * records a step also claims the other letters whose steps have come (its catch-up) and decides
 * them as their jobs would; those jobs then find their steps recorded.
 */
describe('batch escalation firing', () => {
  let t: TestApp;
  let ds: DataSource;
  let firing: EscalationFiring;
  let byt: string;

  beforeAll(async () => {
    // role 'api': no worker runs the jobs; the test calls the firing itself.
    // The catch-up (on by default; ESCALATION_CATCH_UP=0 turns it off) is on here whatever the
    // environment says: its test is below.
    t = await startTestApp({ config: { escalationCatchUp: true } });
    ds = t.app.get(DataSource);
    firing = t.app.get(EscalationFiring);
    // The December 2023 letters are long overdue: closed, so only this test's letters count.
    await ds.query(`UPDATE recommendation SET state = 'CLOSED' WHERE state = 'SENT'`);
    [{ id: byt }] = await ds.query(`SELECT id FROM agency WHERE code = 'BYT'`);
  });
  afterAll(async () => {
    await t.close();
    await t.database.drop();
  });

  /** n SENT letters to Bộ Y tế, response due `daysAgo` days ago. */
  async function letters(n: number, label: string, daysAgo: number): Promise<string[]> {
    const due = new Date(Date.now() - daysAgo * 86_400_000);
    const rows: { id: string }[] = await ds.query(
      `INSERT INTO recommendation (state, summary, document_number, letter_date, sent_at, response_due_at, cycle)
       SELECT 'SENT', 'Kiến nghị ' || g, $1 || '-' || g || '/TCTĐA06-CAT', ($2::timestamptz - interval '30 days')::date,
              $2::timestamptz - interval '30 days', $2, 1
         FROM generate_series(1, $3) AS g
       RETURNING id`,
      [label, due, n],
    );
    const ids = rows.map((r) => r.id);
    await ds.query(
      `INSERT INTO recommendation_addressee (recommendation_id, agency_id, position)
       SELECT unnest($1::uuid[]), $2, 0`,
      [ids, byt],
    );
    return ids;
  }
  const step = (recommendationId: string, level: number): StepJob => ({
    recommendationId,
    agencyId: byt,
    cycle: 1,
    level,
    repeat: 0,
  });

  /** Counts the statements sent to PostgreSQL while `run` runs. */
  async function counted<T>(run: () => Promise<T>): Promise<{ result: T; statements: number }> {
    let statements = 0;
    const create = ds.createQueryRunner.bind(ds);
    const spy = jest.spyOn(ds, 'createQueryRunner').mockImplementation((mode) => {
      const runner = create(mode);
      const query = runner.query.bind(runner);
      runner.query = ((...args: Parameters<typeof query>) => {
        statements++;
        return query(...args);
      }) as typeof runner.query;
      return runner;
    });
    try {
      return { result: await run(), statements };
    } finally {
      spy.mockRestore();
    }
  }

  it('decides 60 steps due at once in one transaction of a bounded number of statements', async () => {
    const due = await letters(50, 'LOT-A', 0.01);
    // Ten letters overdue past level 3, each with its three steps in the batch: catch-up records
    // levels 1 and 2 SKIPPED and mails only level 3.
    const late = await letters(10, 'LOT-B', 33);
    const jobs = [
      ...due.map((id) => step(id, 1)),
      ...late.flatMap((id) => [1, 2, 3].map((l) => step(id, l))),
    ];

    const { result, statements } = await counted(() => firing.fireBatch(jobs));
    expect(result).toEqual([
      ...due.map(() => ({ result: 'fired' })),
      ...late.flatMap(() => [{ result: 'skipped' }, { result: 'skipped' }, { result: 'fired' }]),
    ]);
    // One by one it took about twelve statements a step (~960 here).
    expect(statements).toBeLessThanOrEqual(30);

    const events: { outcome: string; level: number; n: number }[] = await ds.query(
      `SELECT outcome, level, count(*)::int AS n FROM escalation_event
        WHERE recommendation_id = ANY($1) GROUP BY outcome, level ORDER BY level, outcome`,
      [[...due, ...late]],
    );
    expect(events).toEqual([
      { outcome: 'FIRED', level: 1, n: 50 },
      { outcome: 'SKIPPED', level: 1, n: 10 },
      { outcome: 'SKIPPED', level: 2, n: 10 },
      { outcome: 'FIRED', level: 3, n: 10 },
    ]);
    const mails: { keys: number; distinct: number; letters: number; links: number }[] =
      await ds.query(
        `SELECT count(*)::int AS keys, count(DISTINCT n.idempotency_key)::int AS distinct,
                count(DISTINCT e.recommendation_id)::int AS letters,
                count(*) FILTER (WHERE n.item->>'answerUrl' IS NOT NULL)::int AS links
           FROM notification n JOIN escalation_event e ON e.id = n.escalation_event_id
          WHERE e.recommendation_id = ANY($1)`,
        [[...due, ...late]],
      );
    // Level 1 mails Bộ Y tế's focal point (with its answer link) and the secretariat; level 3
    // leadership and the secretariat.
    expect(mails[0].keys).toBe(mails[0].distinct);
    expect(mails[0].letters).toBe(60);
    expect(mails[0].links).toBe(50);

    // The same jobs again (a replay): each step is there already, nothing is written twice.
    const again = await firing.fireBatch(jobs);
    expect(again.every((r) => 'result' in r && r.result === 'already')).toBe(true);
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM escalation_event WHERE recommendation_id = ANY($1)`,
      [[...due, ...late]],
    );
    expect(n).toBe(80);
  });

  it('leaves a letter another transaction holds for a later batch, then decides it', async () => {
    const [held, free] = await letters(2, 'LOT-C', 0.01);
    const other = new pg.Client({ connectionString: t.database.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT id FROM recommendation WHERE id = $1 FOR UPDATE`, [held]);
      expect(await firing.fireBatch([step(held, 1), step(free, 1)])).toEqual([
        { busy: true },
        { result: 'fired' },
      ]);

      // Through the batcher, as a job runs: the held step waits (retried in later batches)…
      const batches: unknown[][] = [];
      let sawBusy!: () => void;
      const busy = new Promise<void>((resolve) => (sawBusy = resolve));
      const fireBatch = firing.fireBatch.bind(firing);
      const spy = jest.spyOn(firing, 'fireBatch').mockImplementation(async (jobs, wait) => {
        const results = await fireBatch(jobs, wait);
        batches.push(results);
        if (results.some((r) => 'busy' in r)) sawBusy();
        return results;
      });
      const outcome = firing.fire(step(held, 1));
      await busy;
      // …and is decided once the row is free.
      await other.query('COMMIT');
      expect(await outcome).toBe('fired');
      spy.mockRestore();
      expect(batches.at(-1)).toEqual([{ result: 'fired' }]);
    } finally {
      await other.end();
    }
    const events: { n: number }[] = await ds.query(
      `SELECT count(*)::int AS n FROM escalation_event WHERE recommendation_id = $1 AND outcome = 'FIRED'`,
      [held],
    );
    expect(events[0].n).toBe(1);
  });
  it('decides with a batch the other steps just due, never one not due nor one long overdue; their jobs then find them recorded', async () => {
    const wave = await letters(20, 'LOT-D', 0.01);
    // Overdue past level 3 for days: not a step of this wave, left to its own jobs.
    const late = await letters(3, 'LOT-E', 33);
    // Due tomorrow: nothing has come.
    const future = await letters(2, 'LOT-F', -1);
    const other = new pg.Client({ connectionString: t.database.url });
    await other.connect();
    try {
      // A letter another transaction holds is not waited for: its job decides it.
      await other.query('BEGIN');
      await other.query(`SELECT id FROM recommendation WHERE id = $1 FOR UPDATE`, [wave[19]]);
      expect(await firing.fireBatch([step(wave[0], 1)])).toEqual([{ result: 'fired' }]);
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
    const events = async (ids: string[]) =>
      (await ds.query(
        `SELECT outcome, level, count(*)::int AS n FROM escalation_event
          WHERE recommendation_id = ANY($1) GROUP BY outcome, level ORDER BY level, outcome`,
        [ids],
      )) as { outcome: string; level: number; n: number }[];
    expect(await events(wave.slice(0, 19))).toEqual([{ outcome: 'FIRED', level: 1, n: 19 }]);
    expect(await events([wave[19]])).toEqual([]);
    expect(await events(late)).toEqual([]);
    expect(await events(future)).toEqual([]);
    const [mails]: { keys: number; distinct: number; letters: number }[] = await ds.query(
      `SELECT count(*)::int AS keys, count(DISTINCT n.idempotency_key)::int AS distinct,
              count(DISTINCT e.recommendation_id)::int AS letters
         FROM notification n JOIN escalation_event e ON e.id = n.escalation_event_id
        WHERE e.recommendation_id = ANY($1)`,
      [wave],
    );
    expect(mails).toEqual({ keys: mails.distinct, distinct: mails.distinct, letters: 19 });

    // The wave's jobs come: each step is recorded already; the overdue letters' jobs decide them
    // (levels 1 and 2 SKIPPED, 3 FIRED).
    const jobs = [
      ...wave.slice(1, 19).map((id) => step(id, 1)),
      ...late.flatMap((id) => [1, 2, 3].map((l) => step(id, l))),
    ];
    const again = await firing.fireBatch(jobs);
    expect(again).toEqual([
      ...wave.slice(1, 19).map(() => ({ result: 'already' })),
      ...late.flatMap(() => [{ result: 'skipped' }, { result: 'skipped' }, { result: 'fired' }]),
    ]);
    expect(await events(late)).toEqual([
      { outcome: 'SKIPPED', level: 1, n: 3 },
      { outcome: 'SKIPPED', level: 2, n: 3 },
      { outcome: 'FIRED', level: 3, n: 3 },
    ]);
    // The held letter: decided by its own job, or by the catch-up of the batch just above.
    const [held] = await firing.fireBatch([step(wave[19], 1)]);
    expect(['fired', 'already']).toContain('result' in held && held.result);
    expect(await events([wave[19]])).toEqual([{ outcome: 'FIRED', level: 1, n: 1 }]);
    const perLetter: { id: string; n: number }[] = await ds.query(
      `SELECT e.recommendation_id AS id, count(*)::int AS n
         FROM notification n JOIN escalation_event e ON e.id = n.escalation_event_id
        WHERE e.recommendation_id = ANY($1) GROUP BY e.recommendation_id`,
      [[wave[0], wave[19]]],
    );
    expect(perLetter).toHaveLength(2);
    expect(perLetter[0].n).toBe(perLetter[1].n);
  });
});
