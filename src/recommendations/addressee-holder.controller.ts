import { Body, Param, Put } from '@nestjs/common';
import { CurrentActor, type Actor } from '../access/actor.js';
import { agencyCodePipe } from '../agencies/agency-code.pipe.js';
import { ApiAction } from '../common/api-action.js';
import { ApiResource } from '../common/api-resource.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import { ChooseHolderDto } from './addressee-holder.dto.js';
import { AddresseeHolderService } from './addressee-holder.service.js';
import { RecommendationReadService } from './recommendation-read.service.js';
import { RecommendationView } from './recommendation.view.js';

@ApiResource('recommendations')
export class AddresseeHolderController {
  constructor(
    private readonly holders: AddresseeHolderService,
    private readonly recommendations: RecommendationReadService,
  ) {}

  @Put(':id/addressees/:code/holder')
  @ApiAction(
    {
      summary:
        'Chọn cơ quan kế thừa cho cơ quan nhận bị chia tách (thư ký): thư nhắc tiếp theo gửi tới cơ quan được chọn',
      type: RecommendationView,
    },
    [403, 'chỉ thư ký'],
    404,
    [409, 'VERSION_CONFLICT; CONFLICT khi kiến nghị không còn mở'],
    413,
  )
  async choose(
    @Param('id', uuidPipe) id: string,
    @Param('code', agencyCodePipe) code: string,
    @Body() body: ChooseHolderDto,
    @CurrentActor() actor: Actor,
  ): Promise<RecommendationView> {
    await this.holders.choose(actor, id, code, body);
    return this.recommendations.get(actor, id);
  }
}
