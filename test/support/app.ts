import type { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { QueueEvents } from 'bullmq';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import type { DestinationStream } from 'pino';
import type { Runtime } from '../../src/app.module.js';
import { Clock } from '../../src/common/clock.js';
import { localDay } from '../../src/common/domain/local-time.js';
import {
  APP_CONFIG,
  DEFAULT_POOLS,
  type AppConfig,
  type AppRole,
} from '../../src/config/app-config.js';
import { createHttpApp } from '../../src/http-app.js';
import { createLogger } from '../../src/logging.js';
import { createMailTransport } from '../../src/notifications/mail-transport.js';
import { prepareQueueBackend, type QueueBackend } from '../../src/queue/queue-backend.js';
import { QueueName } from '../../src/queue/queue-names.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { QUEUE_BACKEND } from '../../src/queue/queue.tokens.js';
import { createTestDatabase, TEST_PASSWORD, type TestDatabase } from './database.js';

export interface TestAppOptions {
  clock?: Clock;
  role?: AppRole;
  redisUrl?: string;
  smtpUrl?: string;
  database?: TestDatabase;
  /** false: a database without the December 2023 data or accounts (see createTestDatabase). */
  seed?: boolean;
  /** Settings the test needs other than the defaults (short intervals, say). */
  config?: Partial<AppConfig>;
  /** Share another app's Redis queues (by default each app has a prefix of its own). */
  redisPrefix?: string;
  /** Where the log goes, at level info (by default stdout at TEST_LOG_LEVEL, silent). */
  logTo?: DestinationStream;
}

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string>;
  raw: string;
}

export interface TestApp {
  app: NestFastifyApplication;
  database: TestDatabase;
  config: AppConfig;
  request<T = any>(
    method: string,
    url: string,
    options?: {
      token?: string;
      body?: unknown;
      payload?: string;
      headers?: Record<string, string>;
    },
  ): Promise<TestResponse<T>>;
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export function testConfig(
  overrides: Partial<AppConfig> & { dataDir: string; databaseUrl: string },
): AppConfig {
  return {
    nodeEnv: 'test',
    isProduction: false,
    port: 0,
    mailFrom: 'Tổ công tác Đề án 06 tỉnh Khánh Hòa <de-an-06@test.example>',
    appUrl: 'https://de-an-06.test',
    role: 'all',
    jwtSecret: randomBytes(32).toString('hex'),
    jwtExpiresIn: '1h',
    seedDemo: false,
    demoPassword: TEST_PASSWORD,
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Tests stand for clients at different addresses through X-Forwarded-For.
    trustProxy: true,
    mailLeaseSeconds: 300,
    attachmentMaxBytes: 20 * 1024 * 1024,
    queueLockMs: 30_000,
    mailRetryFirstSeconds: 30,
    mailRetryHours: 24,
    // A wave's reminders are written within a second here; a test of gathering may set more.
    mailGatherSeconds: 1,
    mailBatchMaxLetters: 200,
    reconcileEverySeconds: 300,
    // On, as by default; ESCALATION_CATCH_UP=0 runs the tests without batch firing's catch-up.
    escalationCatchUp: process.env.ESCALATION_CATCH_UP !== '0',
    documentWorkers: 1,
    ...DEFAULT_POOLS,
    // Production answers 503 after 5 s without a connection; the suite runs on two loaded cores
    // beside service processes of its own, where a slow connection is not a finding (the 503
    // itself is tested with a small value: database-busy.spec).
    databasePoolTimeoutMs: 30_000,
    ...overrides,
  };
}

/** The real HTTP application on a database of its own, driven through Fastify's inject. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database =
    options.database ??
    (await createTestDatabase({
      seed: options.seed,
      clockDay: options.clock ? localDay(options.clock.now()) : undefined,
    }));
  const dataDir = await mkdtemp(join(tmpdir(), 'de-an-06-app-'));
  const config = testConfig({
    dataDir,
    databaseUrl: database.url,
    redisUrl: options.redisUrl,
    smtpUrl: options.smtpUrl,
    // No workers unless a test asks: background jobs would race with what it checks.
    role: options.role ?? 'api',
    ...options.config,
  });
  const logger = options.logTo
    ? createLogger('info', options.logTo)
    : createLogger(config.logLevel);
  const queueBackend = await prepareQueueBackend(
    {
      databaseUrl: database.url,
      redisUrl: options.redisUrl,
      redisPrefix: options.redisPrefix ?? `test-${randomBytes(4).toString('hex')}`,
    },
    { info: () => undefined, warn: () => undefined },
    { poolMax: config.queuePoolMax },
  );
  const runtime: Runtime = {
    config,
    databaseUrl: database.url,
    queueBackend,
    mail: createMailTransport(config),
    logger,
    clock: options.clock,
  };
  const app = await createHttpApp(runtime);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = await app.getUrl();

  const request: TestApp['request'] = async (method, url, opts = {}) => {
    const res = await fetch(new URL(url, baseUrl), {
      method,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      body: opts.payload ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
    });
    const raw = await res.text();
    let body: unknown = raw;
    try {
      body = JSON.parse(raw);
    } catch {
      // not JSON: keep the text
    }
    return {
      status: res.status,
      body: body as never,
      headers: Object.fromEntries(res.headers),
      raw,
    };
  };

  return {
    app,
    database,
    config,
    request,
    login: async (email, password = TEST_PASSWORD) => {
      const res = await request('POST', '/api/v1/auth/login', { body: { email, password } });
      if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${res.raw}`);
      return res.body.accessToken as string;
    },
    close: async () => {
      await app.close();
      await queueBackend.close?.();
      if (!options.database) await database.drop();
    },
  };
}

/** APP_CONFIG for a test module that builds only part of the application. */
export function globalConfigModule(config: AppConfig): DynamicModule {
  class TestConfigModule {}
  return {
    module: TestConfigModule,
    global: true,
    providers: [{ provide: APP_CONFIG, useValue: config }],
    exports: [APP_CONFIG],
  };
}

/** Resolves when the job has finished (completed or failed), by the queue's own events. */
export async function waitForJob(
  app: INestApplicationContext,
  queue: QueueName,
  jobId: string,
): Promise<void> {
  const backend = app.get<QueueBackend>(QUEUE_BACKEND);
  const events = new QueueEvents(
    queue,
    { connection: backend.connection, prefix: backend.prefix } as never,
    backend.factory as never,
  );
  try {
    await events.waitUntilReady();
    const job = await app.get(QueueService).queue(queue).getJob(jobId);
    if (!job) throw new Error(`no job ${jobId} on ${queue}`);
    await job.waitUntilFinished(events).catch(() => undefined);
  } finally {
    await events.close();
  }
}
