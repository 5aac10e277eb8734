import { Inject, Logger, Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module.js';
import { AnswerLinksModule } from '../answer-links/answer-links.module.js';
import { AnswerLinks } from '../answer-links/answer-links.service.js';
import { SuccessionRealiser } from '../agencies/succession/succession-realiser.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { JobHandlers } from '../queue/job-handlers.js';
import { AnswerLinkIssuer } from './answer-link-issuer.js';
import { EscalationFiring } from './escalation-firing.js';
import { EscalationHistoryController } from './escalation-history.controller.js';
import { EscalationHistoryService } from './escalation-history.service.js';
import { EscalationScheduleModule } from './escalation-schedule.module.js';
import { EscalationScheduler } from './escalation-scheduler.js';
import { EscalationPolicyController } from './escalation.controller.js';
import { ScheduleKeeper } from './schedule-keeper.js';

@Module({
  imports: [
    AgenciesModule,
    AnswerLinksModule,
    CalendarModule,
    EscalationScheduleModule,
    NotificationsModule,
  ],
  controllers: [EscalationPolicyController, EscalationHistoryController],
  providers: [
    EscalationFiring,
    EscalationHistoryService,
    ScheduleKeeper,
    // A reminder to an addressee's focal points carries its personal answer link.
    { provide: AnswerLinkIssuer, useExisting: AnswerLinks },
  ],
  exports: [EscalationScheduleModule, ScheduleKeeper],
})
export class EscalationModule {
  constructor(
    handlers: JobHandlers,
    firing: EscalationFiring,
    scheduler: EscalationScheduler,
    successions: SuccessionRealiser,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    handlers.register('escalation.fire', async (payload, job) => {
      // A level the policy dropped (perhaps for a moment): look again shortly rather than lose
      // the step; reconciliation removes the job once the level is gone for good.
      if ((await firing.fire(payload)) === 'not-in-policy')
        await job.delayUntil(
          new Date(Date.now() + Math.min(30, config.reconcileEverySeconds) * 1000),
        );
    });
    // The reconciliation tick (start-up and every few minutes) also realises the succession
    // events whose day has come: one recurring job, not another timer.
    handlers.register('escalation.reconcile', async () => {
      const counts = await scheduler.reconcile();
      await successions
        .realiseDue()
        .catch((error: Error) =>
          new Logger('Successions').error(`succession events not realised: ${error.message}`),
        );
      return counts; // for the metrics: what it repaired
    });
  }
}
