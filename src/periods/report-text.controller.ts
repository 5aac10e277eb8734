import { Body, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import { ApiErrors } from '../common/api-errors.js';
import { ApiResource } from '../common/api-resource.js';
import { periodPipe } from '../common/period.pipe.js';
import { ReportDefaultsDto, ReportTextDto } from './report-text.dto.js';
import { ReportTextService } from './report-text.service.js';
import { ReportDefaultsView, ReportTextView } from './report-text.view.js';

/** The monthly report's own words: per period (narrative, overrides) and the defaults. */
@ApiResource('periods', { tag: 'reports' })
export class ReportTextController {
  constructor(private readonly texts: ReportTextService) {}

  @Get('report-defaults')
  @ApiOperation({ summary: 'Người ký và nơi nhận mặc định của báo cáo tháng' })
  @ApiOkResponse({ type: ReportDefaultsView })
  getDefaults(): Promise<ReportDefaultsView> {
    return this.texts.defaults();
  }

  @Put('report-defaults')
  @ApiOperation({
    summary: 'Đặt người ký và nơi nhận mặc định của báo cáo tháng (thư ký, có ghi nhật ký)',
  })
  @ApiOkResponse({ type: ReportDefaultsView })
  @ApiErrors(
    [403, 'chỉ thư ký (SECRETARIAT)'],
    [409, 'VERSION_CONFLICT: đã được người khác thay'],
    413,
  )
  putDefaults(
    @Body() body: ReportDefaultsDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReportDefaultsView> {
    return this.texts.putDefaults(actor, body);
  }

  @Get(':period/report-text')
  @ApiOperation({
    summary:
      'Nội dung báo cáo tháng của kỳ do thư ký soạn: các phần tường thuật, số, ngày, người ký, nơi nhận (chưa lưu: bản nháp từ kỳ trước)',
  })
  @ApiOkResponse({ type: ReportTextView })
  @ApiErrors([400, 'kỳ không có dạng YYYY-MM'])
  get(@Param('period', periodPipe) period: string): Promise<ReportTextView> {
    return this.texts.get(period);
  }

  @Put(':period/report-text')
  @ApiOperation({
    summary:
      'Lưu nội dung báo cáo tháng của kỳ (thư ký, có ghi nhật ký); kỳ đã chốt không sửa được',
  })
  @ApiOkResponse({ type: ReportTextView })
  @ApiErrors(
    [400, 'kỳ không có dạng YYYY-MM; nội dung sai'],
    [403, 'chỉ thư ký (SECRETARIAT)'],
    [409, 'PERIOD_LOCKED: kỳ đã chốt; VERSION_CONFLICT: người khác vừa cập nhật'],
    413,
  )
  put(
    @Param('period', periodPipe) period: string,
    @Body() body: ReportTextDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReportTextView> {
    return this.texts.put(actor, period, body);
  }
}
