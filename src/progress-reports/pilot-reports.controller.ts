import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '../access/actor.js';
import { ApiErrors, WRITE_ERRORS } from '../common/api-errors.js';
import { pilotNumberPipe } from '../pilots/pilot-number.pipe.js';
import { PilotReportDto } from './pilot-report.dto.js';
import type { PilotReportView } from './pilot-report.view.js';
import { PilotReportsService } from './pilot-reports.service.js';

/** A pilot's monthly progress reports, under the pilot's path. */
@ApiTags('pilots')
@ApiBearerAuth()
@ApiErrors(...WRITE_ERRORS)
@Controller('pilots')
export class PilotReportsController {
  constructor(private readonly reports: PilotReportsService) {}

  @Post(':number/reports')
  @ApiOperation({ summary: 'Nộp hoặc sửa báo cáo tiến độ tháng (201 khi tạo mới, 200 khi sửa)' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN' })
  @ApiConflictResponse({ description: 'PERIOD_LOCKED hoặc VERSION_CONFLICT' })
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
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  reportsOf(@Param('number', pilotNumberPipe) number: number): Promise<PilotReportView[]> {
    return this.reports.list(number);
  }
}
