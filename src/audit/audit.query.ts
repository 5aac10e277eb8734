import { PageQuery } from '../common/pagination.js';
import { OneOf, Text } from '../common/validators.js';
import { AUDIT_ENTITY_TYPES, type AuditEntityType } from './audit-entry.entity.js';

export class AuditQuery extends PageQuery {
  @OneOf('entityType', AUDIT_ENTITY_TYPES)
  entityType: AuditEntityType;

  @Text('entityId', {
    max: 100,
    description: 'Mã định danh, hoặc số mô hình, mã đơn vị, kỳ báo cáo',
  })
  entityId: string;
}
