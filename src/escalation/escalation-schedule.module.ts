import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { LetterSchedule } from '../recommendations/letter-schedule.js';
import { EscalationLetterSchedule } from './escalation-letter-schedule.js';
import { EscalationPolicyService } from './escalation-policy.service.js';
import { EscalationScheduler } from './escalation-scheduler.js';

/**
 * The policy and the scheduler, below the firing engine: what RecommendationsModule needs of
 * escalation (its LetterSchedule). It imports nothing of the letters' Nest modules, so app.module
 * can hand it to RecommendationsModule.forRoot, and EscalationModule builds on it, without a
 * module cycle.
 */
@Module({
  imports: [AuditModule, CalendarModule],
  providers: [
    EscalationPolicyService,
    EscalationScheduler,
    { provide: LetterSchedule, useClass: EscalationLetterSchedule },
  ],
  exports: [EscalationPolicyService, EscalationScheduler, LetterSchedule],
})
export class EscalationScheduleModule {}
