import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.js';
import { OverviewQuery } from './overview/overview.query.js';
import { OverviewService } from './overview/overview.service.js';
import { OverviewView } from './overview/overview.view.js';
import { ApiResource } from '../common/api-resource.js';

@ApiResource('reports')
export class OverviewController {
  constructor(private readonly overviews: OverviewService) {}

  @Get('overview')
  @ApiOperation({
    summary:
      'Tổng quan cho lãnh đạo theo kỳ (mặc định kỳ hiện tại): mô hình theo đơn vị chủ trì và trạng thái, ' +
      'báo cáo còn thiếu; kiến nghị theo cơ quan nhận (đang mở, quá hạn, đã trả lời, số ngày làm việc ' +
      'trung bình đến khi trả lời, tính tại thời điểm xem); xu hướng trạng thái mô hình qua các kỳ',
  })
  @ApiOkResponse({ type: OverviewView })
  @ApiErrors([400, 'kỳ không có dạng YYYY-MM, hoặc sau kỳ hiện tại'])
  get(@Query() query: OverviewQuery): Promise<OverviewView> {
    return this.overviews.overview(query.period);
  }
}
