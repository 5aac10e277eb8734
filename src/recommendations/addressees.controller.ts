import { Body, Param, Post, Put } from '@nestjs/common';
import { CurrentActor, type Actor } from '../access/actor.js';
import { agencyCodePipe } from '../agencies/agency-code.pipe.js';
import { ApiAction } from '../common/api-action.js';
import { ApiResource } from '../common/api-resource.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import {
  AcknowledgeAddresseeDto,
  AddresseeDueDto,
  AssignResponseDto,
  ReleaseAddresseeDto,
} from './recommendation.dto.js';
import { RecommendationReadService } from './recommendation-read.service.js';
import { RecommendationView } from './recommendation.view.js';
import { RecommendationWorkflowService } from './recommendation-workflow.service.js';

const AddresseeMove = (summary: string) =>
  ApiAction(
    { summary, type: RecommendationView },
    [403, 'chỉ thư ký'],
    404,
    [
      409,
      'RECOMMENDATION_TRANSITION_NOT_ALLOWED (cơ quan không còn ở trạng thái cho phép) hoặc VERSION_CONFLICT',
    ],
    413,
  );

/** Each addressee of a letter on its own clock (product.md §3): what the secretariat records. */
@ApiResource('recommendations')
export class AddresseesController {
  constructor(
    private readonly workflow: RecommendationWorkflowService,
    private readonly recommendations: RecommendationReadService,
  ) {}

  @Post(':id/addressees/:code/acknowledge')
  @AddresseeMove(
    'Cơ quan nhận đã xác nhận nhận văn bản (và đơn vị, người xử lý); vẫn được nhắc đến khi trả lời',
  )
  async acknowledge(
    @Param('id', uuidPipe) id: string,
    @Param('code', agencyCodePipe) code: string,
    @Body() body: AcknowledgeAddresseeDto,
    @CurrentActor() actor: Actor,
  ): Promise<RecommendationView> {
    await this.workflow.acknowledge(actor, id, code, body);
    return this.recommendations.get(actor, id);
  }

  @Post(':id/addressees/:code/release')
  @AddresseeMove(
    'Không còn yêu cầu cơ quan này trả lời (kèm lý do): dừng nhắc cơ quan này; kiến nghị chuyển "đã trả lời" khi không còn cơ quan nào phải trả lời',
  )
  async release(
    @Param('id', uuidPipe) id: string,
    @Param('code', agencyCodePipe) code: string,
    @Body() body: ReleaseAddresseeDto,
    @CurrentActor() actor: Actor,
  ): Promise<RecommendationView> {
    await this.workflow.release(actor, id, code, body);
    return this.recommendations.get(actor, id);
  }

  @Put(':id/addressees/:code/due')
  @AddresseeMove(
    'Hạn trả lời riêng của một cơ quan nhận (null: theo hạn của kiến nghị); lịch nhắc đi theo',
  )
  async due(
    @Param('id', uuidPipe) id: string,
    @Param('code', agencyCodePipe) code: string,
    @Body() body: AddresseeDueDto,
    @CurrentActor() actor: Actor,
  ): Promise<RecommendationView> {
    await this.workflow.setAddresseeDue(actor, id, code, body);
    return this.recommendations.get(actor, id);
  }

  @Post(':id/responses/assign')
  @AddresseeMove(
    'Gán văn bản trả lời ghi nhận trước khi theo dõi riêng từng cơ quan (chưa rõ cơ quan nào trả lời) cho một cơ quan nhận',
  )
  async assign(
    @Param('id', uuidPipe) id: string,
    @Body() body: AssignResponseDto,
    @CurrentActor() actor: Actor,
  ): Promise<RecommendationView> {
    await this.workflow.assignResponse(actor, id, body);
    return this.recommendations.get(actor, id);
  }
}
