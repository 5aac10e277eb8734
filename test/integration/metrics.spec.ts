import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { Notification } from '../../src/notifications/notification.entity.js';
import { NotificationSender } from '../../src/notifications/notification-sender.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_REDIS_URL } from '../support/redis.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';

const TOKEN = randomBytes(24).toString('hex');

/** The value of one sample of the Prometheus text (labels matched as given; others ignored). */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(m[3]);
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function outboxRow(dataSource: DataSource, key: string, to = 'dau-moi@byt.example') {
  return dataSource.getRepository(Notification).save({
    idempotencyKey: key,
    kind: 'ESCALATION',
    recipientEmail: to,
    subject: 'Đôn đốc trả lời kiến nghị',
    bodyText: 'Kính gửi Bộ Y tế,\nKiến nghị chưa được trả lời.',
    bodyHtml: '<p>Kính gửi Bộ Y tế,</p><p>Kiến nghị chưa được trả lời.</p>',
    messageId: `<${key}@de-an-06.test>`,
  });
}

describe('GET /metrics on the application port (role api, PostgreSQL queue backend)', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  const scrape = async () => (await t.request('GET', '/metrics', { token: TOKEN })).raw;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ smtpUrl: smtp.url, config: { metricsToken: TOKEN } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('refuses without the token (401) and with another (403), in the error shape', async () => {
    const none = await t.request('GET', '/metrics');
    expect(none.status).toBe(401);
    expect(none.body).toEqual({
      statusCode: 401,
      code: 'UNAUTHORIZED',
      message: expect.any(String),
    });
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    const wrong = await t.request('GET', '/metrics', { token: `${TOKEN}x` });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: expect.any(String) });
    // A user's access token is not the metrics token.
    const user = await t.request('GET', '/metrics', {
      token: await t.login('lanhdao@demo.example'),
    });
    expect(user.status).toBe(403);
  });

  it('serves the Prometheus text with the token: Node defaults, labelled with the role', async () => {
    const res = await t.request('GET', '/metrics', { token: TOKEN });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(res.raw, 'process_resident_memory_bytes', { role: 'api' })).toBeGreaterThan(0);
    expect(res.raw).toContain('# TYPE de_an_06_http_request_duration_seconds histogram');
  });

  it('counts requests under their route template, not the raw URL', async () => {
    const token = await t.login('lanhdao@demo.example');
    let text = '';
    const count = (route: string, status_class = '2xx') =>
      sample(text, 'de_an_06_http_request_duration_seconds_count', {
        method: 'GET',
        route,
        status_class,
      }) ?? 0;
    await t.request('GET', '/api/v1/pilots', { token });
    await t.request('GET', '/api/v1/pilots/1', { token });
    await t.request('GET', '/api/v1/pilots/2', { token });
    await t.request('GET', '/no-such-page-here');
    text = await scrape();
    expect(count('/api/v1/pilots')).toBe(1);
    expect(count('/api/v1/pilots/:number')).toBe(2);
    expect(count('unmatched', '4xx')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('route="/api/v1/pilots/1"');
    expect(text).not.toContain('no-such-page-here');
  });

  it('shows a queued job in its queue depth, and how long the oldest has waited', async () => {
    const before = sample(await scrape(), 'de_an_06_queue_jobs', {
      queue: 'escalation',
      state: 'waiting',
    });
    // Role api runs no worker: the job stays waiting.
    await t.app.get(QueueService).enqueue('reports.remind', {}, { jobId: `metrics-${TOKEN}` });
    const text = await scrape();
    expect(sample(text, 'de_an_06_queue_jobs', { queue: 'escalation', state: 'waiting' })).toBe(
      before! + 1,
    );
    expect(
      sample(text, 'de_an_06_queue_oldest_waiting_seconds', { queue: 'escalation' }),
    ).toBeGreaterThan(0);
    expect(sample(text, 'de_an_06_metrics_source_up', { source: 'queue' })).toBe(1);
  });

  it('shows the outbox backlog by status, and counts mails sent, failed and retried', async () => {
    const dataSource = t.app.get(DataSource);
    const sender = t.app.get(NotificationSender);
    const pending = () =>
      scrape().then((text) => sample(text, 'de_an_06_outbox_notifications', { status: 'PENDING' }));
    const start = await pending();
    const sent = await outboxRow(dataSource, `metrics-sent-${TOKEN}`);
    const refused = await outboxRow(dataSource, `metrics-refused-${TOKEN}`);
    const busy = await outboxRow(dataSource, `metrics-busy-${TOKEN}`);
    expect(await pending()).toBe(start! + 3);

    expect(await sender.send(sent.id)).toEqual({ outcome: 'sent' });
    smtp.refuse(550);
    expect(await sender.send(refused.id)).toEqual({ outcome: 'failed' });
    smtp.refuse(451);
    expect(await sender.send(busy.id)).toMatchObject({ outcome: 'retry' });
    smtp.refuse(null);

    const text = await scrape();
    expect(sample(text, 'de_an_06_mail_sent_total')).toBe(1);
    expect(sample(text, 'de_an_06_mail_failed_total')).toBe(1);
    expect(sample(text, 'de_an_06_mail_retried_total')).toBe(1);
    expect(sample(text, 'de_an_06_outbox_notifications', { status: 'PENDING' })).toBe(start! + 1);
    expect(sample(text, 'de_an_06_outbox_notifications', { status: 'FAILED' })).toBe(1);
  });
});

