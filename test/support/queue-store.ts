import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { QUEUE_BACKEND } from '../../src/queue/queue.tokens.js';
import type { QueueBackend } from '../../src/queue/queue-backend.js';
import type { TestApp } from './app.js';

/**
 * What an operator's FLUSHALL (Redis) or TRUNCATE (PostgreSQL) would do to this test's queues:
 * every job and every job scheduler gone, the database untouched.
 */
export async function wipeQueueStore(t: TestApp, redisUrl: string | undefined): Promise<void> {
  if (redisUrl) {
    const prefix = t.app.get<QueueBackend>(QUEUE_BACKEND).prefix;
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    return;
  }
  const ds = t.app.get(DataSource);
  const tables: { tablename: string }[] = await ds.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'bullmq' AND tablename NOT LIKE '%migration%'`,
  );
  // The running workers' transactions take these tables' locks in their own order: a TRUNCATE
  // of all of them may be chosen as a deadlock's victim, and is then simply run again.
  for (let attempt = 1; ; attempt++) {
    try {
      await ds.query(`TRUNCATE ${tables.map((r) => `bullmq."${r.tablename}"`).join(', ')}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '40P01' || attempt >= 5) throw error;
    }
  }
}
