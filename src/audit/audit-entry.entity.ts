import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { sqlIn } from '../common/domain/sql-in.js';

export const AUDIT_ENTITY_TYPES = [
  'pilot',
  'blocker',
  'recommendation',
  'report',
  'user',
  'agency',
  'period',
  'policy',
  'calendar',
  'notification',
  'indicator',
  'milestone',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/**
 * Who changed what, when, with the values before and after. Written in the same
 * transaction as the change; the database refuses UPDATE, DELETE and TRUNCATE on it.
 */
@Entity('audit_entry')
@Index('audit_entry_entity_idx', ['entityType', 'entityId', 'at'])
@Check('audit_entry_entity_type_valid', sqlIn('entity_type', AUDIT_ENTITY_TYPES))
export class AuditEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;

  /** No foreign key: the trail outlives the accounts it names. */
  @Column('uuid', { nullable: true })
  actorId: string | null;

  @Column('text', { nullable: true })
  actorEmail: string | null;

  @Column('text')
  action: string;

  @Column('text')
  entityType: AuditEntityType;

  @Column('text')
  entityId: string;

  @Column('jsonb', { nullable: true })
  before: object | null;

  @Column('jsonb', { nullable: true })
  after: object | null;

  @Column('text', { nullable: true })
  requestId: string | null;
}
