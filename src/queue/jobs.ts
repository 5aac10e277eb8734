import type { JobsOptions } from 'bullmq';
import { QueueName } from './queue-names.js';

/**
 * Every job the service runs: its name, payload, queue and options, in one place.
 * Job names are stored with queued jobs; never rename one without a migration.
 */
export interface JobPayloads {
  /** Send one outbox row by mail. */
  'notification.send': { notificationId: string };
  /** Fire one step of a recommendation's escalation ladder (or record it skipped). */
  /** One step of one addressee's ladder (`agencyId`: the addressee as the letter names it). */
  'escalation.fire': {
    recommendationId: string;
    agencyId: string;
    cycle: number;
    level: number;
    repeat: number;
  };
  /** Compare every open recommendation's pending steps and unsent mail with the queue; repair. */
  'escalation.reconcile': { reason: string };
  /** Mail leadership (copy to the secretariat) what is overdue, blocked or unreported. */
  'digest.leadership': { trigger: 'schedule' | 'manual'; requestedBy?: string };
  /** On the policy's cut-off day, remind officers whose pilots lack this period's report. */
  'reports.remind': Record<string, never>;
  /** Remind owners' officers of milestones coming due and due today. */
  'milestones.remind': Record<string, never>;
}

export type JobName = keyof JobPayloads;

export interface JobDefinition {
  queue: QueueName;
  options: JobsOptions;
}

const ESCALATION_JOB: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 10_000 },
  // Done steps are in the database; keeping finished jobs would block re-adding their ids.
  removeOnComplete: true,
  removeOnFail: true,
};

export const JOBS: { [N in JobName]: JobDefinition } = {
  'notification.send': {
    queue: QueueName.Notifications,
    options: {
      // SMTP failures are retried by the sender itself (NotificationSender): these attempts
      // only cover a handler that crashes (the database unreachable, say).
      attempts: 5,
      backoff: { type: 'exponential', delay: 30_000 },
      removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    },
  },
  'escalation.fire': { queue: QueueName.Escalation, options: ESCALATION_JOB },
  'escalation.reconcile': {
    queue: QueueName.Escalation,
    options: { ...ESCALATION_JOB, attempts: 3 },
  },
  'digest.leadership': { queue: QueueName.Escalation, options: ESCALATION_JOB },
  'reports.remind': { queue: QueueName.Escalation, options: ESCALATION_JOB },
  'milestones.remind': { queue: QueueName.Escalation, options: ESCALATION_JOB },
};

export const JOB_NAMES = Object.keys(JOBS) as JobName[];

/** What a handler may know of and do with the job it runs. */
export interface RunningJob {
  id?: string;
  attemptsMade: number;
  /**
   * Puts the job back in the queue until `at` without using up an attempt (waiting is not
   * failing); the handler must return right after.
   */
  delayUntil(at: Date): Promise<void>;
}

/** What a handler returns goes to the JOB_OBSERVER (reconciliation: its counts), not the queue. */
export type JobHandler<N extends JobName> = (
  payload: JobPayloads[N],
  job: RunningJob,
) => Promise<unknown>;

/** Deterministic ids (BullMQ refuses ":" in them). */
export const jobIds = {
  /** How every step job's id starts (those of ladders before addressees had their own, too). */
  escalationStepPrefix: 'esc-',
  /** How the ids of one addressee's ladder in one cycle start. */
  escalationLadderPrefix: (recommendationId: string, agencyId: string, cycle: number) =>
    `${jobIds.escalationStepPrefix}${recommendationId}-${agencyId}-c${cycle}-`,
  escalationStep: (
    recommendationId: string,
    agencyId: string,
    cycle: number,
    level: number,
    repeat: number,
  ) => `${jobIds.escalationLadderPrefix(recommendationId, agencyId, cycle)}l${level}-r${repeat}`,
  mail: (notificationId: string) => `mail-${notificationId}`,
};
