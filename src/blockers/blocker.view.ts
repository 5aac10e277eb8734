import { PageOf } from '../common/pagination.js';
import { ApiProperty } from '@nestjs/swagger';
import {
  BLOCKER_AUTHORITIES,
  BLOCKER_CATEGORIES,
  BLOCKER_STATES,
  type BlockerAuthority,
  type BlockerCategory,
  type BlockerState,
} from './domain/blocker-enums.js';
import { BLOCKER_ACTIONS, type BlockerAction } from './domain/blocker-lifecycle.js';

export class BlockerView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'null: vướng mắc chung (có topic)' })
  pilotNumber!: number | null;

  @ApiProperty({ type: String, nullable: true })
  topic!: string | null;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ enum: BLOCKER_CATEGORIES })
  category!: BlockerCategory;

  @ApiProperty({ enum: BLOCKER_AUTHORITIES })
  authority!: BlockerAuthority;

  @ApiProperty({ enum: BLOCKER_STATES })
  state!: BlockerState;

  @ApiProperty({ type: String, nullable: true })
  resolution!: string | null;

  @ApiProperty()
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({
    enum: BLOCKER_ACTIONS,
    isArray: true,
    description:
      'Các thao tác người hỏi được làm với vướng mắc ở trạng thái hiện tại (draftRecommendation: đưa vào dự thảo kiến nghị)',
  })
  allowedCommands!: BlockerAction[];
}

export class BlockerPage extends PageOf(BlockerView) {}
