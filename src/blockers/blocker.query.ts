import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { NormalizedText } from '../common/query-params.js';
import {
  BLOCKER_AUTHORITIES,
  BLOCKER_CATEGORIES,
  BLOCKER_STATES,
  type BlockerAuthority,
  type BlockerCategory,
  type BlockerState,
} from './domain/blocker-enums.js';

export class BlockerQuery extends PageQuery {
  @ApiPropertyOptional({ enum: BLOCKER_STATES })
  @IsOptional()
  @IsIn(BLOCKER_STATES, { message: `state phải là một trong: ${BLOCKER_STATES.join(', ')}` })
  state?: BlockerState;

  @ApiPropertyOptional({ enum: BLOCKER_AUTHORITIES })
  @IsOptional()
  @IsIn(BLOCKER_AUTHORITIES, {
    message: `authority phải là một trong: ${BLOCKER_AUTHORITIES.join(', ')}`,
  })
  authority?: BlockerAuthority;

  @ApiPropertyOptional({ enum: BLOCKER_CATEGORIES })
  @IsOptional()
  @IsIn(BLOCKER_CATEGORIES, {
    message: `category phải là một trong: ${BLOCKER_CATEGORIES.join(', ')}`,
  })
  category?: BlockerCategory;

  @ApiPropertyOptional({ description: 'Số mô hình' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pilot phải là số nguyên' })
  @Min(1, { message: 'pilot phải từ 1' })
  @Max(999_999_999, { message: 'pilot quá lớn' })
  pilot?: number;

  @ApiPropertyOptional({ description: 'Tìm không phân biệt dấu và hoa thường' })
  @IsOptional()
  @NormalizedText()
  @IsString({ message: 'q phải là chuỗi' })
  @MaxLength(200, { message: 'q tối đa 200 ký tự' })
  q?: string;
}
