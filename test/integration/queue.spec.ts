import { randomBytes } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { Queue, QueueEvents } from 'bullmq';
import { JobHandlers } from '../../src/queue/job-handlers.js';
import { JOB_NAMES, type JobPayloads } from '../../src/queue/jobs.js';
import { prepareQueueBackend, type QueueBackend } from '../../src/queue/queue-backend.js';
import { QueueModule } from '../../src/queue/queue.module.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { QueueName } from '../../src/queue/queue-names.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { queueBackends } from '../support/redis.js';
import { globalConfigModule, testConfig } from '../support/app.js';

type Payload = JobPayloads['notification.send'];

/** Resolves when the handler has seen `count` jobs. */
function collector() {
  const seen: { payload: Payload; at: number }[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  return {
    seen,
    handle: async (payload: Payload) => {
      seen.push({ payload, at: Date.now() });
      for (const w of waiters.filter((w) => seen.length >= w.count)) w.resolve();
    },
    until: (count: number) =>
      new Promise<void>((resolve) =>
        seen.length >= count ? resolve() : waiters.push({ count, resolve }),
      ),
  };
}

/** This file exercises the queue itself: the other jobs get handlers that do nothing. */
function registerOthers(handlers: JobHandlers): void {
  for (const name of JOB_NAMES)
    if (name !== 'notification.send') handlers.register(name, async () => undefined);
}

describe.each(queueBackends())('queue round trip on %s', (_kind, redisUrl) => {
  let db: TestDatabase;
  let backend: QueueBackend;
  let moduleRef: TestingModule;
  let queues: QueueService;
  const jobs = collector();

  beforeAll(async () => {
    db = await createTestDatabase();
    backend = await prepareQueueBackend(
      { databaseUrl: db.url, redisUrl, redisPrefix: `test-${randomBytes(4).toString('hex')}` },
      { info: () => undefined, warn: () => undefined },
    );
    moduleRef = await Test.createTestingModule({
      imports: [
        globalConfigModule(testConfig({ dataDir: '/tmp', databaseUrl: db.url, role: 'all' })),
        QueueModule.forRoot(backend),
      ],
    }).compile();
    registerOthers(moduleRef.get(JobHandlers));
    moduleRef.get(JobHandlers).register('notification.send', jobs.handle);
    await moduleRef.init();
    queues = moduleRef.get(QueueService);
  });
  afterAll(async () => {
    await moduleRef?.close();
    await db?.drop();
  });

  it('runs an enqueued job through the typed handler', async () => {
    await queues.enqueue('notification.send', { notificationId: 'now-1' });
    await jobs.until(1);
    expect(jobs.seen[0].payload).toEqual({ notificationId: 'now-1' });
  });

  it('holds a delayed job until its time, and adds a job id only once', async () => {
    const before = jobs.seen.length;
    const enqueuedAt = Date.now();
    const id = await queues.enqueue(
      'notification.send',
      { notificationId: 'later' },
      { jobId: 'reminder-r1-c1-l1', delayMs: 1500 },
    );
    const again = await queues.enqueue(
      'notification.send',
      { notificationId: 'later-dup' },
      { jobId: 'reminder-r1-c1-l1', delayMs: 100 },
    );
    expect(again).toBe(id);
    const queue = queues.queue(QueueName.Notifications);
    const events = new QueueEvents(
      QueueName.Notifications,
      { connection: backend.connection, prefix: backend.prefix } as never,
      backend.factory as never,
    );
    await events.waitUntilReady();
    expect(await queue.getJobState('reminder-r1-c1-l1')).toBe('delayed');
    expect((await queue.getJobCounts('delayed')).delayed).toBe(1);

    await jobs.until(before + 1);
    const ran = jobs.seen.slice(before);
    expect(ran.map((j) => j.payload)).toEqual([{ notificationId: 'later' }]);
    expect(ran[0].at - enqueuedAt).toBeGreaterThanOrEqual(1400);

    // Once done, the same id is still not added again: a replayed schedule stays a no-op.
    await (await queue.getJob('reminder-r1-c1-l1'))!.waitUntilFinished(events);
    await queues.enqueue(
      'notification.send',
      { notificationId: 'later-replay' },
      { jobId: 'reminder-r1-c1-l1' },
    );
    expect(await queue.getJobState('reminder-r1-c1-l1')).toBe('completed');
    expect((await queue.getJob('reminder-r1-c1-l1'))?.data).toEqual({ notificationId: 'later' });
    await events.close();
  });

  it('lets a running job finish when the process shuts down', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const slow = await Test.createTestingModule({
      imports: [
        globalConfigModule(testConfig({ dataDir: '/tmp', databaseUrl: db.url, role: 'worker' })),
        QueueModule.forRoot(backend),
      ],
    }).compile();
    let finished = false;
    registerOthers(slow.get(JobHandlers));
    slow.get(JobHandlers).register('notification.send', async () => {
      started();
      await gate;
      finished = true;
    });
    // Stop the first worker so that the slow one takes the job.
    await moduleRef.close();
    await slow.init();
    await slow
      .get(QueueService)
      .enqueue('notification.send', { notificationId: 'slow' }, { jobId: 'slow-1' });
    await running;
    let closed = false;
    const closing = slow.close().then(() => (closed = true));
    await Promise.resolve();
    expect(closed).toBe(false);
    release();
    await closing;
    expect(finished).toBe(true);
    const probe = new Queue(
      QueueName.Notifications,
      { connection: backend.connection, prefix: backend.prefix } as never,
      backend.factory as never,
    );
    expect(await probe.getJobState('slow-1')).toBe('completed');
    await probe.close();
  });
});
