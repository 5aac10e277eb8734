import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { QueueName } from '../queue/queue-names.js';
import { type QueueService, withTimeout } from '../queue/queue.service.js';
import type { Instruments } from './instruments.js';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;
const BACKLOG = ['PENDING', 'SENDING', 'FAILED'] as const;
const READ_TIMEOUT_MS = 3000;

/**
 * The gauges read on each scrape: per queue a job count by state and the oldest waiting job
 * (a constant number of backend calls per queue, whatever its size), and the outbox rows not
 * sent by status (one grouped count over the status index, bounded by the backlog). A source
 * that does not answer leaves its gauges out and de_an_06_metrics_source_up at 0, rather than
 * failing the whole scrape.
 */
export class ScrapeGauges {
  constructor(
    private readonly m: Instruments,
    private readonly queues: QueueService,
    private readonly dataSource: DataSource,
  ) {}

  async read(): Promise<void> {
    await Promise.all([
      this.guarded('queue', () => this.readQueues(), [this.m.queueJobs, this.m.queueOldestWaiting]),
      this.guarded('database', () => this.readOutbox(), [this.m.outbox]),
    ]);
  }

  private async guarded(
    source: string,
    read: () => Promise<void>,
    gauges: { reset(): void }[],
  ): Promise<void> {
    try {
      await withTimeout(read(), READ_TIMEOUT_MS, `${source} did not answer`);
      this.m.sourceUp.set({ source }, 1);
    } catch {
      for (const gauge of gauges) gauge.reset();
      this.m.sourceUp.set({ source }, 0);
    }
  }

  private async readQueues(): Promise<void> {
    const now = Date.now();
    const read = await Promise.all(
      Object.values(QueueName).map(async (name) => {
        const queue = this.queues.queue(name);
        const [counts, oldest] = await Promise.all([
          queue.getJobCounts(...STATES),
          oldestWaitingSince(queue, now),
        ]);
        return { name, counts, oldest };
      }),
    );
    for (const { name, counts, oldest } of read) {
      for (const state of STATES) this.m.queueJobs.set({ queue: name, state }, counts[state] ?? 0);
      this.m.queueOldestWaiting.set(
        { queue: name },
        oldest === undefined ? 0 : Math.max(0, now - oldest) / 1000,
      );
    }
  }

  private async readOutbox(): Promise<void> {
    const rows = (await this.dataSource.query(
      `SELECT status, count(*)::int AS count FROM notification
        WHERE status = ANY($1::text[]) GROUP BY status`,
      [BACKLOG],
    )) as { status: string; count: number }[];
    const counts = new Map(rows.map((r) => [r.status, r.count]));
    for (const status of BACKLOG) this.m.outbox.set({ status }, counts.get(status) ?? 0);
  }
}

/**
 * Since when the longest-waiting job has been ready to run: the first job in the waiting list
 * (ready since it was added, or since its delay ran out), or a delayed job already past its due
 * time that no worker has moved yet (the PostgreSQL backend promotes them only as a worker asks
 * for work). Undefined when nothing waits.
 */
async function oldestWaitingSince(queue: Queue, now: number): Promise<number | undefined> {
  const [[waiting], [delayed]] = await Promise.all([
    queue.getWaiting(0, 0),
    queue.getDelayed(0, 0),
  ]);
  const readySince = (job: { timestamp: number; opts: { delay?: number } }) =>
    job.timestamp + (job.opts.delay ?? 0);
  const since = [
    waiting ? readySince(waiting) : undefined,
    delayed && readySince(delayed) <= now ? readySince(delayed) : undefined,
  ].filter((t): t is number => t !== undefined);
  return since.length > 0 ? Math.min(...since) : undefined;
}
