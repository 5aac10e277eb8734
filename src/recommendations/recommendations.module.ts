import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { EscalationModule } from '../escalation/escalation.module.js';
import { FollowUpLetterController } from './follow-up-letter.controller.js';
import { FollowUpLetterService } from './follow-up-letter/follow-up-letter.service.js';
import { RecommendationReadService } from './recommendation-read.service.js';
import { RecommendationWorkflowService } from './recommendation-workflow.service.js';
import { RecommendationsController } from './recommendations.controller.js';

@Module({
  imports: [AuditModule, CalendarModule, EscalationModule],
  controllers: [RecommendationsController, FollowUpLetterController],
  providers: [RecommendationReadService, RecommendationWorkflowService, FollowUpLetterService],
  exports: [RecommendationReadService, RecommendationWorkflowService],
})
export class RecommendationsModule {}
