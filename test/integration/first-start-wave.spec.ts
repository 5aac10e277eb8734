import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { queueBackends } from '../support/redis.js';
import { acceptingThenKillingSmtp } from '../support/killing-smtp.js';
import { serviceBuild } from '../support/service-build.js';

const service = serviceBuild();
const startWorker = service.start;
beforeAll(() => service.build(), 180_000);

/**
 * Issue 12, item 4, on the real first start: the seeded letters are all long overdue, so the
 * worker's start-up reconciliation fires every ladder at once. Each recipient gets ONE mail for
 * the whole wave; the worker is SIGKILLed right after the SMTP server accepted the first mail
 * (before it was recorded) and restarted: every idempotency key is still mailed once — the one
 * mail caught in that window is sent again as the same message (same Message-ID), never as a
 * second, different one.
 */
// On BullMQ's PostgreSQL backend, the one `npm start` uses; mail-batches-crash.spec.ts kills a
// worker mid-wave on both backends.
describe.each(queueBackends().slice(0, 1))(
  'the first-start wave, the worker killed mid-wave (%s)',
  (kind, redisUrl) => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(() => db.drop());

    it('mails each recipient one mail listing all its reminders, each key once, after a SIGKILL and a restart', async () => {
      let worker: ChildProcess | undefined;
      // Killed right after the SMTP server accepted the first mail, before it was recorded.
      const smtp = await acceptingThenKillingSmtp([1], () => worker?.kill('SIGKILL'));
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const env = {
        DATABASE_URL: db.url,
        REDIS_URL: redisUrl ?? '',
        REDIS_PREFIX: `wave-${randomBytes(3).toString('hex')}`,
        SMTP_URL: smtp.url,
        APP_ROLE: 'worker',
        NODE_ENV: 'test',
        APP_URL: 'https://de-an-06.khanhhoa.example',
        LOG_LEVEL: process.env.DEBUG_WORKER ? 'info' : 'error',
        DATA_DIR: await mkdtemp(join(tmpdir(), 'de-an-06-wave-')),
        // The window slides while the wave is being written (issue 12, item 4).
        MAIL_GATHER_SECONDS: '10',
        MAIL_LEASE_SECONDS: '2',
        QUEUE_LOCK_MS: '2000',
        RECONCILE_EVERY_SECONDS: '2',
      };
      const rows = async () =>
        (
          await client.query<{
            idempotency_key: string;
            recipient: string;
            status: string;
            batch_id: string | null;
            recommendation_id: string;
          }>(
            `SELECT n.idempotency_key, lower(n.recipient_email) AS recipient, n.status, n.batch_id,
                  e.recommendation_id
             FROM notification n JOIN escalation_event e ON e.id = n.escalation_event_id
            WHERE n.kind = 'ESCALATION'`,
          )
        ).rows;
      try {
        worker = startWorker(env);
        const exited = new Promise((r) => worker!.once('exit', r));
        await exited; // killed right after the first mail was accepted
        // (a pooled transport may have had a second one in flight, accepted as well)
        const acceptedBeforeKill = smtp.delivered.length;
        expect(acceptedBeforeKill).toBeGreaterThanOrEqual(1);
        worker = startWorker(env);
        let settled = await rows();
        for (let i = 0; i < 2400; i++) {
          settled = await rows();
          if (settled.length > 0 && settled.every((r) => r.status === 'SENT')) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        expect(settled.length).toBeGreaterThan(15);
        expect(settled.filter((r) => r.status !== 'SENT')).toEqual([]);

        const recipients = [...new Set(settled.map((r) => r.recipient))].sort();
        for (const recipient of recipients) {
          const mine = settled.filter((r) => r.recipient === recipient);
          // One batch per recipient: every key it is owed went out in that one mail.
          expect([...new Set(mine.map((r) => r.batch_id))]).toHaveLength(1);
          const mails = smtp.delivered.filter((d) => d.to === recipient);
          const messages = [...new Set(mails.map((d) => d.messageId))];
          expect({ recipient, messages: messages.length }).toEqual({ recipient, messages: 1 });
          const letters = new Set(mine.map((r) => r.recommendation_id)).size;
          if (letters > 1)
            expect(mails[0].subject).toMatch(new RegExp(`^${letters} kiến nghị quá hạn chờ`));
        }
        // Only the mails caught between the server's acceptance and our record went twice.
        expect(smtp.delivered.length).toBeLessThanOrEqual(recipients.length + acceptedBeforeKill);
        const leader = smtp.delivered.find((d) => d.to === 'lanhdao@demo.example')!;
        expect(leader.text).toContain('lần nhắc đầu tiên'); // a catch-up: nobody was reminded before
        expect(leader.text).not.toMatch(/lần 100|bỏ qua/);
        expect(leader.text).toContain('https://de-an-06.khanhhoa.example/kien-nghi/');
        // Leadership's level does not mail the addressees, yet says who answers for them today
        // (the 2025 reorganisation is applied on a fresh start), and which wait for the
        // secretariat's choice of a successor.
        expect(leader.text).toContain(
          'Nhiệm vụ của Tổ công tác triển khai Đề án 06 của Chính phủ nay do Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06 đảm nhận (Quyết định 598/QĐ-TTg, từ ngày 13/03/2025).',
        );
        expect(leader.text).toContain(
          'Tạm dừng nhắc Bộ Thông tin và Truyền thông: cơ quan này đã được chia tách, chưa xác định cơ quan kế thừa',
        );
        if (process.env.WAVE_MAIL_OUT && kind === 'PostgreSQL')
          writeFileSync(
            process.env.WAVE_MAIL_OUT,
            `Subject: ${leader.subject}\n\n${leader.text}`,
            'utf8',
          );
      } finally {
        worker?.kill('SIGTERM');
        if (worker && worker.exitCode === null && worker.signalCode === null)
          await new Promise((r) => worker!.once('exit', r));
        await client.end();
        await smtp.close();
      }
    }, 300_000);
  },
);
