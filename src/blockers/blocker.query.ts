import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { PilotFilter, SearchText } from '../common/validators.js';
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

  @PilotFilter()
  pilot?: number;

  @SearchText()
  q?: string;
}
