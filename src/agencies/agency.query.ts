import { PageQuery } from '../common/pagination.js';
import { OneOf } from '../common/validators.js';
import { AGENCY_KINDS, type AgencyKind } from './agency-kind.js';

export class AgencyQuery extends PageQuery {
  @OneOf('kind', AGENCY_KINDS, { optional: true })
  kind?: AgencyKind;
}
