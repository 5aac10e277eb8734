import { PageQuery } from '../common/pagination.js';
import { OneOf, PilotFilter } from '../common/validators.js';
import {
  LETTER_REQUEST_STATES,
  type LetterRequestState,
} from './domain/letter-request-lifecycle.js';

export class LetterRequestQuery extends PageQuery {
  @OneOf('state', LETTER_REQUEST_STATES, { optional: true })
  state?: LetterRequestState;

  @PilotFilter()
  pilot?: number;
}
