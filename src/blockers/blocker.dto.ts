import { EntityVersion, OneOf, PilotNumber, Text } from '../common/validators.js';
import {
  BLOCKER_AUTHORITIES,
  BLOCKER_CATEGORIES,
  type BlockerAuthority,
  type BlockerCategory,
} from './domain/blocker-enums.js';

export class CreateBlockerDto {
  @PilotNumber('pilotNumber', { optional: true })
  pilotNumber?: number;

  @Text('topic', {
    max: 300,
    optional: true,
    description: 'Chủ đề của vướng mắc chung, khi không gắn với một mô hình',
  })
  topic?: string;

  @Text('title', { max: 300 })
  title: string;

  @Text('description', { max: 20_000 })
  description: string;

  @OneOf('category', BLOCKER_CATEGORIES)
  category: BlockerCategory;

  @OneOf('authority', BLOCKER_AUTHORITIES)
  authority: BlockerAuthority;
}

export class UpdateBlockerDto {
  @EntityVersion()
  version: number;

  @Text('topic', { max: 300, optional: true })
  topic?: string;

  @Text('title', { max: 300, optional: true })
  title?: string;

  @Text('description', { max: 20_000, optional: true })
  description?: string;

  @OneOf('category', BLOCKER_CATEGORIES, { optional: true })
  category?: BlockerCategory;

  @OneOf('authority', BLOCKER_AUTHORITIES, { optional: true })
  authority?: BlockerAuthority;
}

export class ResolveBlockerDto {
  @Text('resolution', { max: 5000, description: 'Vướng mắc đã được giải quyết như thế nào' })
  resolution: string;

  @EntityVersion({ optional: true })
  version?: number;
}

export class BlockerReasonDto {
  @Text('reason', { max: 5000 })
  reason: string;

  @EntityVersion({ optional: true })
  version?: number;
}
