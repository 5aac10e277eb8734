import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../common/pagination.js';
import { AUDIT_ENTITY_TYPES, type AuditEntityType, type AuditEntry } from './audit-entry.entity.js';

/** Who made a change, as the entry recorded them (null for the system). */
export class AuditActorView {
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  id!: string | null;

  @ApiProperty({ type: String, nullable: true })
  email!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Tên hiện nay của tài khoản; null với hệ thống',
  })
  name!: string | null;
}

export class AuditView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: AuditActorView })
  actor!: AuditActorView;

  @ApiProperty({ example: 'pilot.transition' })
  action!: string;

  @ApiProperty({ enum: AUDIT_ENTITY_TYPES })
  entityType!: AuditEntityType;

  @ApiProperty()
  entityId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Đối tượng trước khi đổi (JSON), null khi tạo mới',
    nullable: true,
  })
  before!: unknown;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Đối tượng sau khi đổi (JSON)',
    nullable: true,
  })
  after!: unknown;

  @ApiProperty({ type: String, nullable: true })
  requestId!: string | null;
}

export class AuditPage extends PageOf(AuditView) {}

/** An entry as the API shows it; `names` maps account ids to their names (for `actor.name`). */
export function toAuditView(r: AuditEntry, names: ReadonlyMap<string, string>): AuditView {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actor: {
      id: r.actorId,
      email: r.actorEmail,
      name: r.actorId === null ? null : (names.get(r.actorId) ?? null),
    },
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: r.before,
    after: r.after,
    requestId: r.requestId,
  };
}
