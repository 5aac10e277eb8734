import { Controller, Get, Param, PipeTransform, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { DomainError } from '../common/domain-error.js';
import type { Page } from '../common/pagination.js';
import { PilotQuery } from './pilot.query.js';
import { PilotReadService } from './pilot-read.service.js';
import type { PilotView } from './pilot.view.js';

/** A pilot number in the path: a positive integer that fits the column, else 400. */
export const pilotNumberPipe: PipeTransform<string, number> = {
  transform(value: string): number {
    if (!/^[1-9][0-9]{0,8}$/.test(value)) {
      throw new DomainError(400, 'VALIDATION_FAILED', 'Số mô hình phải là số nguyên dương.');
    }
    return Number(value);
  },
};

@ApiTags('pilots')
@ApiBearerAuth()
@Controller('pilots')
export class PilotsController {
  constructor(private readonly pilots: PilotReadService) {}

  @Get()
  @ApiOperation({ summary: 'Danh sách mô hình điểm, kèm vướng mắc mở và kiến nghị quá hạn' })
  @ApiOkResponse({ description: '{ items, total, limit, offset }' })
  list(@Query() query: PilotQuery): Promise<Page<PilotView>> {
    return this.pilots.list(query);
  }

  @Get(':number')
  @ApiOperation({ summary: 'Một mô hình điểm theo số thứ tự (1–31)' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  get(@Param('number', pilotNumberPipe) number: number): Promise<PilotView> {
    return this.pilots.byNumber(number);
  }
}
