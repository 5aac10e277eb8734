import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LATENESS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300];
const RECONCILE = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

/**
 * Every metric the service exposes, in one registry of the process's own (never prom-client's
 * global one: tests run several applications in one process). Names and meanings are listed in
 * the README (section "Metrics").
 */
export class Instruments {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'de_an_06_http_request_duration_seconds',
    help: 'HTTP requests by route template (unmatched: no route), method and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'de_an_06_job_duration_seconds',
    help: 'Jobs run by this process: how long the handler took, by queue, job name and outcome',
    labelNames: ['queue', 'name', 'outcome'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  readonly jobLateness = new Histogram({
    name: 'de_an_06_job_lateness_seconds',
    help: 'Delayed jobs (escalation steps, mail): first start minus due time, by job name',
    labelNames: ['name'] as const,
    buckets: LATENESS,
    registers: [this.registry],
  });

  readonly reconcileDuration = new Histogram({
    name: 'de_an_06_reconcile_duration_seconds',
    help: 'Reconciliation runs (start-up, every RECONCILE_EVERY_SECONDS, after a policy change)',
    labelNames: ['outcome'] as const,
    buckets: RECONCILE,
    registers: [this.registry],
  });

  readonly reconcileRepairs = new Counter({
    name: 'de_an_06_reconcile_repairs_total',
    help: 'What reconciliation repaired, by kind (steps added or rescheduled, orphans removed, mail requeued)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly mailSent = new Counter({
    name: 'de_an_06_mail_sent_total',
    help: 'Mails the SMTP server accepted (a recipient batch counts once)',
    registers: [this.registry],
  });

  readonly mailFailed = new Counter({
    name: 'de_an_06_mail_failed_total',
    help: 'Mails failed for good (5xx, or transient failures past MAIL_RETRY_HOURS)',
    registers: [this.registry],
  });

  readonly mailRetried = new Counter({
    name: 'de_an_06_mail_retried_total',
    help: 'Mails refused for now (4xx, connection, timeout) and tried again later',
    registers: [this.registry],
  });

  readonly queueJobs = new Gauge({
    name: 'de_an_06_queue_jobs',
    help: 'Jobs in each queue by state, read from the queue backend on scrape',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly queueOldestWaiting = new Gauge({
    name: 'de_an_06_queue_oldest_waiting_seconds',
    help: 'Age of the job that has waited longest to start (since its due time), 0 when none waits',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  readonly outbox = new Gauge({
    name: 'de_an_06_outbox_notifications',
    help: 'Outbox rows not (yet) sent, by status: PENDING, SENDING, FAILED',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  readonly sourceUp = new Gauge({
    name: 'de_an_06_metrics_source_up',
    help: '1 when the last scrape could read the source (queue backend, database), 0 otherwise',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  constructor(role: string) {
    this.registry.setDefaultLabels({ role });
    collectDefaultMetrics({ register: this.registry });
  }
}
