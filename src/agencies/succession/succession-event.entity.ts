import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { sqlIn } from '../../common/domain/sql-in.js';
import { Agency } from '../agency.entity.js';
import { SUCCESSION_KINDS, type SuccessionKind } from '../domain/succession.js';

/**
 * A change of the agency landscape on a day, with its legal basis (product.md §3, §9): old
 * agencies' duties pass to new ones through its links. `packageKey` marks an event shipped as
 * data (the 2025 reorganisation), so applying the package twice adds nothing. `realisedAt` is
 * when the service carried out its moves (officers' accounts, pilots' lead agencies, focal
 * points) — on or after `effectiveOn`, never before.
 */
@Entity('succession_event')
@Check('succession_event_kind_valid', sqlIn('kind', SUCCESSION_KINDS))
@Check('succession_event_legal_basis_not_blank', `btrim(legal_basis) <> ''`)
export class SuccessionEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: SuccessionKind;

  @Column('date')
  effectiveOn: string;

  @Column('text')
  legalBasis: string;

  @Column('text', { nullable: true })
  note: string | null;

  @Index('succession_event_package_key', { unique: true })
  @Column('text', { nullable: true })
  packageKey: string | null;

  @Column('timestamptz', { nullable: true })
  realisedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** No foreign key: the record outlives the account. */
  @Column('uuid', { nullable: true })
  createdById: string | null;

  @OneToMany(() => SuccessionLink, (l) => l.event)
  links: Relation<SuccessionLink[]>;
}

/** One old agency's duties (or the part named by `scope`) passing to one new agency. */
@Entity('succession_link')
@Index('succession_link_one_main', ['eventId', 'fromAgencyId'], {
  unique: true,
  where: 'is_main',
})
@Index('succession_link_from_agency_idx', ['fromAgencyId'])
@Index('succession_link_to_agency_idx', ['toAgencyId'])
@Check('succession_link_not_self', `from_agency_id <> to_agency_id`)
export class SuccessionLink {
  @PrimaryColumn('uuid')
  eventId: string;

  @PrimaryColumn('uuid')
  fromAgencyId: string;

  @PrimaryColumn('uuid')
  toAgencyId: string;

  /** The successor that takes the old agency's duties unless a part is named elsewhere. */
  @Column('boolean', { default: false })
  isMain: boolean;

  /** The part of the duties this successor takes ("an toàn thông tin"); null: all or the rest. */
  @Column('text', { nullable: true })
  scope: string | null;

  @ManyToOne(() => SuccessionEvent, (e) => e.links, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event: Relation<SuccessionEvent>;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_agency_id' })
  fromAgency: Relation<Agency>;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_agency_id' })
  toAgency: Relation<Agency>;
}
