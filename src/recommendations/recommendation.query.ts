import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { OneOf, PilotFilter, SearchText } from '../common/validators.js';
import { BooleanFilter } from '../common/query-params.js';
import { RECOMMENDATION_STATES, type RecommendationState } from './domain/recommendation-state.js';

export const RECOMMENDATION_SORTS = ['urgency'] as const;
export type RecommendationSort = (typeof RECOMMENDATION_SORTS)[number];

export class RecommendationQuery extends PageQuery {
  @OneOf('state', RECOMMENDATION_STATES, { optional: true })
  state?: RecommendationState;

  @BooleanFilter('overdue', 'Chỉ kiến nghị đã quá hạn trả lời (hoặc chưa)')
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Mã cơ quan nhận, ví dụ BYT' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{0,31}$/, {
    message: 'addressee phải là mã cơ quan viết hoa, ví dụ BYT',
  })
  addressee?: string;

  @ApiPropertyOptional({
    description:
      'Kiến nghị của một cơ quan: cơ quan gửi, cơ quan nhận, hoặc đơn vị chủ trì mô hình có vướng mắc được kiến nghị; ví dụ SYT',
  })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{0,31}$/, {
    message: 'agency phải là mã cơ quan viết hoa, ví dụ SYT',
  })
  agency?: string;

  @PilotFilter()
  pilot?: number;

  @BooleanFilter(
    'heldSuccession',
    'Kiến nghị đang mở có cơ quan nhận bị chia tách, chờ thư ký chọn cơ quan kế thừa (thư nhắc tạm dừng)',
  )
  heldSuccession?: boolean;

  @BooleanFilter(
    'unattributedAnswers',
    'Kiến nghị có văn bản trả lời ghi nhận trước khi theo dõi riêng từng cơ quan nhận, chưa rõ của cơ quan nào: thư ký gán (POST /recommendations/{id}/responses/assign)',
  )
  unattributedAnswers?: boolean;

  @SearchText()
  q?: string;

  @OneOf('sort', RECOMMENDATION_SORTS, {
    optional: true,
    description:
      'urgency: khẩn cấp nhất trước (đang chờ trả lời, quá hạn nhiều ngày làm việc nhất, mức đôn đốc cao nhất, hạn gần nhất); mặc định theo ngày văn bản',
  })
  sort?: RecommendationSort;
}
