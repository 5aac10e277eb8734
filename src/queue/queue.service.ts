import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JOBS, type JobName, type JobPayloads } from './jobs.js';
import { QUEUE_BACKEND } from './queue.tokens.js';
import type { QueueBackend } from './queue-backend.js';
import { QueueName } from './queue-names.js';

export interface EnqueueOptions {
  /** Deterministic id (no ":", BullMQ refuses it): a job with an id already queued is not added twice. */
  jobId?: string;
  delayMs?: number;
  /**
   * When the delay counts from (epoch ms); by default when the job reaches the store. Jobs timed
   * together are given the moment they were timed, so none runs late by the time it took to send
   * the ones before it.
   */
  timestamp?: number;
}

/** The one way to enqueue a job. */
@Injectable()
export class QueueService implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(QUEUE_BACKEND) private readonly backend: QueueBackend) {}

  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<string | undefined> {
    const definition = JOBS[name];
    const job = await this.queue(definition.queue).add(name, payload, {
      ...definition.options,
      ...(options.jobId ? { jobId: options.jobId } : {}),
      ...(options.delayMs ? { delay: Math.max(0, Math.round(options.delayMs)) } : {}),
    });
    return job.id;
  }

  /** Many jobs of one name in one round trip per chunk; ids already queued are left as they are. */
  async enqueueMany<N extends JobName>(
    name: N,
    jobs: { payload: JobPayloads[N]; options: EnqueueOptions }[],
  ): Promise<void> {
    const definition = JOBS[name];
    const queue = this.queue(definition.queue);
    for (let i = 0; i < jobs.length; i += 1000) {
      await queue.addBulk(
        jobs.slice(i, i + 1000).map(({ payload, options }) => ({
          name,
          data: payload,
          opts: {
            ...definition.options,
            ...(options.jobId ? { jobId: options.jobId } : {}),
            ...(options.delayMs ? { delay: Math.max(0, Math.round(options.delayMs)) } : {}),
            ...(options.timestamp ? { timestamp: options.timestamp } : {}),
          },
        })),
      );
    }
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(
        name,
        { connection: this.backend.connection, prefix: this.backend.prefix } as never,
        this.backend.factory as never,
      );
      queue.on('error', () => undefined); // surfaced through /health/ready
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Answers when the queue backend does; used by /health/ready. */
  async ping(timeoutMs = 3000): Promise<void> {
    const queue = this.queue(QueueName.Notifications);
    await withTimeout(queue.getJobCounts('waiting'), timeoutMs, 'queue backend did not answer');
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}
