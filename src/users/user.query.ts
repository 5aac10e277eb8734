import { PageQuery } from '../common/pagination.js';
import { OneOf } from '../common/validators.js';
import { ROLES, type Role } from '../access/domain/role.js';
import { AgencyCode } from './users.dto.js';

export class UserQuery extends PageQuery {
  @OneOf('role', ROLES, { optional: true })
  role?: Role;

  @AgencyCode('agency', 'Mã cơ quan của cán bộ đầu mối')
  agency?: string;
}
