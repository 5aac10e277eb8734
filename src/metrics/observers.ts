import type { MailObserver } from '../notifications/mail-observer.js';
import type { JobObserver, JobOutcome } from '../queue/job-observer.js';
import type { QueueName } from '../queue/queue-names.js';
import type { Instruments } from './instruments.js';

const RECONCILE_JOB = 'escalation.reconcile';
/** The counts of reconciliation's result (ReconcileCounts) that are repairs, by kind. */
const REPAIR_KINDS = ['stepsAdded', 'stepsRescheduled', 'orphansRemoved', 'mailsRequeued'];

/** The workers' jobs into the metrics: lateness, duration, and reconciliation's own. */
export class JobMetrics implements JobObserver {
  constructor(private readonly m: Instruments) {}

  started(_queue: QueueName, name: string, latenessMs: number | undefined): void {
    if (latenessMs !== undefined) this.m.jobLateness.observe({ name }, latenessMs / 1000);
  }

  finished(
    queue: QueueName,
    name: string,
    outcome: JobOutcome,
    durationMs: number,
    result: unknown,
  ): void {
    this.m.jobDuration.observe({ queue, name, outcome }, durationMs / 1000);
    if (name !== RECONCILE_JOB) return;
    this.m.reconcileDuration.observe({ outcome }, durationMs / 1000);
    for (const [kind, count] of Object.entries(repairCounts(result)))
      this.m.reconcileRepairs.inc({ kind }, count);
  }
}

/** The repairs in reconciliation's result, those it reports (a job whose run returned nothing: none). */
export function repairCounts(result: unknown): Record<string, number> {
  const counts = (result ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    REPAIR_KINDS.flatMap((kind) => {
      const n = counts[kind];
      return typeof n === 'number' && n > 0 ? [[kind, n]] : [];
    }),
  );
}

/** The sender's mails into the metrics. */
export class MailMetrics implements MailObserver {
  constructor(private readonly m: Instruments) {}

  sent(): void {
    this.m.mailSent.inc();
  }

  failed(): void {
    this.m.mailFailed.inc();
  }

  retried(): void {
    this.m.mailRetried.inc();
  }
}
