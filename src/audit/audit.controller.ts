import { Get, Query } from '@nestjs/common';
import { ApiErrors } from '../common/api-errors.js';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import type { Page } from '../common/pagination.js';
import { AuditReadService } from './audit-read.service.js';
import { AuditQuery } from './audit.query.js';
import { AuditPage, type AuditView } from './audit.view.js';
import { ApiResource } from '../common/api-resource.js';

@ApiResource('audit')
export class AuditController {
  constructor(private readonly audit: AuditReadService) {}

  @Get()
  @ApiOperation({ summary: 'Nhật ký thay đổi của một đối tượng (ai, khi nào, trước/sau)' })
  @ApiOkResponse({ type: AuditPage, description: 'Mới nhất trước' })
  @ApiErrors([403, 'nhật ký tài khoản (entityType=user): chỉ quản trị'])
  list(@Query() query: AuditQuery, @CurrentActor() actor: Actor): Promise<Page<AuditView>> {
    return this.audit.list(actor, query);
  }
}
