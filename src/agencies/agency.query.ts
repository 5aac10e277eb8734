import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { AGENCY_KINDS, type AgencyKind } from './agency-kind.js';

export class AgencyQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AGENCY_KINDS })
  @IsOptional()
  @IsIn(AGENCY_KINDS, { message: `kind phải là một trong: ${AGENCY_KINDS.join(', ')}` })
  kind?: AgencyKind;
}
