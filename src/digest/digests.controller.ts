import { HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import { DigestService } from './digest.service.js';
import { DigestSummary } from './digest.view.js';
import { ApiResource } from '../common/api-resource.js';

@ApiResource('digests', { tag: 'notifications', errors: [400, 401, [403, 'chỉ thư ký'], 413] })
export class DigestsController {
  constructor(private readonly digests: DigestService) {}

  @Post('leadership')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Gửi ngay bản tổng hợp cho lãnh đạo (bản sao cho thư ký): kiến nghị quá hạn, mô hình vướng mắc, mô hình chưa báo cáo',
  })
  @ApiAcceptedResponse({ type: DigestSummary, description: 'Thư đã vào hàng đợi' })
  sendLeadershipDigest(@CurrentActor() actor: Actor): Promise<DigestSummary> {
    return this.digests.sendNow(actor);
  }
}
