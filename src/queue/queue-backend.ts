import { createPostgresBackend, runMigrations, type BackendFactory } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';

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
}

export interface QueueBackendLog {
  info(message: string): void;
  warn(message: string): void;
}

export async function prepareQueueBackend(
  urls: { redisUrl?: string; databaseUrl: string; redisPrefix?: string },
  log: QueueBackendLog,
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
  return {
    kind: 'postgres',
    factory: createPostgresBackend as unknown as BackendFactory,
    connection: { connectionString: urls.databaseUrl, schema: BULLMQ_SCHEMA, max: 5 },
    description: `PostgreSQL (schema "${BULLMQ_SCHEMA}" in ${redacted(urls.databaseUrl)})`,
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

export function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
