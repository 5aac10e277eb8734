import { ApiAction } from '../common/api-action.js';
import { ApiErrors } from '../common/api-errors.js';
import { Body, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import { PageQuery, type Page } from '../common/pagination.js';
import { ApiPilotNumber, pilotNumberPipe } from '../pilots/pilot-number.pipe.js';
import { PilotLifecycleService } from './pilot-lifecycle.service.js';
import { PilotQuery } from './pilot.query.js';
import { PilotReadService } from './pilot-read.service.js';
import { HistoryPage, PilotPage, PilotView, type HistoryEntry } from './pilot.view.js';
import { PilotTransitionDto } from './transition.dto.js';
import { ApiResource } from '../common/api-resource.js';

@ApiResource('pilots')
export class PilotsController {
  constructor(
    private readonly pilots: PilotReadService,
    private readonly lifecycle: PilotLifecycleService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Danh sách mô hình điểm, kèm vướng mắc mở và kiến nghị quá hạn' })
  @ApiOkResponse({
    type: PilotPage,
    description: 'Kèm những gì người hỏi được làm với từng mô hình',
  })
  list(@Query() query: PilotQuery, @CurrentActor() actor: Actor): Promise<Page<PilotView>> {
    return this.pilots.list(query, actor);
  }

  @Get(':number')
  @ApiOperation({ summary: 'Một mô hình điểm theo số thứ tự (1–31)' })
  @ApiPilotNumber()
  @ApiOkResponse({ type: PilotView })
  @ApiErrors(404)
  get(
    @Param('number', pilotNumberPipe) number: number,
    @CurrentActor() actor: Actor,
  ): Promise<PilotView> {
    return this.pilots.byNumber(number, actor);
  }

  @Post(':number/transitions')
  @ApiPilotNumber()
  @ApiAction(
    {
      summary: 'Chuyển trạng thái mô hình (đơn vị chủ trì hoặc thư ký)',
      type: PilotView,
      description: 'Mô hình sau khi chuyển',
    },
    [400, 'VALIDATION_FAILED, ví dụ thiếu lý do'],
    [403, 'chỉ thư ký và cán bộ đầu mối của đơn vị chủ trì mô hình'],
    404,
    [409, 'PILOT_TRANSITION_NOT_ALLOWED (kèm các trạng thái được phép) hoặc VERSION_CONFLICT'],
    413,
  )
  async transition(
    @Param('number', pilotNumberPipe) number: number,
    @Body() body: PilotTransitionDto,
    @CurrentActor() actor: Actor,
  ): Promise<PilotView> {
    await this.lifecycle.transition(actor, number, body);
    return this.pilots.byNumber(number, actor);
  }

  @Get(':number/history')
  @ApiOperation({ summary: 'Lịch sử chuyển trạng thái: ai, khi nào, từ, đến, lý do' })
  @ApiPilotNumber()
  @ApiOkResponse({ type: HistoryPage, description: 'Cũ nhất trước' })
  @ApiErrors(404)
  history(
    @Param('number', pilotNumberPipe) number: number,
    @Query() query: PageQuery,
  ): Promise<Page<HistoryEntry>> {
    return this.lifecycle.history(number, query);
  }
}
