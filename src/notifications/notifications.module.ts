import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { EscalationModule } from '../escalation/escalation.module.js';
import { JobHandlers } from '../queue/job-handlers.js';
import { DigestService } from './digest.service.js';
import { DigestsController } from './digests.controller.js';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport.js';
import { NotificationSender } from './notification-sender.js';
import { NotificationsAdminService } from './notifications-admin.service.js';
import { NotificationsController } from './notifications.controller.js';
import { ReportRemindersService } from './report-reminders.service.js';

@Module({
  imports: [AuditModule, CalendarModule, EscalationModule],
  controllers: [DigestsController, NotificationsController],
  providers: [NotificationSender, DigestService, ReportRemindersService, NotificationsAdminService],
  exports: [NotificationSender, DigestService, ReportRemindersService],
})
export class NotificationsModule implements OnApplicationShutdown {
  constructor(
    @Inject(MAIL_TRANSPORT) private readonly mail: MailTransport,
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

  onApplicationShutdown(): void {
    this.mail.close();
  }
}
