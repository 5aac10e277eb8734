/**
 * Queue names are stored with every job in Redis or PostgreSQL. NEVER rename one without
 * migrating the jobs already queued under the old name: they would silently never run.
 */
export enum QueueName {
  Escalation = 'escalation',
  Notifications = 'notifications',
}

/**
 * How many jobs of each queue one worker process runs at once. Escalation steps wait a few
 * milliseconds in EscalationFiring's batcher for the steps due with them, so many must be running
 * for a batch to fill; mail runs on its own queue, as many at once as the pooled SMTP transport has
 * connections (nodemailer's default, 5).
 */
export const QUEUE_CONCURRENCY: Record<QueueName, number> = {
  [QueueName.Escalation]: 96,
  [QueueName.Notifications]: 5,
};
