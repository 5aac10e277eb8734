import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import { ApiErrors, READ_ERRORS } from '../common/api-errors.js';
import { fieldError } from '../common/domain-error.js';
import {
  AdjustmentsQuery,
  CreateAdjustmentDto,
  MAX_RANGE_DAYS,
  WorkingDaysQuery,
} from './calendar.dto.js';
import { CalendarService, formatDay } from './calendar.service.js';
import { AdjustmentView, CalendarDayView, WorkingDaysView } from './calendar.view.js';
import { nextDay } from './domain/working-days.js';
import { DAY_MS } from '../common/domain/local-time.js';

@ApiTags('calendar')
@ApiBearerAuth()
@ApiErrors(...READ_ERRORS)
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendars: CalendarService) {}

  @Get('working-days')
  @ApiOperation({
    summary: `Lịch làm việc từng ngày từ from đến to (cả hai ngày, tối đa ${MAX_RANGE_DAYS} ngày)`,
  })
  @ApiOkResponse({ type: WorkingDaysView })
  async workingDays(@Query() query: WorkingDaysQuery): Promise<WorkingDaysView> {
    const { from, to } = query;
    if (to < from)
      throw fieldError('to', `to (${formatDay(to)}) không được trước from (${formatDay(from)}).`);
    const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
    if (span > MAX_RANGE_DAYS)
      throw fieldError(
        'to',
        `Khoảng từ from đến to tối đa ${MAX_RANGE_DAYS} ngày (đang là ${span} ngày).`,
      );
    const { calendar, adjustments } = await this.calendars.snapshot();
    const days: CalendarDayView[] = [];
    for (let day = from; day <= to; day = nextDay(day)) {
      const adjustment = adjustments.get(day);
      days.push({
        ...calendar.describeDay(day),
        adjustment: adjustment
          ? { kind: adjustment.kind, reason: adjustment.reason, reference: adjustment.reference }
          : null,
      });
    }
    return { from, to, workingDays: days.filter((d) => d.working).length, days };
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
}
