/**
 * Queue names are stored with every job in Redis or PostgreSQL. NEVER rename one without
 * migrating the jobs already queued under the old name: they would silently never run.
 */
export enum QueueName {
  Escalation = 'escalation',
  Notifications = 'notifications',
}
