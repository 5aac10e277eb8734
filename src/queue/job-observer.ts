import type { QueueName } from './queue-names.js';

/** How a job's run ended: done, put back in the delayed set (not a failure), or thrown. */
export type JobOutcome = 'completed' | 'delayed' | 'failed';

/**
 * What a worker tells about the jobs it runs, for whoever watches (the metrics, when enabled).
 * Provided globally under JOB_OBSERVER; absent, the workers tell nobody.
 */
export interface JobObserver {
  /** `latenessMs`: for a delayed job's first start, how long after its due time it started. */
  started(queue: QueueName, name: string, latenessMs: number | undefined): void;
  /** `result`: what the handler returned (reconciliation returns its counts). */
  finished(
    queue: QueueName,
    name: string,
    outcome: JobOutcome,
    durationMs: number,
    result: unknown,
  ): void;
}

export const JOB_OBSERVER = Symbol('JOB_OBSERVER');

/** The fields of a BullMQ job that say when it was due and when it started. */
interface StartedJob {
  timestamp: number;
  processedOn?: number;
  attemptsStarted: number;
  opts: { delay?: number };
}

/**
 * processedOn − (timestamp + delay), for a delayed job's first start only: both backends keep the
 * delay asked for in opts.delay (job.delay reads 0 once promoted), and a job started again (a
 * retry, a stall, or put back by delayUntil) was due at another time.
 */
export function firstStartLatenessMs(job: StartedJob): number | undefined {
  const delay = job.opts.delay ?? 0;
  if (delay <= 0 || job.attemptsStarted > 1 || !job.processedOn) return undefined;
  return Math.max(0, job.processedOn - (job.timestamp + delay));
}
