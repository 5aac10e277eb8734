import {
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TIME_ZONE } from '../calendar/domain/working-days.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { EscalationPolicyService } from '../escalation/escalation-policy.service.js';
import { JobHandlers } from '../queue/job-handlers.js';
import { JOBS } from '../queue/jobs.js';
import { QueueService } from '../queue/queue.service.js';
import { DigestService } from './digest.service.js';
import { DigestsController } from './digests.controller.js';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport.js';
import { NotificationSender } from './notification-sender.js';
import { NotificationsAdminService } from './notifications-admin.service.js';
import { NotificationsController } from './notifications.controller.js';
import { ReportRemindersService } from './report-reminders.service.js';

export const DIGEST_SCHEDULER_ID = 'leadership-digest';
export const REPORT_REMINDER_SCHEDULER_ID = 'report-reminders';
/** Every day at 08:00 Asia/Ho_Chi_Minh; the job itself acts only on the cut-off day. */
export const REPORT_REMINDER_CRON = '0 8 * * *';

@Module({
  controllers: [DigestsController, NotificationsController],
  providers: [NotificationSender, DigestService, ReportRemindersService, NotificationsAdminService],
  exports: [NotificationSender, DigestService, ReportRemindersService],
})
export class NotificationsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');

  constructor(
    @Inject(MAIL_TRANSPORT) private readonly mail: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: QueueService,
    private readonly policies: EscalationPolicyService,
    handlers: JobHandlers,
    digests: DigestService,
    reminders: ReportRemindersService,
  ) {
    handlers.register('digest.leadership', async (payload, job) => {
      // A manual digest queued as a job is keyed by that job, so its retries mail nobody twice.
      await digests.send(
        payload.trigger === 'schedule'
          ? { trigger: 'schedule' }
          : { trigger: 'manual', requestId: `job-${job.id}` },
      );
    });
    handlers.register('reports.remind', async () => {
      await reminders.run();
    });
  }

  /** Workers keep the digest (policy's cron) and the daily report reminder scheduled. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api') return;
    const { policy } = await this.policies.current();
    const digest = JOBS['digest.leadership'];
    try {
      await this.queues
        .queue(digest.queue)
        .upsertJobScheduler(
          DIGEST_SCHEDULER_ID,
          { pattern: policy.digestCron, tz: TIME_ZONE },
          { name: 'digest.leadership', data: { trigger: 'schedule' }, opts: digest.options },
        );
    } catch (error) {
      // A cron the policy accepted but BullMQ cannot read must not stop the workers.
      this.logger.error(
        `leadership digest not scheduled: cron "${policy.digestCron}" refused (${(error as Error).message})`,
      );
    }
    const remind = JOBS['reports.remind'];
    await this.queues
      .queue(remind.queue)
      .upsertJobScheduler(
        REPORT_REMINDER_SCHEDULER_ID,
        { pattern: REPORT_REMINDER_CRON, tz: TIME_ZONE },
        { name: 'reports.remind', data: {}, opts: remind.options },
      );
    this.logger.log(
      `leadership digest scheduled at "${policy.digestCron}", report reminders daily at 08:00 (${TIME_ZONE})`,
    );
  }

  onApplicationShutdown(): void {
    this.mail.close();
  }
}
