import { ApiErrors } from '../common/api-errors.js';
import { Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Page } from '../common/pagination.js';
import { agencyCodePipe } from './agency-code.pipe.js';
import { AgencyReadService } from './agency-read.service.js';
import { AgencyQuery } from './agency.query.js';
import { AgencyPage, AgencyView } from './agency.view.js';
import { ApiResource } from '../common/api-resource.js';

/** The web's pages still import the view from here. */

@ApiResource('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgencyReadService) {}

  @Get()
  @ApiOperation({ summary: 'Danh sách cơ quan, đơn vị (chủ trì, nhận kiến nghị)' })
  @ApiOkResponse({ type: AgencyPage })
  list(@Query() query: AgencyQuery): Promise<Page<AgencyView>> {
    return this.agencies.list(query);
  }

  @Get(':code')
  @ApiOperation({ summary: 'Một cơ quan theo mã, kèm cơ quan kế thừa nếu đã sáp nhập' })
  @ApiOkResponse({ type: AgencyView })
  @ApiErrors(404)
  get(@Param('code', agencyCodePipe) code: string): Promise<AgencyView> {
    return this.agencies.get(code);
  }
}
