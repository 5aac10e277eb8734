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
    // A window long enough that the whole catch-up wave goes in one mail per recipient.
    const config = testConfig({
      dataDir,
      databaseUrl: db.url,
      role: 'all',
      seedDemo: true,
      mailGatherSeconds: 10,
    });
    const client = new pg.Client({ connectionString: db.url });
    client.on('error', () => undefined); // the database is dropped at the end
    const fired = async () =>
      (
        await client.query<{ document_number: string; level: number; skipped: number }>(
          // Per letter: its level, the steps skipped, and how often each addressee's ladder fired
          // (the fewest and the most: each addressee has a ladder of its own).
          `SELECT document_number, max(level) AS level, sum(skipped)::int AS skipped,
                  min(fired)::int AS fired, max(fired)::int AS most_fired
             FROM (SELECT r.id, r.letter_date, r.document_number, e.agency_id,
                          max(e.level) FILTER (WHERE e.outcome = 'FIRED') AS level,
                          count(*) FILTER (WHERE e.outcome = 'SKIPPED') AS skipped,
                          count(*) FILTER (WHERE e.outcome = 'FIRED') AS fired
                     FROM recommendation r JOIN escalation_event e ON e.recommendation_id = r.id
                    GROUP BY r.id, e.agency_id) per_addressee
            GROUP BY id, letter_date, document_number ORDER BY letter_date, document_number`,
        )
      ).rows;
    const reminders = async () =>
      (
        await client.query<{ total: number; sent: number; recipients: number }>(
          `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'SENT')::int AS sent,
                  count(DISTINCT lower(recipient_email))::int AS recipients
             FROM notification WHERE kind = 'ESCALATION'`,
        )
      ).rows[0];
    const eml = async () =>
      (await readdir(join(dataDir, 'mail'))).filter((f) => f.endsWith('.eml'));
    /** Every addressee's ladder of the letter fired exactly once. */
    const once = (l: unknown) => {
      const x = l as { fired: number; most_fired: number };
      return x.fired === 1 && x.most_fired === 1;
    };
    let remindersAtFirst: number;

    const first = await startService(config, createLogger('silent'));
    await client.connect();
    try {
      const letters = await until(
        fired,
        (rows) => rows.length === 15 && rows.every((l) => once(l)),
      );
      expect(letters).toHaveLength(15);
      expect(letters.every((l) => once(l))).toBe(true);
      const syt = letters.find((l) => l.document_number === '4338/SYT-TCHC')!;
      expect(syt.level).toBe(3);
      expect(syt.skipped).toBeGreaterThan(2); // levels 1 and 2, and the repetitions before the latest
      // Level 3 mails leadership and the secretariat (one demo account each) a reminder per
      // letter and addressee — every one of them sent, in ONE mail per recipient for the wave.
      const rows = await until(reminders, (r) => r.total > 0 && r.sent === r.total, 1800);
      expect(rows.sent).toBe(rows.total);
      expect(rows.recipients).toBe(2);
      expect(rows.total).toBeGreaterThan(30); // several letters ask two agencies
      expect(eml()).resolves.toHaveLength(2);
      remindersAtFirst = rows.total;
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
      expect(await reminders()).toMatchObject({ total: remindersAtFirst, sent: remindersAtFirst });
      await expect(eml()).resolves.toHaveLength(2);
      expect((await fired()).every((l) => once(l))).toBe(true);
    } finally {
      await second.stop();
      await client.end();
      await db.drop();
    }
  }, 240_000);
});
