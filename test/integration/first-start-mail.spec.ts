import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createLogger } from '../../src/logging.js';
import { deterministicMessageId } from '../../src/notifications/outbox.js';
import { startService } from '../../src/service.js';
import { testConfig } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { startSmtpServer } from '../support/smtp.js';

interface Row {
  idempotency_key: string;
  recipient: string;
  status: string;
  attempts: number;
  batch_id: string | null;
  message_id: string;
  document_number: string;
  recommendation_id: string;
}

/**
 * What a leader receives on the first start (issue 12, item 4): the December 2023 letters all
 * overdue at once, every reminder of the wave written within the gather window, each recipient
 * one mail listing its letters most overdue first, each idempotency key SENT exactly once.
 */
describe('the first start’s wave of reminders', () => {
  it('gives each recipient one mail listing its letters; every key is sent once', async () => {
    const smtp = await startSmtpServer();
    const db = await createTestDatabase({ empty: true });
    const dataDir = await mkdtemp(join(tmpdir(), 'de-an-06-wave-'));
    const config = testConfig({
      dataDir,
      databaseUrl: db.url,
      role: 'all',
      seedDemo: true,
      smtpUrl: smtp.url,
      // The default is 20 s; 5 s covers the catch-up of this data on a loaded test machine.
      mailGatherSeconds: 5,
    });
    const client = new pg.Client({ connectionString: db.url });
    client.on('error', () => undefined); // the database is dropped at the end
    const rows = async () =>
      (
        await client.query<Row>(
          `SELECT n.idempotency_key, lower(n.recipient_email) AS recipient, n.status, n.attempts,
                  n.batch_id, n.message_id, n.item->>'documentNumber' AS document_number,
                  n.item->>'recommendationId' AS recommendation_id
             FROM notification n WHERE n.kind = 'ESCALATION' ORDER BY n.created_at, n.id`,
        )
      ).rows;
    const steps = async () =>
      (await client.query(`SELECT count(*)::int AS n FROM escalation_event`)).rows[0].n as number;

    const service = await startService(config, createLogger('silent'));
    await client.connect();
    try {
      // The wave is over when steps have stopped being recorded and no reminder is left to send.
      let last = -1;
      let stableSince = Date.now();
      const end = Date.now() + 100_000;
      for (;;) {
        const n = await steps();
        if (n !== last) [last, stableSince] = [n, Date.now()];
        const current = await rows();
        const open = current.filter((r) => ['PENDING', 'SENDING'].includes(r.status));
        if (n > 0 && current.length > 0 && open.length === 0 && Date.now() - stableSince > 3000)
          break;
        if (Date.now() > end) throw new Error(`wave not settled: ${open.length} rows unsent`);
        await new Promise((r) => setTimeout(r, 200));
      }
      await new Promise((r) => setTimeout(r, 1000)); // any late copy would arrive now

      const all = await rows();
      expect(all.length).toBeGreaterThanOrEqual(15);
      expect(all.every((r) => r.status === 'SENT' && r.attempts === 1)).toBe(true);
      expect(new Set(all.map((r) => r.idempotency_key)).size).toBe(all.length);

      const recipients = [...new Set(all.map((r) => r.recipient))];
      const received = smtp.received.map((m) => ({
        to: m.to.map((a) => a.toLowerCase()),
        subject: m.parsed.subject ?? '',
        text: m.parsed.text ?? '',
        messageId: m.parsed.messageId,
      }));
      // One mail per recipient, no more.
      expect(received).toHaveLength(recipients.length);
      for (const recipient of recipients) {
        const mine = all.filter((r) => r.recipient === recipient);
        const mails = received.filter((m) => m.to.includes(recipient));
        expect(mails).toHaveLength(1);
        const batches = new Set(mine.map((r) => r.batch_id));
        expect(batches.size).toBe(1);
        expect(mails[0].messageId).toBe(
          mine.length === 1
            ? mine[0].message_id
            : deterministicMessageId(`batch:${[...batches][0]}`, config.mailFrom),
        );
        for (const number of new Set(mine.map((r) => r.document_number)))
          expect(mails[0].text).toContain(`Kiến nghị số ${number} `);
        expect(mails[0].subject).not.toMatch(/lần \d|Mức/);
        expect(mails[0].text).not.toMatch(/lần \d{2,}|bỏ qua khi nhập muộn/);
      }

      // The leader's mail: every overdue letter of the data, most overdue first.
      const leader = [...recipients]
        .map((recipient) => ({
          recipient,
          count: all.filter((r) => r.recipient === recipient).length,
        }))
        .sort((a, b) => b.count - a.count)[0].recipient;
      const mail = received.find((m) => m.to.includes(leader))!;
      console.warn(
        `first start: ${all.length} reminder rows for ${recipients.length} recipients, ${received.length} mails; the mail to ${leader}:\n\nSubject: ${mail.subject}\n\n${mail.text}`,
      );
      const numbers = [...mail.text.matchAll(/^\d+\. Kiến nghị số (\S+) ngày/gm)].map((m) => m[1]);
      expect(numbers.length).toBe(
        new Set(all.filter((r) => r.recipient === leader).map((r) => r.recommendation_id)).size,
      );
    } finally {
      await service.stop();
      await client.end();
      await db.drop();
      await smtp.close();
    }
  }, 180_000);
});