describe(`a worker's metrics on METRICS_PORT (${TEST_REDIS_URL ? 'Redis' : 'PostgreSQL'} queue backend)`, () => {
  let database: TestDatabase;
  let t: TestApp;
  let port: number;
  const scrape = async () =>
    (
      await fetch(`http://127.0.0.1:${port}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      })
    ).text();
  /** Scrapes until the sample reaches `atLeast` (the worker runs the jobs in its own time). */
  const reaches = async (name: string, labels: Record<string, string>, atLeast: number) => {
    for (let i = 0; i < 200; i++) {
      if ((sample(await scrape(), name, labels) ?? 0) >= atLeast) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${name} ${JSON.stringify(labels)} never reached ${atLeast}`);
  };

  beforeAll(async () => {
    database = await createTestDatabase({ seed: false });
    // An outbox row with no mail job: start-up reconciliation requeues it (a repair).
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(
      `INSERT INTO notification (idempotency_key, kind, recipient_email, subject, body_text, body_html, status, message_id)
       VALUES ($1, 'ESCALATION', 'lanh-dao@khanhhoa.example', 'Tổng hợp', 'Tổng hợp', '<p>Tổng hợp</p>', 'PENDING', $2)`,
      [`metrics-orphan-${TOKEN}`, `<metrics-orphan-${TOKEN}@de-an-06.test>`],
    );
    await client.end();
    port = await freePort();
    t = await startTestApp({
      database,
      role: 'worker',
      redisUrl: TEST_REDIS_URL,
      config: { metricsToken: TOKEN, metricsPort: port },
    });
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('serves them on its own port only, with the token', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
    expect((await t.request('GET', '/metrics', { token: TOKEN })).status).toBe(404);
    expect(
      sample(await scrape(), 'process_resident_memory_bytes', { role: 'worker' }),
    ).toBeGreaterThan(0);
  });

  it("times reconciliation and counts its repairs; measures a delayed job's lateness", async () => {
    await reaches('de_an_06_reconcile_duration_seconds_count', { outcome: 'completed' }, 1);
    await reaches('de_an_06_reconcile_repairs_total', { kind: 'mailsRequeued' }, 1);
    await t.app.get(QueueService).enqueue('reports.remind', {}, { delayMs: 200 });
    await reaches('de_an_06_job_lateness_seconds_count', { name: 'reports.remind' }, 1);
    // The recurring jobs (reconciliation, digest, report reminders) wait in the delayed set.
    await reaches('de_an_06_queue_jobs', { queue: 'escalation', state: 'delayed' }, 1);
    await reaches('de_an_06_mail_sent_total', {}, 1);
  });
});
