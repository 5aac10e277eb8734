import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { SearchText } from '../common/validators.js';
import { BooleanQuery } from '../common/query-params.js';
import { PILOT_STATES, type PilotState } from '../pilots/domain/pilot-state.js';

export class PilotQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PILOT_STATES })
  @IsOptional()
  @IsIn(PILOT_STATES, { message: `state phải là một trong: ${PILOT_STATES.join(', ')}` })
  state?: PilotState;

  @ApiPropertyOptional({ description: 'Mã đơn vị chủ trì, ví dụ SYT' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{0,31}$/, { message: 'agency phải là mã đơn vị viết hoa, ví dụ SYT' })
  agency?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Chỉ mô hình đang/không có vướng mắc mở' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean({ message: 'blocked phải là true hoặc false' })
  blocked?: boolean;

  @SearchText()
  q?: string;
}
