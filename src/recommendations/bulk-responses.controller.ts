import { Body, Post } from '@nestjs/common';
import { CurrentActor, type Actor } from '../access/actor.js';
import { ApiAction } from '../common/api-action.js';
import { ApiResource } from '../common/api-resource.js';
import { BulkResponseDto, BulkResponseView } from './bulk-response.dto.js';
import { RecommendationReadService } from './recommendation-read.service.js';
import { RecommendationWorkflowService } from './recommendation-workflow.service.js';

/**
 * One answer recorded against several letters (issue 16: the nine letters carried by report
 * 442/BC-TCTĐA06 answered by one công văn). The rules are the single answer's
 * (RecommendationWorkflowService.respondMany runs them for each letter in one transaction).
 */
@ApiResource('recommendations')
export class BulkResponsesController {
  constructor(
    private readonly recommendations: RecommendationReadService,
    private readonly workflow: RecommendationWorkflowService,
  ) {}

  @Post('responses')
  @ApiAction(
    {
      summary:
        'Ghi nhận một văn bản trả lời cho nhiều kiến nghị cùng lúc (thư ký): mỗi kiến nghị được ghi nhận như khi trả lời riêng, trong một giao dịch — một kiến nghị bị từ chối thì không kiến nghị nào được ghi nhận',
      type: BulkResponseView,
    },
    403,
    [404, 'một kiến nghị không có'],
    [
      409,
      'RECOMMENDATION_TRANSITION_NOT_ALLOWED hoặc VERSION_CONFLICT của một kiến nghị (thông điệp nêu số kiến nghị, details.recommendationId)',
    ],
    413,
  )
  async respondMany(
    @Body() body: BulkResponseDto,
    @CurrentActor() actor: Actor,
  ): Promise<BulkResponseView> {
    const { recommendations, ...answer } = body;
    await this.workflow.respondMany(actor, recommendations, answer);
    return {
      recommendations: await Promise.all(
        recommendations.map((r) => this.recommendations.get(actor, r.id)),
      ),
    };
  }
}
