import { Controller, Get, Query } from '@nestjs/common';
import { ApiErrors, READ_ERRORS } from '../common/api-errors.js';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { assertRole, CurrentActor, type Actor } from '../auth/actor.js';
import { PageQuery, pageOf, type Page } from '../common/pagination.js';
import { OneOf, Text } from '../common/validators.js';
import { AUDIT_ENTITY_TYPES, AuditEntry, type AuditEntityType } from './audit-entry.entity.js';

export class AuditQuery extends PageQuery {
  @OneOf('entityType', AUDIT_ENTITY_TYPES)
  entityType: AuditEntityType;

  @Text('entityId', {
    max: 100,
    description: 'Mã định danh, hoặc số mô hình, mã đơn vị, kỳ báo cáo',
  })
  entityId: string;
}

export interface AuditView {
  id: string;
  at: string;
  actor: { id: string | null; email: string | null };
  action: string;
  entityType: AuditEntityType;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

@ApiTags('audit')
@ApiBearerAuth()
@ApiErrors(...READ_ERRORS)
@Controller('audit')
export class AuditController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Nhật ký thay đổi của một đối tượng (ai, khi nào, trước/sau)' })
  @ApiOkResponse({ description: '{ items, total, limit, offset }, mới nhất trước' })
  async list(@Query() query: AuditQuery, @CurrentActor() actor: Actor): Promise<Page<AuditView>> {
    if (query.entityType === 'user') assertRole(actor, 'ADMIN');
    const [rows, total] = await this.dataSource.getRepository(AuditEntry).findAndCount({
      where: { entityType: query.entityType, entityId: query.entityId },
      order: { at: 'DESC', id: 'DESC' },
      take: query.limit ?? 50,
      skip: query.offset ?? 0,
    });
    return pageOf(
      rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actor: { id: r.actorId, email: r.actorEmail },
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        before: r.before,
        after: r.after,
        requestId: r.requestId,
      })),
      total,
      query,
    );
  }
}
