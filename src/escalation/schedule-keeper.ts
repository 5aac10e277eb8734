import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JOBS, type JobName, type JobPayloads } from '../queue/jobs.js';
import { QueueService } from '../queue/queue.service.js';
import { TIME_ZONE } from '../common/domain/local-time.js';
import { cronProblem } from './domain/policy.js';
import { EscalationPolicyService } from './escalation-policy.service.js';

/** Scheduler ids are stored in the queue store: never rename one without removing the old. */
export const SCHEDULE_IDS = {
  reconcile: 'escalation-reconcile',
  digest: 'leadership-digest',
  reportReminders: 'report-reminders',
  milestoneReminders: 'milestone-reminders',
} as const;

/**
 * Every day at 08:00 Asia/Ho_Chi_Minh: report reminders (which act only on the cut-off day) and
 * milestone reminders.
 */
export const REPORT_REMINDER_CRON = '0 8 * * *';

/** Keepers look at the schedules at least this often, whatever the reconciliation interval. */
const MAX_CHECK_EVERY_MS = 60_000;

interface Schedule<N extends JobName = JobName> {
  id: string;
  name: N;
  repeat: { every: number } | { pattern: string; tz: string };
  data: JobPayloads[N];
}

export interface ScheduleCheck {
  created: string[];
  updated: string[];
}

/**
 * The recurring jobs (reconciliation, the leadership digest, report reminders) are BullMQ job
 * schedulers, which live in the queue store: a wiped Redis (or bullmq schema) loses them with
 * every queued job. So they are not only created at start-up: every worker process checks them
 * on a timer of its own, independent of the queue store, re-creates what is missing (and then
 * queues a reconciliation at once, since a missing schedule means the store was wiped), and
 * corrects a schedule whose policy changed (a new digest cron takes effect without a restart).
 * /health/ready reports a missing one.
 */
@Injectable()
export class ScheduleKeeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScheduleKeeper.name);
  private timer?: NodeJS.Timeout;
  private checking?: Promise<unknown>;

  constructor(
    private readonly queues: QueueService,
    private readonly policies: EscalationPolicyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api') return;
    await this.ensure();
    await this.queues.enqueue(
      'escalation.reconcile',
      { reason: 'start-up' },
      { jobId: `reconcile-startup-${Date.now()}` },
    );
    const every = Math.min(MAX_CHECK_EVERY_MS, this.config.reconcileEverySeconds * 1000);
    this.timer = setInterval(() => void this.tick(), every);
    this.timer.unref();
    this.logger.log(
      `schedules kept every ${every / 1000} s; reconciliation every ${this.config.reconcileEverySeconds} s and queued for start-up`,
    );
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Creates the missing schedules and corrects those that differ from the policy in force. */
  async ensure(): Promise<ScheduleCheck> {
    const result: ScheduleCheck = { created: [], updated: [] };
    for (const schedule of await this.schedules()) {
      const definition = JOBS[schedule.name];
      const queue = this.queues.queue(definition.queue);
      const stored = await queue.getJobScheduler(schedule.id);
      if (stored && sameRepeat(stored, schedule.repeat)) continue;
      await queue.upsertJobScheduler(schedule.id, schedule.repeat, {
        name: schedule.name,
        data: schedule.data,
        opts: definition.options,
      });
      (stored ? result.updated : result.created).push(schedule.id);
    }
    return result;
  }

  /** Ids of the schedules the queue store does not hold (for /health/ready). */
  async missing(): Promise<string[]> {
    const missing: string[] = [];
    for (const schedule of await this.schedules()) {
      const queue = this.queues.queue(JOBS[schedule.name].queue);
      if (!(await queue.getJobScheduler(schedule.id))) missing.push(schedule.id);
    }
    return missing;
  }

  /** One check at a time; a failure (the store unreachable) is logged and tried next tick. */
  private async tick(): Promise<void> {
    if (this.checking) return;
    this.checking = this.ensure()
      .then(async ({ created, updated }) => {
        if (created.length > 0) {
          this.logger.warn(
            `schedules missing from the queue store, re-created: ${created.join(', ')}; reconciling now`,
          );
          await this.queues.enqueue(
            'escalation.reconcile',
            { reason: 'schedules restored' },
            { jobId: `reconcile-restored-${Date.now()}` },
          );
        }
        if (updated.length > 0) this.logger.log(`schedules updated: ${updated.join(', ')}`);
      })
      .catch((error: Error) => this.logger.error(`schedules not checked: ${error.message}`))
      .finally(() => {
        this.checking = undefined;
      });
    await this.checking;
  }

  private async schedules(): Promise<Schedule[]> {
    const { policy } = await this.policies.current();
    const schedules: Schedule[] = [
      {
        id: SCHEDULE_IDS.reconcile,
        name: 'escalation.reconcile',
        repeat: { every: this.config.reconcileEverySeconds * 1000 },
        data: { reason: 'schedule' },
      } satisfies Schedule<'escalation.reconcile'>,
      {
        id: SCHEDULE_IDS.reportReminders,
        name: 'reports.remind',
        repeat: { pattern: REPORT_REMINDER_CRON, tz: TIME_ZONE },
        data: {},
      } satisfies Schedule<'reports.remind'>,
      {
        id: SCHEDULE_IDS.milestoneReminders,
        name: 'milestones.remind',
        repeat: { pattern: REPORT_REMINDER_CRON, tz: TIME_ZONE },
        data: {},
      } satisfies Schedule<'milestones.remind'>,
    ];
    // A cron stored before it was validated is left unscheduled, loudly, rather than stop
    // every other schedule.
    const problem = cronProblem(policy.digestCron);
    if (problem) this.logger.error(`leadership digest not scheduled: ${problem}`);
    else
      schedules.push({
        id: SCHEDULE_IDS.digest,
        name: 'digest.leadership',
        repeat: { pattern: policy.digestCron, tz: TIME_ZONE },
        data: { trigger: 'schedule' },
      } satisfies Schedule<'digest.leadership'>);
    return schedules;
  }
}

function sameRepeat(
  stored: { every?: number | string; pattern?: string | null; tz?: string | null },
  wanted: Schedule['repeat'],
): boolean {
  if ('every' in wanted) return Number(stored.every) === wanted.every && !stored.pattern;
  return stored.pattern === wanted.pattern && (stored.tz ?? undefined) === wanted.tz;
}
