import { Body, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import { ApiAction } from '../common/api-action.js';
import { ApiErrors } from '../common/api-errors.js';
import { ApiResource } from '../common/api-resource.js';
import type { Page } from '../common/pagination.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import {
  CreateLetterRequestDto,
  DeclineLetterRequestDto,
  DraftFromLetterRequestDto,
  WithdrawLetterRequestDto,
} from './letter-request.dto.js';
import { LetterRequestQuery } from './letter-request.query.js';
import { LetterRequestReadService } from './letter-request-read.service.js';
import {
  LetterRequestPage,
  LetterRequestQueueView,
  LetterRequestView,
} from './letter-request.view.js';
import { LetterRequestWorkflowService } from './letter-request-workflow.service.js';

const MOVE_CONFLICT =
  'CONFLICT (details.reason LETTER_REQUEST_TRANSITION_NOT_ALLOWED: đề nghị không còn chờ xử lý) hoặc VERSION_CONFLICT';

@ApiResource('letter-requests')
export class LetterRequestsController {
  constructor(
    private readonly requests: LetterRequestReadService,
    private readonly workflow: LetterRequestWorkflowService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Đề nghị gửi kiến nghị, mới nhất trước (cán bộ đầu mối: của đơn vị mình hoặc về mô hình đơn vị mình chủ trì)',
  })
  @ApiOkResponse({ type: LetterRequestPage })
  list(
    @Query() query: LetterRequestQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<LetterRequestView>> {
    return this.requests.list(query, actor);
  }

  @Get('queue')
  @ApiOperation({
    summary:
      'Hàng chờ "Đề nghị kiến nghị" của thư ký: đề nghị đang chờ và vướng mắc thẩm quyền Trung ương chưa có kiến nghị đã gửi',
  })
  @ApiOkResponse({ type: LetterRequestQueueView })
  @ApiErrors(403)
  queue(@CurrentActor() actor: Actor): Promise<LetterRequestQueueView> {
    return this.requests.queue(actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Một đề nghị gửi kiến nghị' })
  @ApiOkResponse({ type: LetterRequestView })
  @ApiErrors(404)
  get(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<LetterRequestView> {
    return this.requests.get(actor, id);
  }

  @Post()
  @ApiOperation({
    summary:
      'Đề nghị Tổ công tác gửi kiến nghị cho một vướng mắc thẩm quyền Trung ương (cán bộ đầu mối: mô hình đơn vị mình chủ trì); thư ký được báo qua email',
  })
  @ApiCreatedResponse({ type: LetterRequestView, description: 'Đề nghị vừa tạo, trạng thái OPEN' })
  @ApiErrors(
    [400, 'vướng mắc không thuộc thẩm quyền Trung ương, đã đóng, hoặc cơ quan không còn tồn tại'],
    [403, 'vướng mắc của mô hình đơn vị khác chủ trì'],
    [409, 'đã có đề nghị đang chờ cho vướng mắc và cơ quan này'],
    413,
  )
  async create(
    @Body() body: CreateLetterRequestDto,
    @CurrentActor() actor: Actor,
  ): Promise<LetterRequestView> {
    return this.get(await this.workflow.file(actor, body), actor);
  }

  @Post(':id/draft')
  @ApiAction(
    {
      summary:
        'Soạn dự thảo kiến nghị từ đề nghị (thư ký): gửi cơ quan được đề nghị, gắn vướng mắc, giữ liên kết',
      type: LetterRequestView,
      description: 'Đề nghị sau khi soạn (DRAFTED), kèm dự thảo kiến nghị (recommendation)',
    },
    403,
    404,
    [409, MOVE_CONFLICT],
    413,
  )
  async draft(
    @Param('id', uuidPipe) id: string,
    @Body() body: DraftFromLetterRequestDto,
    @CurrentActor() actor: Actor,
  ): Promise<LetterRequestView> {
    await this.workflow.draft(actor, id, body);
    return this.get(id, actor);
  }

  @Post(':id/decline')
  @ApiAction(
    { summary: 'Từ chối đề nghị, nêu lý do (thư ký)', type: LetterRequestView },
    403,
    404,
    [409, MOVE_CONFLICT],
    413,
  )
  async decline(
    @Param('id', uuidPipe) id: string,
    @Body() body: DeclineLetterRequestDto,
    @CurrentActor() actor: Actor,
  ): Promise<LetterRequestView> {
    await this.workflow.decline(actor, id, body);
    return this.get(id, actor);
  }

  @Post(':id/withdraw')
  @ApiAction(
    { summary: 'Rút đề nghị (người đã gửi đề nghị)', type: LetterRequestView },
    403,
    404,
    [409, MOVE_CONFLICT],
    413,
  )
  async withdraw(
    @Param('id', uuidPipe) id: string,
    @Body() body: WithdrawLetterRequestDto,
    @CurrentActor() actor: Actor,
  ): Promise<LetterRequestView> {
    await this.workflow.withdraw(actor, id, body);
    return this.get(id, actor);
  }
}
