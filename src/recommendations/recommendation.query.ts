import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { PilotFilter, SearchText } from '../common/validators.js';
import { BooleanQuery } from '../common/query-params.js';
import { RECOMMENDATION_STATES, type RecommendationState } from './domain/recommendation-state.js';

export const RECOMMENDATION_SORTS = ['urgency'] as const;
export type RecommendationSort = (typeof RECOMMENDATION_SORTS)[number];

export class RecommendationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RECOMMENDATION_STATES })
  @IsOptional()
  @IsIn(RECOMMENDATION_STATES, {
    message: `state phải là một trong: ${RECOMMENDATION_STATES.join(', ')}`,
  })
  state?: RecommendationState;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'Chỉ kiến nghị đã quá hạn trả lời (hoặc chưa)',
  })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean({ message: 'overdue phải là true hoặc false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Mã cơ quan nhận, ví dụ BYT' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{0,31}$/, {
    message: 'addressee phải là mã cơ quan viết hoa, ví dụ BYT',
  })
  addressee?: string;

  @PilotFilter()
  pilot?: number;

  @SearchText()
  q?: string;

  @ApiPropertyOptional({
    enum: RECOMMENDATION_SORTS,
    description:
      'urgency: khẩn cấp nhất trước (đang chờ trả lời, quá hạn nhiều ngày làm việc nhất, mức đôn đốc cao nhất, hạn gần nhất); mặc định theo ngày văn bản',
  })
  @IsOptional()
  @IsIn(RECOMMENDATION_SORTS, {
    message: `sort phải là một trong: ${RECOMMENDATION_SORTS.join(', ')}`,
  })
  sort?: RecommendationSort;
}
