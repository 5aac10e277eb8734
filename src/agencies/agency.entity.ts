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
 * A ministry, central agency, working group or provincial body. Agencies are renamed and
 * merged over time (product.md §9): a dissolved agency keeps its rows and history and names
 * its successor, which takes over its open letters.
 */
@Entity('agency')
@Check('agency_code_format', `code ~ '^[A-Z][A-Z0-9_]*$'`)
@Check('agency_kind_valid', sqlIn('kind', AGENCY_KINDS))
@Check('agency_not_own_successor', `successor_id IS NULL OR successor_id <> id`)
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

  @ManyToOne(() => Agency, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'successor_id' })
  successor: Relation<Agency | null>;

  @Column('uuid', { nullable: true })
  successorId: string | null;

  /** Day the agency ceased to exist under this name; null while it exists. */
  @Column('date', { nullable: true })
  dissolvedOn: string | null;
}
