import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '../common/pagination.js';
import { RecommendationQuery } from './recommendation.query.js';
import { RecommendationReadService } from './recommendation-read.service.js';
import type { RecommendationView } from './recommendation.view.js';

@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('recommendations')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationReadService) {}

  @Get()
  @ApiOperation({ summary: 'Danh sách kiến nghị gửi Trung ương, kèm hạn trả lời và mức đôn đốc' })
  @ApiOkResponse({ description: '{ items, total, limit, offset }' })
  list(@Query() query: RecommendationQuery): Promise<Page<RecommendationView>> {
    return this.recommendations.list(query);
  }
}
