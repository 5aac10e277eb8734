import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { EscalationModule } from '../escalation/escalation.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { JobHandlers } from '../queue/job-handlers.js';
import { DigestService } from './digest.service.js';
import { DigestsController } from './digests.controller.js';
import { ReportRemindersService } from './report-reminders.service.js';

/**
 * The scheduled mailings that read across the letters, their escalation, blockers and reports:
 * the leadership digest and the report reminders. Above escalation (the policy says when and
 * to whom) and notifications (the outbox they write to).
 */
@Module({
  imports: [AuditModule, CalendarModule, EscalationModule, NotificationsModule],
  controllers: [DigestsController],
  providers: [DigestService, ReportRemindersService],
  exports: [DigestService, ReportRemindersService],
})
export class DigestModule {
  constructor(handlers: JobHandlers, digests: DigestService, reminders: ReportRemindersService) {
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
}
