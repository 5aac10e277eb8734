import { Module } from '@nestjs/common';
import { RecommendationReadService } from './recommendation-read.service.js';
import { RecommendationsController } from './recommendations.controller.js';

@Module({
  controllers: [RecommendationsController],
  providers: [RecommendationReadService],
  exports: [RecommendationReadService],
})
export class RecommendationsModule {}
