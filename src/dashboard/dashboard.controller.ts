import { Controller, Get } from '@nestjs/common';
import { ApiErrors, READ_ERRORS } from '../common/api-errors.js';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DashboardReadService } from './dashboard-read.service.js';
import { DashboardView } from './dashboard.view.js';

/** The web's pages and tests still import the view from here. */

@ApiTags('dashboard')
@ApiBearerAuth()
@ApiErrors(...READ_ERRORS)
@Controller('dashboard')
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
