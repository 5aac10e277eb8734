import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { OneOf, SearchText } from '../common/validators.js';
import { BooleanFilter } from '../common/query-params.js';
import { PILOT_STATES, type PilotState } from '../pilots/domain/pilot-state.js';

export class PilotQuery extends PageQuery {
  @OneOf('state', PILOT_STATES, { optional: true })
  state?: PilotState;

  @ApiPropertyOptional({ description: 'Mã đơn vị chủ trì, ví dụ SYT' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{0,31}$/, { message: 'agency phải là mã đơn vị viết hoa, ví dụ SYT' })
  agency?: string;

  @BooleanFilter('blocked', 'Chỉ mô hình đang/không có vướng mắc mở')
  blocked?: boolean;

  @SearchText()
  q?: string;
}
