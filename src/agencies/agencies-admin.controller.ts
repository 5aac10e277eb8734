import { ApiErrors } from '../common/api-errors.js';
import { Body, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import { agencyCodePipe } from './agency-code.pipe.js';
import { AgencyView } from './agency.view.js';
import { CreateAgencyDto, UpdateAgencyDto } from './agencies-admin.dto.js';
import { AgencyAdmin } from './agencies-admin.service.js';
import { ApiResource } from '../common/api-resource.js';

/**
 * Agency writes: ADMIN, but the focal-point addresses alone, which the secretariat corrects too
 * (reads are in AgenciesController, open to every signed-in user).
 */
@ApiResource('agencies', {
  errors: [
    400,
    401,
    [403, 'chỉ quản trị (ADMIN); thư ký (SECRETARIAT) chỉ sửa email đầu mối'],
    413,
  ],
})
export class AgenciesAdminController {
  constructor(private readonly agencies: AgencyAdmin) {}

  @Post()
  @ApiOperation({ summary: 'Thêm cơ quan, đơn vị' })
  @ApiCreatedResponse({ type: AgencyView, description: 'Cơ quan vừa thêm' })
  @ApiErrors([409, 'CONFLICT: mã đã có'])
  create(@Body() body: CreateAgencyDto, @CurrentActor() actor: Actor): Promise<AgencyView> {
    return this.agencies.create(actor, body);
  }

  @Patch(':code')
  @ApiOperation({
    summary:
      'Sửa cơ quan: đổi tên, đầu mối, cơ quan kế thừa (sáp nhập), ngày giải thể; thư ký sửa được riêng email đầu mối (contactEmails)',
  })
  @ApiOkResponse({ type: AgencyView, description: 'Cơ quan sau khi sửa' })
  @ApiErrors(404, [409, 'VERSION_CONFLICT; CONFLICT khi tạo vòng kế thừa'])
  update(
    @Param('code', agencyCodePipe) code: string,
    @Body() body: UpdateAgencyDto,
    @CurrentActor() actor: Actor,
  ): Promise<AgencyView> {
    return this.agencies.update(actor, code, body);
  }
}
