import { Body, Get, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '../access/actor.js';
import { ApiErrors } from '../common/api-errors.js';
import { ApiPilotNumber, pilotNumberPipe } from '../pilots/pilot-number.pipe.js';
import { PilotReportDto } from './pilot-report.dto.js';
import { PilotReportView } from './pilot-report.view.js';
import { PilotReportsService } from './pilot-reports.service.js';
import { ApiResource } from '../common/api-resource.js';

/** A pilot's monthly progress reports, under the pilot's path. */
@ApiPilotNumber()
@ApiResource('pilots')
export class PilotReportsController {
  constructor(private readonly reports: PilotReportsService) {}

  @Post(':number/reports')
  @ApiOperation({ summary: 'Nộp hoặc sửa báo cáo tiến độ tháng (201 khi tạo mới, 200 khi sửa)' })
  @ApiCreatedResponse({
    type: PilotReportView,
    description: 'Báo cáo vừa nộp (kỳ chưa có báo cáo)',
  })
  @ApiOkResponse({ type: PilotReportView, description: 'Báo cáo sau khi sửa' })
  @ApiErrors(
    [403, 'chỉ thư ký và cán bộ đầu mối của đơn vị chủ trì mô hình'],
    404,
    [409, 'PERIOD_LOCKED hoặc VERSION_CONFLICT'],
    413,
  )
  async fileReport(
    @Param('number', pilotNumberPipe) number: number,
    @Body() body: PilotReportDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PilotReportView> {
    const { created, report } = await this.reports.upsert(actor, number, body);
    void reply.status(created ? 201 : 200);
    return report;
  }

  @Get(':number/reports')
  @ApiOperation({ summary: 'Các báo cáo tháng của mô hình, mới nhất trước' })
  @ApiOkResponse({ type: [PilotReportView] })
  @ApiErrors(404)
  reportsOf(@Param('number', pilotNumberPipe) number: number): Promise<PilotReportView[]> {
    return this.reports.list(number);
  }
}
