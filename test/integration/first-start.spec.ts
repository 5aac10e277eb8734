import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createLogger } from '../../src/logging.js';
import { startService } from '../../src/service.js';
import { testConfig } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';

/** Polls a query until it satisfies the condition (bounded): the workers run on their own. */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, attempts = 300): Promise<T> {
  let value = await read();
  for (let i = 0; i < attempts && !ok(value); i++) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

describe('first start on the December 2023 data', () => {
  it('escalates each overdue letter once to its current level, mails it as .eml, and a restart sends nothing again', async () => {
    const db = await createTestDatabase({ empty: true });
    const dataDir = await mkdtemp(join(tmpdir(), 'de-an-06-first-'));
    const config = testConfig({ dataDir, databaseUrl: db.url, role: 'all', seedDemo: true });
    const client = new pg.Client({ connectionString: db.url });
    client.on('error', () => undefined); // the database is dropped at the end
    const fired = async () =>
      (
        await client.query<{ document_number: string; level: number; skipped: number }>(
          `SELECT r.document_number, max(e.level) FILTER (WHERE e.outcome = 'FIRED') AS level,
                count(*) FILTER (WHERE e.outcome = 'SKIPPED')::int AS skipped,
                count(*) FILTER (WHERE e.outcome = 'FIRED')::int AS fired
           FROM recommendation r JOIN escalation_event e ON e.recommendation_id = r.id
          GROUP BY r.id ORDER BY r.letter_date, r.document_number`,
        )
      ).rows;
    const sent = async () =>
      (await client.query(`SELECT count(*)::int AS n FROM notification WHERE status = 'SENT'`))
        .rows[0].n as number;

    const first = await startService(config, createLogger('silent'));
    await client.connect();
    try {
      const letters = await until(
        fired,
        (rows) =>
          rows.length === 15 && rows.every((l) => (l as unknown as { fired: number }).fired === 1),
      );
      expect(letters).toHaveLength(15);
      expect(letters.every((l) => (l as unknown as { fired: number }).fired === 1)).toBe(true);
      const syt = letters.find((l) => l.document_number === '4338/SYT-TCHC')!;
      expect(syt.level).toBe(3);
      expect(syt.skipped).toBeGreaterThan(2); // levels 1 and 2, and the repetitions before the latest
      // Level 3 mails leadership and the secretariat: one demo account each.
      const mails = await until(sent, (n) => n === 30);
      expect(mails).toBe(30);
      expect((await readdir(join(dataDir, 'mail'))).filter((f) => f.endsWith('.eml'))).toHaveLength(
        30,
      );
    } finally {
      await first.stop();
    }

    const second = await startService(config, createLogger('silent'));
    try {
      // Let the start-up reconciliation run and finish.
      await until(
        async () =>
          (
            await client
              .query(
                `SELECT count(*)::int AS n FROM bullmq.job WHERE name IN ('escalation.reconcile', 'escalation.fire', 'notification.send') AND state IN ('wait', 'active', 'prioritized')`,
              )
              .catch(() => ({ rows: [{ n: 0 }] }))
          ).rows[0].n,
        (n) => n === 0,
        50,
      );
      await new Promise((r) => setTimeout(r, 500)); // and anything it would have queued
      expect(await sent()).toBe(30);
      expect((await readdir(join(dataDir, 'mail'))).filter((f) => f.endsWith('.eml'))).toHaveLength(
        30,
      );
      expect((await fired()).every((l) => (l as unknown as { fired: number }).fired === 1)).toBe(
        true,
      );
    } finally {
      await second.stop();
      await client.end();
      await db.drop();
    }
  }, 120_000);
});
