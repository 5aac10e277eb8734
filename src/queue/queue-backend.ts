import { createPostgresBackend, runMigrations, type BackendFactory } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { redacted } from '../common/redacted-url.js';

/** The schema BullMQ's PostgreSQL backend lives in, beside our own tables. */
export const BULLMQ_SCHEMA = 'bullmq';

/**
 * Where BullMQ keeps its jobs: Redis when REDIS_URL is set, otherwise its PostgreSQL backend
 * in the service's own database. Every Queue and Worker is built from this one choice.
 */
export interface QueueBackend {
  kind: 'redis' | 'postgres';
  /** Passed explicitly to every Queue and Worker (never the process-wide default). */
  factory: BackendFactory | undefined;
  connection: Record<string, unknown>;
  /** For the start-up log; carries no password. */
  description: string;
  /** Redis key prefix (BullMQ's default "bull" when absent); tests use their own. */
  prefix?: string;
  /** Ends the PostgreSQL pool every queue and worker shared, once they are all closed. */
  close?: () => Promise<void>;
}

/** The name of the shared BullMQ pool's sessions in pg_stat_activity (LISTEN ones take the queue's). */
export const QUEUE_POOL_APPLICATION_NAME = 'de-an-06-queue';

/** At least one connection beside each worker's LISTEN (two queues). */
const MIN_QUEUE_POOL = 3;

export interface QueueBackendLog {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * On PostgreSQL, every Queue and Worker of the process shares one pool of `poolMax` connections
 * (8 unless QUEUE_POOL_MAX says otherwise): given a configuration, BullMQ would open a pool of its
 * own per Queue and per Worker, and a dedicated LISTEN connection beside each worker's. A worker
 * keeps one of the shared pool's connections for its LISTEN.
 */
export async function prepareQueueBackend(
  urls: { redisUrl?: string; databaseUrl: string; redisPrefix?: string },
  log: QueueBackendLog,
  options: { poolMax?: number } = {},
): Promise<QueueBackend> {
  if (urls.redisUrl) {
    await warnUnlessNoEviction(urls.redisUrl, log);
    return {
      kind: 'redis',
      prefix: urls.redisPrefix,
      factory: undefined,
      connection: { ...redisOptions(urls.redisUrl), maxRetriesPerRequest: null },
      description: `Redis at ${redacted(urls.redisUrl)}`,
    };
  }
  await migrateBullmqSchema(urls.databaseUrl);
  const pool = new pg.Pool({
    connectionString: urls.databaseUrl,
    max: Math.max(MIN_QUEUE_POOL, options.poolMax ?? 8),
    application_name: QUEUE_POOL_APPLICATION_NAME,
    // What BullMQ sets on a pool of its own: unqualified names resolve in its schema.
    options: `-c search_path="${BULLMQ_SCHEMA}"`,
    // A dropped LISTEN connection is noticed in seconds, so a worker may wait long on it.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // Idle connections do not keep a process (a test, a CLI command) alive.
    allowExitOnIdle: true,
  });
  // An idle connection the server dropped is replaced on next use; each Queue and Worker
  // listens on the pool too (every one a listener).
  pool.on('error', () => undefined);
  pool.setMaxListeners(0);
  let ended: Promise<void> | undefined;
  return {
    kind: 'postgres',
    factory: createPostgresBackend as unknown as BackendFactory,
    connection: pool as unknown as Record<string, unknown>,
    description: `PostgreSQL (schema "${BULLMQ_SCHEMA}" in ${redacted(urls.databaseUrl)})`,
    close: () => (ended ??= pool.end()),
  };
}

/**
 * BullMQ's own schema must exist before any Queue or Worker starts: without it a worker
 * retries in a tight loop. Runs on one dedicated session, as runMigrations requires.
 */
export async function migrateBullmqSchema(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await runMigrations(client, BULLMQ_SCHEMA);
  } finally {
    await client.end();
  }
}

export function redisOptions(url: string): Record<string, unknown> {
  const u = new URL(url);
  const db = u.pathname.replace('/', '');
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** BullMQ loses jobs when Redis evicts keys under memory pressure. */
async function warnUnlessNoEviction(url: string, log: QueueBackendLog): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 5000,
  });
  try {
    await redis.connect();
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1];
    if (policy !== 'noeviction') {
      log.warn(
        `!!! Redis maxmemory-policy is "${policy}", not "noeviction": Redis may evict queued ` +
          `reminder jobs under memory pressure. Set maxmemory-policy noeviction. !!!`,
      );
    }
  } catch (error) {
    log.warn(
      `could not read Redis maxmemory-policy (${(error as Error).message}); make sure it is "noeviction"`,
    );
  } finally {
    redis.disconnect();
  }
}
