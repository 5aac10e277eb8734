import { Inject, Injectable } from '@nestjs/common';
import { PostgresQueueBackend, RedisQueueBackend, type IQueueBackend, type Queue } from 'bullmq';
import { QUEUE_BACKEND } from './queue.tokens.js';
import type { QueueBackend } from './queue-backend.js';
import type { QueueName } from './queue-names.js';
import { QueueService } from './queue.service.js';

/** A job not yet finished, as a bulk read of the queue store tells it. */
export interface PendingJob {
  state: 'delayed' | 'waiting' | 'active';
  /** When a delayed job becomes due (epoch ms, the store's clock); null otherwise. */
  runsAt: number | null;
}

/** Removals sent together: one statement (PostgreSQL) or one burst of commands (Redis). */
const REMOVE_CHUNK = 1000;

/**
 * The queue store read and pruned in bulk, whatever the backend: every unfinished job whose id
 * starts with a prefix in one round trip, and many jobs removed per statement, instead of a
 * getJob, getState and remove per job. BullMQ has no public call for either, so this reads
 * each backend's own structures: Redis' wait, paused, prioritized, delayed and active keys
 * (a delayed job's score is its due time × 4096 plus a counter), the PostgreSQL backend's
 * `job` table and its `remove` function, through the backend's own pool (whose search_path
 * is its schema).
 */
@Injectable()
export class QueueInventory {
  constructor(
    private readonly queues: QueueService,
    @Inject(QUEUE_BACKEND) private readonly backend: QueueBackend,
  ) {}

  /** Every waiting, delayed or running job of the queue whose id starts with `idPrefix`. */
  async pending(name: QueueName, idPrefix: string): Promise<Map<string, PendingJob>> {
    const queue = this.queues.queue(name);
    await queue.waitUntilReady();
    const held = new Map<string, PendingJob>();
    const backend: IQueueBackend = queue.getBackend();
    if (backend instanceof PostgresQueueBackend) {
      const { rows } = await backend.connection.pool.query<{
        id: string;
        state: PendingJob['state'];
        process_at_ms: string | null;
      }>(
        `SELECT id, state::text AS state, process_at_ms FROM job
          WHERE queue = $1 AND state IN ('waiting', 'delayed', 'active') AND starts_with(id, $2)`,
        [queue.name, idPrefix],
      );
      for (const r of rows)
        held.set(r.id, {
          state: r.state,
          runsAt:
            r.state === 'delayed' && r.process_at_ms !== null ? Number(r.process_at_ms) : null,
        });
      return held;
    }
    if (!(backend instanceof RedisQueueBackend))
      throw new Error(`no bulk read for the ${this.backend.kind} queue backend`);
    const client = await backend.client;
    const keys = queue.keys;
    // Sent together: one round trip, not one per list.
    const [waiting, paused, prioritized, delayed, active] = await Promise.all([
      client.lrange(keys.wait, 0, -1),
      client.lrange(keys.paused, 0, -1),
      client.zrange(keys.prioritized, 0, -1),
      client.zrange(keys.delayed, 0, -1, { WITHSCORES: true }),
      client.lrange(keys.active, 0, -1),
    ]);
    for (const id of [...waiting, ...paused, ...prioritized])
      if (id.startsWith(idPrefix)) held.set(id, { state: 'waiting', runsAt: null });
    for (let i = 0; i < delayed.length; i += 2)
      if (delayed[i].startsWith(idPrefix))
        held.set(delayed[i], {
          state: 'delayed',
          runsAt: Math.floor(Number(delayed[i + 1]) / 0x1000),
        });
    for (const id of active)
      if (id.startsWith(idPrefix)) held.set(id, { state: 'active', runsAt: null });
    return held;
  }

  /**
   * Removes the jobs (a locked, running one stays: its run decides); returns how many went.
   * Only for jobs of no scheduler.
   */
  async remove(name: QueueName, ids: string[]): Promise<number> {
    const queue = this.queues.queue(name);
    const backend: IQueueBackend = queue.getBackend();
    let removed = 0;
    for (let i = 0; i < ids.length; i += REMOVE_CHUNK) {
      const chunk = ids.slice(i, i + REMOVE_CHUNK);
      if (backend instanceof PostgresQueueBackend) {
        // BullMQ's own removal, the one Queue.remove runs, for the whole chunk at once.
        const { rows } = await backend.connection.pool.query<{ n: number }>(
          `SELECT coalesce(sum(remove($1, id, false)), 0)::int AS n FROM unnest($2::text[]) AS t(id)`,
          [queue.name, chunk],
        );
        removed += rows[0].n;
      } else {
        removed += await removeEach(queue, chunk);
      }
    }
    return removed;
  }
}

/** Redis: the chunk's removals written at once on the connection (ioredis pipelines them). */
async function removeEach(queue: Queue, ids: string[]): Promise<number> {
  const results = await Promise.all(
    ids.map((id) => queue.remove(id, { removeChildren: false }).catch(() => 0)),
  );
  return results.filter((n) => n === 1).length;
}
