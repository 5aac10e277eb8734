import { PageQuery } from '../common/pagination.js';
import { OneOf, PilotFilter, SearchText } from '../common/validators.js';
import {
  BLOCKER_AUTHORITIES,
  BLOCKER_CATEGORIES,
  BLOCKER_STATES,
  type BlockerAuthority,
  type BlockerCategory,
  type BlockerState,
} from './domain/blocker-enums.js';

export class BlockerQuery extends PageQuery {
  @OneOf('state', BLOCKER_STATES, { optional: true })
  state?: BlockerState;

  @OneOf('authority', BLOCKER_AUTHORITIES, { optional: true })
  authority?: BlockerAuthority;

  @OneOf('category', BLOCKER_CATEGORIES, { optional: true })
  category?: BlockerCategory;

  @PilotFilter()
  pilot?: number;

  @SearchText()
  q?: string;
}
