import { Module } from '@nestjs/common';
import { FollowUpLetterController } from './follow-up-letter.controller.js';
import { RecommendationReadService } from './recommendation-read.service.js';
import { RecommendationWorkflowService } from './recommendation-workflow.service.js';
import { RecommendationsController } from './recommendations.controller.js';

@Module({
  controllers: [RecommendationsController, FollowUpLetterController],
  providers: [RecommendationReadService, RecommendationWorkflowService],
  exports: [RecommendationReadService, RecommendationWorkflowService],
})
export class RecommendationsModule {}
