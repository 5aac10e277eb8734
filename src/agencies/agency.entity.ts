import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { VersionedEntity } from '../common/versioned.entity.js';
import { AGENCY_KINDS, type AgencyKind } from './agency-kind.js';
import { sqlIn } from '../common/domain/sql-in.js';

/**
 * A ministry, central agency, working group or provincial body. Agencies are renamed, merged
 * and split over time (product.md §9): an agency exists under its name from `validFrom` until
 * `validUntil` and keeps its rows and history after; succession events (SuccessionEvent) say who
 * took over its duties, from which day.
 */
@Entity('agency')
@Check('agency_code_format', `code ~ '^[A-Z][A-Z0-9_]*$'`)
@Check('agency_kind_valid', sqlIn('kind', AGENCY_KINDS))
@Check(
  'agency_validity_order',
  `valid_from IS NULL OR valid_until IS NULL OR valid_from < valid_until`,
)
export class Agency extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('agency_code_key', { unique: true })
  @Column('text')
  code: string;

  @Column('text')
  name: string;

  @Column('text')
  shortName: string;

  @Column('text')
  kind: AgencyKind;

  @ManyToOne(() => Agency, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent: Relation<Agency | null>;

  @Column('uuid', { nullable: true })
  parentId: string | null;

  @Column('text', { array: true, default: () => `'{}'` })
  contactEmails: string[];

  /** First day it exists under this name; null: since before the data begins. */
  @Column('date', { nullable: true })
  validFrom: string | null;

  /** First day it no longer exists under this name (exclusive); null while it exists. */
  @Column('date', { nullable: true })
  validUntil: string | null;
}
