import { Module } from '@nestjs/common';
import { RecommendationReadService } from './recommendation-read.service.js';
import { RecommendationWorkflowService } from './recommendation-workflow.service.js';
import { RecommendationsController } from './recommendations.controller.js';

@Module({
  controllers: [RecommendationsController],
  providers: [RecommendationReadService, RecommendationWorkflowService],
  exports: [RecommendationReadService, RecommendationWorkflowService],
})
export class RecommendationsModule {}
