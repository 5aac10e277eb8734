import { Get, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../../access/actor.js';
import { ApiAction } from '../../common/api-action.js';
import { ApiResource } from '../../common/api-resource.js';
import { ReorganisationService } from './reorganisation.service.js';
import { ReorganisationApplyView, ReorganisationPreviewView } from './reorganisation.view.js';

/** The 2025 reorganisation package (product.md §9): ADMIN previews and applies it. */
@ApiResource('agency-successions/packages/reorganisation-2025', {
  tag: 'agency-successions',
  errors: [400, 401, [403, 'chỉ quản trị (ADMIN)']],
})
export class ReorganisationController {
  constructor(private readonly reorganisation: ReorganisationService) {}

  @Get('preview')
  @ApiOperation({
    summary:
      'Xem trước việc áp dụng gói sắp xếp tổ chức năm 2025: cơ quan thêm và kết thúc, sự kiện kế thừa, kiến nghị còn mở, tài khoản cán bộ, đơn vị chủ trì, email đầu mối',
  })
  @ApiOkResponse({ type: ReorganisationPreviewView })
  preview(@CurrentActor() actor: Actor): Promise<ReorganisationPreviewView> {
    return this.reorganisation.preview(actor);
  }

  @Post('apply')
  @ApiAction(
    {
      summary:
        'Áp dụng gói sắp xếp tổ chức năm 2025 trong một giao dịch (ghi nhật ký); áp dụng lại không thay đổi gì',
      type: ReorganisationApplyView,
      description: 'Những gì vừa làm',
    },
    [409, 'CONFLICT: thiếu cơ quan mà gói cần'],
  )
  apply(@CurrentActor() actor: Actor): Promise<ReorganisationApplyView> {
    return this.reorganisation.apply(actor);
  }
}
