import { Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../auth/actor.js';
import { ApiErrors } from '../common/api-errors.js';
import { DigestService, type DigestSummary } from './digest.service.js';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiErrors(400, 401, 403)
@Controller('digests')
export class DigestsController {
  constructor(private readonly digests: DigestService) {}

  @Post('leadership')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Gửi ngay bản tổng hợp cho lãnh đạo (bản sao cho thư ký): kiến nghị quá hạn, mô hình vướng mắc, mô hình chưa báo cáo',
  })
  @ApiAcceptedResponse({
    description: '{ recipients, overdue, blockedPilots, pilotsWithoutReport }: thư đã vào hàng đợi',
  })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: chỉ thư ký' })
  sendLeadershipDigest(@CurrentActor() actor: Actor): Promise<DigestSummary> {
    return this.digests.sendNow(actor);
  }
}
