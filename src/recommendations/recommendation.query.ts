import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { BooleanQuery, NormalizedText } from '../common/query-params.js';
import { RECOMMENDATION_STATES, type RecommendationState } from './domain/recommendation-state.js';

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

  @ApiPropertyOptional({ description: 'Số mô hình có vướng mắc được kiến nghị' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pilot phải là số nguyên' })
  @Min(1, { message: 'pilot phải từ 1' })
  @Max(999_999_999, { message: 'pilot quá lớn' })
  pilot?: number;

  @ApiPropertyOptional({ description: 'Tìm theo số hiệu và nội dung, không phân biệt dấu' })
  @IsOptional()
  @NormalizedText()
  @IsString({ message: 'q phải là chuỗi' })
  @MaxLength(200, { message: 'q tối đa 200 ký tự' })
  q?: string;
}
