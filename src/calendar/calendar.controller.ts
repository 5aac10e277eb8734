import { Body, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import { ApiErrors } from '../common/api-errors.js';
import { CreateAdjustmentDto } from './calendar.dto.js';
import {
  AdjustmentDayPipe,
  AdjustmentVersionQuery,
  UpdateAdjustmentDto,
} from './adjustment-corrections.dto.js';
import { AdjustmentCorrections } from './adjustment-corrections.js';
import { AdjustmentsQuery, MAX_RANGE_DAYS, WorkingDaysQuery } from './calendar.query.js';
import { CalendarService } from './calendar.service.js';
import { AdjustmentView, CalendarStatusView, WorkingDaysView } from './calendar.view.js';
import { ApiResource } from '../common/api-resource.js';

@ApiResource('calendar')
export class CalendarController {
  constructor(
    private readonly calendars: CalendarService,
    private readonly corrections: AdjustmentCorrections,
  ) {}

  @Get('working-days')
  @ApiOperation({
    summary: `Lịch làm việc từng ngày từ from đến to (cả hai ngày, tối đa ${MAX_RANGE_DAYS} ngày)`,
  })
  @ApiOkResponse({ type: WorkingDaysView })
  workingDays(@Query() query: WorkingDaysQuery): Promise<WorkingDaysView> {
    return this.calendars.workingDays(query.from, query.to);
  }

  @Get('status')
  @ApiOperation({
    summary:
      'Lịch nghỉ Tết chính thức đã có cho năm nay (và từ 1/10 cho năm sau) chưa; cảnh báo nếu chưa',
  })
  @ApiOkResponse({ type: CalendarStatusView })
  status(): Promise<CalendarStatusView> {
    return this.calendars.status();
  }

  @Get('adjustments')
  @ApiOperation({
    summary: 'Các điều chỉnh lịch làm việc (ngày nghỉ thêm, ngày làm bù) của một năm',
  })
  @ApiOkResponse({ type: [AdjustmentView], description: 'Các điều chỉnh theo thứ tự ngày' })
  adjustments(@Query() query: AdjustmentsQuery): Promise<AdjustmentView[]> {
    return this.calendars.adjustmentsOfYear(query.year);
  }

  @Post('adjustments')
  @ApiOperation({
    summary: 'Thêm điều chỉnh lịch làm việc cho một ngày (thư ký): nghỉ thêm hoặc làm bù',
  })
  @ApiCreatedResponse({
    type: AdjustmentView,
    description: 'Điều chỉnh vừa lưu; hạn trả lời mới tính theo lịch này ngay',
  })
  @ApiErrors([403, 'chỉ thư ký (SECRETARIAT)'], [409, 'ngày đã có điều chỉnh'], 413)
  create(@Body() body: CreateAdjustmentDto, @CurrentActor() actor: Actor): Promise<AdjustmentView> {
    return this.calendars.addAdjustment(actor, body);
  }

  @Patch('adjustments/:day')
  @ApiOperation({
    summary: 'Sửa điều chỉnh lịch làm việc của một ngày (thư ký): loại, lý do, văn bản căn cứ',
  })
  @ApiOkResponse({ type: AdjustmentView, description: 'Điều chỉnh sau khi sửa' })
  @ApiErrors([403, 'chỉ thư ký (SECRETARIAT)'], 404, [409, 'VERSION_CONFLICT'], 413)
  update(
    @Param('day', AdjustmentDayPipe) day: string,
    @Body() body: UpdateAdjustmentDto,
    @CurrentActor() actor: Actor,
  ): Promise<AdjustmentView> {
    return this.corrections.update(actor, day, body);
  }

  @Delete('adjustments/:day')
  @ApiOperation({
    summary:
      'Xóa điều chỉnh lịch làm việc do thư ký thêm (ngày trở lại theo lịch thường); điều chỉnh chính thức có sẵn không xóa được',
  })
  @ApiOkResponse({ type: AdjustmentView, description: 'Điều chỉnh vừa xóa' })
  @ApiErrors([403, 'chỉ thư ký (SECRETARIAT)'], 404, [
    409,
    'VERSION_CONFLICT, hoặc CONFLICT với điều chỉnh chính thức có sẵn',
  ])
  remove(
    @Param('day', AdjustmentDayPipe) day: string,
    @Query() query: AdjustmentVersionQuery,
    @CurrentActor() actor: Actor,
  ): Promise<AdjustmentView> {
    return this.corrections.remove(actor, day, query.version);
  }
}
