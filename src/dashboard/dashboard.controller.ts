import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { DashboardReadService } from './dashboard-read.service.js';
import { DashboardView } from './dashboard.view.js';
import { ApiResource } from '../common/api-resource.js';

/** The web's pages and tests still import the view from here. */

@ApiResource('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardReadService) {}

  @Get()
  @ApiOperation({
    summary:
      'Tổng quan: mô hình theo trạng thái, vướng mắc, kiến nghị quá hạn, mô hình chưa báo cáo kỳ này',
  })
  @ApiOkResponse({ type: DashboardView })
  get(): Promise<DashboardView> {
    return this.dashboard.get();
  }
}
