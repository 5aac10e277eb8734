import type { JobsOptions } from 'bullmq';
import { QueueName } from './queue-names.js';

/**
 * Every job the service runs: its name, payload, queue and options, in one place.
 * Job names are stored with queued jobs; never rename one without a migration.
 */
export interface JobPayloads {
  /** Send one outbox row by mail. */
  'notification.send': { notificationId: string };
}

export type JobName = keyof JobPayloads;

export interface JobDefinition {
  queue: QueueName;
  options: JobsOptions;
}

export const JOBS: { [N in JobName]: JobDefinition } = {
  'notification.send': {
    queue: QueueName.Notifications,
    options: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 30_000 },
      removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    },
  },
};

export const JOB_NAMES = Object.keys(JOBS) as JobName[];

export type JobHandler<N extends JobName> = (
  payload: JobPayloads[N],
  job: { id?: string; attemptsMade: number },
) => Promise<void>;
