import {
  Inject,
  Injectable,
  Logger,
  BeforeApplicationShutdown,
  OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { DelayedError, Job, Worker } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JobHandlers } from './job-handlers.js';
import {
  firstStartLatenessMs,
  JOB_OBSERVER,
  type JobObserver,
  type JobOutcome,
} from './job-observer.js';
import { JOBS } from './jobs.js';
import { QUEUE_BACKEND } from './queue.tokens.js';
import type { QueueBackend } from './queue-backend.js';
import { QUEUE_CONCURRENCY, QueueName } from './queue-names.js';

/**
 * Runs the workers when the process role includes `worker`. On shutdown it lets running
 * jobs finish (Worker.close waits for them) before the database pool closes.
 */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerHost.name);
  private readonly workers: Worker[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(QUEUE_BACKEND) private readonly backend: QueueBackend,
    private readonly handlers: JobHandlers,
    @Optional() @Inject(JOB_OBSERVER) private readonly observer?: JobObserver,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'api') return;
    const missing = this.handlers.missing();
    if (missing.length > 0) throw new Error(`jobs without a handler: ${missing.join(', ')}`);
    const queues = new Set(Object.values(JOBS).map((j) => j.queue));
    for (const name of queues) this.workers.push(this.startWorker(name));
    this.logger.log(`workers started on queues: ${[...queues].join(', ')}`);
  }

  private startWorker(queue: QueueName): Worker {
    const worker = new Worker(
      queue,
      async (job: Job, token?: string) => {
        const handler = this.handlers.get(job.name);
        if (!handler) throw new Error(`no handler for job "${job.name}"`);
        this.observer?.started(queue, job.name, firstStartLatenessMs(job));
        const startedAt = performance.now();
        let delayed = false;
        let outcome: JobOutcome = 'failed';
        let result: unknown;
        try {
          result = await handler(job.data, {
            id: job.id,
            attemptsMade: job.attemptsMade,
            delayUntil: async (at) => {
              await job.moveToDelayed(at.getTime(), token);
              delayed = true;
            },
          });
          outcome = delayed ? 'delayed' : 'completed';
        } finally {
          this.observer?.finished(queue, job.name, outcome, performance.now() - startedAt, result);
        }
        // Tells BullMQ the job was moved back to the delayed set, not finished.
        if (delayed) throw new DelayedError();
      },
      {
        connection: this.backend.connection,
        prefix: this.backend.prefix,
        concurrency: QUEUE_CONCURRENCY[queue],
        lockDuration: this.config.queueLockMs,
        stalledInterval: this.config.queueLockMs,
      } as never,
      this.backend.factory as never,
    );
    worker.on('failed', (job, error) =>
      this.logger.warn(
        `job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`,
      ),
    );
    worker.on('error', (error) => this.logger.error(`worker on ${queue}: ${error.message}`));
    return worker;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    this.workers.length = 0;
  }
}
