import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { NotificationClaimChecks } from '../notifications/claim-checks.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { JobHandlers } from '../queue/job-handlers.js';
import { MilestoneReadService } from './milestone-read.service.js';
import { milestoneReminderRefusal } from './milestone-reminder-key.js';
import { MilestoneRemindersService } from './milestone-reminders.service.js';
import { MilestoneSettingsService } from './milestone-settings.service.js';
import { MilestonesController } from './milestones.controller.js';
import { MilestonesService } from './milestones.service.js';

/** Pilots' milestones: the API, their history and the daily reminders to the owners' officers. */
@Module({
  imports: [AuditModule, CalendarModule, NotificationsModule],
  controllers: [MilestonesController],
  providers: [
    MilestoneReadService,
    MilestonesService,
    MilestoneSettingsService,
    MilestoneRemindersService,
  ],
  exports: [MilestoneReadService, MilestoneRemindersService],
})
export class MilestonesModule {
  constructor(
    handlers: JobHandlers,
    reminders: MilestoneRemindersService,
    claimChecks: NotificationClaimChecks,
  ) {
    handlers.register('milestones.remind', async () => {
      await reminders.run();
    });
    // A reminder claimed after its milestone was done, dropped or moved is not sent.
    claimChecks.register('MILESTONE_REMINDER', (m, row) =>
      milestoneReminderRefusal(m, row.idempotencyKey),
    );
  }
}
