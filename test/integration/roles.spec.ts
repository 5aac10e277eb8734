import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { AppRole } from '../../src/config/app-config.js';
import { createLogger } from '../../src/logging.js';
import { Notification } from '../../src/notifications/notification.entity.js';
import { QueueName } from '../../src/queue/queue-names.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { startService, type RunningService } from '../../src/service.js';
import { testConfig } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startSmtpServer } from '../support/smtp.js';
import { TEST_REDIS_URL } from '../support/redis.js';

describe('process roles', () => {
  let db: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const running: RunningService[] = [];

  async function start(role: AppRole): Promise<RunningService> {
    const config = testConfig({
      dataDir: await mkdtemp(join(tmpdir(), 'de-an-06-role-')),
      databaseUrl: db.url,
      role,
      smtpUrl: smtp.url,
    });
    const service = await startService(config, createLogger('silent'));
    running.push(service);
    return service;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    for (const s of running) await s.stop();
    await smtp.close();
    await db.drop();
  });

  it('an api process serves HTTP and leaves jobs to the workers; a worker process sends them', async () => {
    const api = await start('api');
    expect('getHttpServer' in api.app).toBe(true);
    const dataSource = api.app.get(DataSource);
    const row = await dataSource.getRepository(Notification).save({
      idempotencyKey: 'role-test',
      kind: 'LEADERSHIP_DIGEST',
      recipientEmail: 'lanhdao@demo.example',
      subject: 'Tổng hợp kiến nghị quá hạn',
      bodyText: 'Nội dung',
      bodyHtml: '<p>Nội dung</p>',
      messageId: '<role-test@de-an-06.test>',
    });
    const queues = api.app.get(QueueService);
    await queues.enqueue('notification.send', { notificationId: row.id }, { jobId: 'role-test' });
    expect(await queues.queue(QueueName.Notifications).getJobState('role-test')).toBe('waiting');

    const worker = await start('worker');
    expect('getHttpServer' in worker.app).toBe(false);
    await smtp.next(1);
    expect(smtp.received[0].parsed.subject).toBe('Tổng hợp kiến nghị quá hạn');
  });
});

describe('Redis maxmemory-policy', () => {
  if (!TEST_REDIS_URL) {
    it('is checked only when TEST_REDIS_URL is set', () => {
      console.warn('Redis eviction-policy check not run: TEST_REDIS_URL is not set.');
    });
    return;
  }
  it('warns loudly unless it is noeviction', async () => {
    const { Redis } = await import('ioredis');
    const { prepareQueueBackend } = await import('../../src/queue/queue-backend.js');
    const redis = new Redis(TEST_REDIS_URL!);
    const [, original] = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const warnings: string[] = [];
    const log = { info: () => undefined, warn: (m: string) => warnings.push(m) };
    try {
      await redis.config('SET', 'maxmemory-policy', 'noeviction');
      await prepareQueueBackend(
        { redisUrl: TEST_REDIS_URL!, databaseUrl: 'postgres://unused' },
        log,
      );
      expect(warnings).toEqual([]);
      await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
      const backend = await prepareQueueBackend(
        { redisUrl: TEST_REDIS_URL!, databaseUrl: 'postgres://unused' },
        log,
      );
      expect(backend.kind).toBe('redis');
      expect(warnings.join('\n')).toMatch(/maxmemory-policy is "allkeys-lru", not "noeviction"/);
    } finally {
      await redis.config('SET', 'maxmemory-policy', original);
      redis.disconnect();
    }
  });
});
