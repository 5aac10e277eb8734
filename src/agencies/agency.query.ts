import { PageQuery } from '../common/pagination.js';
import { CalendarDay, OneOf } from '../common/validators.js';
import { AGENCY_KINDS, type AgencyKind } from './agency-kind.js';

export class AgencyQuery extends PageQuery {
  @OneOf('kind', AGENCY_KINDS, { optional: true })
  kind?: AgencyKind;

  /** Only the agencies that exist under their name on this day (names as of that day). */
  @CalendarDay('asOf', { optional: true })
  asOf?: string;
}
