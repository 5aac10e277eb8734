import { Body, Get, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import { ApiAction } from '../common/api-action.js';
import { ApiErrors } from '../common/api-errors.js';
import { PeriodCutoffView, PeriodView } from './period.view.js';
import { PeriodCutoffDto } from './period-cutoff.dto.js';
import { PeriodCutoffService } from './period-cutoff.service.js';
import { PeriodsService } from './periods.service.js';
import { ApiResource } from '../common/api-resource.js';
import { periodPipe } from '../common/period.pipe.js';

/** Locking or unlocking a period (secretariat): answers the period after it. */
const PeriodAction = (summary: string, description: string) =>
  ApiAction(
    { summary, type: PeriodView, description },
    [400, 'kỳ không có dạng YYYY-MM'],
    [403, 'chỉ thư ký'],
    413,
  );

@ApiResource('periods', { tag: 'reports' })
export class PeriodsController {
  constructor(
    private readonly periods: PeriodsService,
    private readonly cutoff: PeriodCutoffService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Các kỳ báo cáo, số báo cáo và trạng thái chốt số liệu' })
  @ApiOkResponse({ type: [PeriodView], description: 'Kỳ mới nhất trước' })
  list(): Promise<PeriodView[]> {
    return this.periods.periods();
  }

  @Get('cutoff')
  @ApiOperation({
    summary:
      'Ngày chốt số liệu của kỳ: báo cáo tháng của mỗi kỳ đọc số liệu tại thời điểm hết ngày này',
  })
  @ApiOkResponse({ type: PeriodCutoffView })
  getCutoff(): Promise<PeriodCutoffView> {
    return this.cutoff.current();
  }

  @Put('cutoff')
  @ApiOperation({
    summary:
      'Đặt ngày chốt số liệu của kỳ (thư ký, có ghi nhật ký); kỳ đã chốt giữ nguyên số liệu đã chốt',
  })
  @ApiOkResponse({ type: PeriodCutoffView, description: 'Ngày chốt vừa lưu, phiên bản mới' })
  @ApiErrors(
    [403, 'chỉ thư ký (SECRETARIAT)'],
    [409, 'VERSION_CONFLICT: đã được người khác thay'],
    413,
  )
  putCutoff(
    @Body() body: PeriodCutoffDto,
    @CurrentActor() actor: Actor,
  ): Promise<PeriodCutoffView> {
    return this.cutoff.replace(actor, body.periodCutoffDay, body.version);
  }

  @Post(':period/lock')
  @PeriodAction(
    'Chốt số liệu kỳ báo cáo (thư ký): báo cáo của kỳ không sửa được nữa',
    'Kỳ sau khi chốt (chốt lại kỳ đã chốt: không đổi)',
  )
  lock(
    @Param('period', periodPipe) period: string,
    @CurrentActor() actor: Actor,
  ): Promise<PeriodView> {
    return this.periods.setLocked(actor, period, true);
  }

  @Post(':period/unlock')
  @PeriodAction('Mở lại kỳ báo cáo đã chốt (thư ký, có ghi nhật ký)', 'Kỳ sau khi mở lại')
  unlock(
    @Param('period', periodPipe) period: string,
    @CurrentActor() actor: Actor,
  ): Promise<PeriodView> {
    return this.periods.setLocked(actor, period, false);
  }
}
