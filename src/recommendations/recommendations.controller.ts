import { ApiAction } from '../common/api-action.js';
import { ApiErrors } from '../common/api-errors.js';
import { Body, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import type { Page } from '../common/pagination.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import {
  CloseRecommendationDto,
  CreateRecommendationDto,
  RecordResponseDto,
  ReopenRecommendationDto,
  SendRecommendationDto,
  WithdrawRecommendationDto,
} from './recommendation.dto.js';
import { RecommendationQuery } from './recommendation.query.js';
import { RecommendationReadService } from './recommendation-read.service.js';
import { RecommendationPage, RecommendationView } from './recommendation.view.js';
import { RecommendationWorkflowService } from './recommendation-workflow.service.js';
import { UpdateRecommendationDto } from './draft-letter.dto.js';
import { DraftLetters } from './draft-letters.js';
import { ApiResource } from '../common/api-resource.js';

const MOVE_CONFLICT =
  'RECOMMENDATION_TRANSITION_NOT_ALLOWED (kèm các bước được phép) hoặc VERSION_CONFLICT';

/**
 * A move through a recommendation's states (send, respond, close, withdraw, reopen): answers
 * the recommendation after it.
 */
const RecommendationMove = (summary: string) =>
  ApiAction({ summary, type: RecommendationView }, 403, 404, [409, MOVE_CONFLICT], 413);

@ApiResource('recommendations')
export class RecommendationsController {
  constructor(
    private readonly recommendations: RecommendationReadService,
    private readonly workflow: RecommendationWorkflowService,
    private readonly drafts: DraftLetters,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Danh sách kiến nghị gửi Trung ương, kèm hạn trả lời và mức đôn đốc' })
  @ApiOkResponse({
    type: RecommendationPage,
    description: 'Kèm những gì người hỏi được làm với từng kiến nghị',
  })
  list(
    @Query() query: RecommendationQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<RecommendationView>> {
    return this.recommendations.list(query, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Một kiến nghị' })
  @ApiOkResponse({ type: RecommendationView })
  @ApiErrors(404)
  get(
    @Param('id', uuidPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<RecommendationView> {
    return this.recommendations.get(actor, id);
  }

  @Post()
  @ApiOperation({ summary: 'Dự thảo kiến nghị, hoặc ghi nhận văn bản đã gửi (có sentAt, thư ký)' })
  @ApiCreatedResponse({
    type: RecommendationView,
    description: 'Kiến nghị vừa tạo (DRAFT, hoặc SENT khi có sentAt)',
  })
  @ApiErrors(
    [403, 'vướng mắc của mô hình đơn vị khác chủ trì; chỉ thư ký ghi nhận văn bản đã gửi'],
    413,
  )
  async create(
    @Body() body: CreateRecommendationDto,
    @CurrentActor() actor: Actor,
  ): Promise<RecommendationView> {
    return this.get(await this.workflow.create(actor, body), actor);
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'Sửa dự thảo kiến nghị: nội dung, số/ký hiệu, ngày văn bản, cơ quan nhận, nơi nhận (chỉ khi còn là dự thảo)',
  })
  @ApiOkResponse({ type: RecommendationView })
  @ApiErrors(
    [403, 'dự thảo của đơn vị khác'],
    404,
    [409, 'VERSION_CONFLICT, hoặc RECOMMENDATION_TRANSITION_NOT_ALLOWED khi không còn là dự thảo'],
    413,
  )
  async update(
    @Param('id', uuidPipe) id: string,
    @Body() body: UpdateRecommendationDto,
    @CurrentActor() actor: Actor,
  ): Promise<RecommendationView> {
    await this.drafts.update(actor, id, body);
    return this.get(id, actor);
  }

  @Post(':id/send')
  @RecommendationMove(
    'Gửi kiến nghị: số/ký hiệu, ngày văn bản, thời điểm gửi, hạn trả lời (mặc định +15 ngày làm việc)',
  )
  async send(
    @Param('id', uuidPipe) id: string,
    @Body() body: SendRecommendationDto,
    @CurrentActor() actor: Actor,
  ): Promise<RecommendationView> {
    await this.workflow.send(actor, id, body);
    return this.get(id, actor);
  }

  @Post(':id/responses')
  @RecommendationMove('Ghi nhận văn bản trả lời: dừng đồng hồ hạn trả lời')
  async respond(
    @Param('id', uuidPipe) id: string,
    @Body() body: RecordResponseDto,
    @CurrentActor() actor: Actor,
  ): Promise<RecommendationView> {
    await this.workflow.respond(actor, id, body);
    return this.get(id, actor);
  }

  @Post(':id/close')
  @RecommendationMove('Đóng kiến nghị đã được trả lời')
  async close(
    @Param('id', uuidPipe) id: string,
    @Body() body: CloseRecommendationDto,
    @CurrentActor() actor: Actor,
  ): Promise<RecommendationView> {
    await this.workflow.close(actor, id, body);
    return this.get(id, actor);
  }

  @Post(':id/withdraw')
  @RecommendationMove('Rút kiến nghị (dự thảo hoặc đã gửi)')
  async withdraw(
    @Param('id', uuidPipe) id: string,
    @Body() body: WithdrawRecommendationDto,
    @CurrentActor() actor: Actor,
  ): Promise<RecommendationView> {
    await this.workflow.withdraw(actor, id, body);
    return this.get(id, actor);
  }

  @Post(':id/reopen')
  @RecommendationMove('Câu trả lời chưa đáp ứng: gửi lại, chu kỳ mới với hạn trả lời mới')
  async reopen(
    @Param('id', uuidPipe) id: string,
    @Body() body: ReopenRecommendationDto,
    @CurrentActor() actor: Actor,
  ): Promise<RecommendationView> {
    await this.workflow.reopen(actor, id, body);
    return this.get(id, actor);
  }
}
