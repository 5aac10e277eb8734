import { Inject, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { Clock } from '../common/clock.js';
import { localDay } from '../common/domain/local-time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { NotificationClaimChecks } from '../notifications/claim-checks.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { JobHandlers } from '../queue/job-handlers.js';
import { mailableUserSql } from '../users/mailable.js';
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
    clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    handlers.register('milestones.remind', async () => {
      await reminders.run();
    });
    // A reminder claimed after its milestone was done, dropped or moved, or after its recipient
    // stopped being reminded of it (another owner), is not sent.
    claimChecks.register('MILESTONE_REMINDER', (m, row) =>
      milestoneReminderRefusal(
        m,
        row.idempotencyKey,
        localDay(clock.now()),
        mailableUserSql('u', config),
      ),
    );
  }
}
