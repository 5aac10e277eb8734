import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import { EscalationHistoryService } from './escalation-history.service.js';
import { EscalationEventView } from './escalation.view.js';
import { ApiResource } from '../common/api-resource.js';

/**
 * GET /recommendations/{id}/escalations, served by escalation (which reads the letters, never the
 * reverse) under the letters' path and tag; every signed-in role may read it.
 */
@ApiResource('recommendations')
export class EscalationHistoryController {
  constructor(private readonly history: EscalationHistoryService) {}

  @Get(':id/escalations')
  @ApiOperation({ summary: 'Các mức đôn đốc đã đạt (hoặc bỏ qua khi nhập muộn) của kiến nghị' })
  @ApiOkResponse({ type: [EscalationEventView] })
  @ApiErrors(404)
  escalations(@Param('id', uuidPipe) id: string): Promise<EscalationEventView[]> {
    return this.history.ofLetter(id);
  }
}
