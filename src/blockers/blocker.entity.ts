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
import { Pilot } from '../pilots/pilot.entity.js';
import { User } from '../users/user.entity.js';
import {
  BLOCKER_AUTHORITIES,
  BLOCKER_CATEGORIES,
  BLOCKER_STATES,
  type BlockerAuthority,
  type BlockerCategory,
  type BlockerState,
} from './domain/blocker-enums.js';
import { sqlIn } from '../common/domain/sql-in.js';
import { ByUser } from '../users/by-user.js';

/** An obstacle on a pilot, or a cross-cutting one named by its topic. */
@Entity('blocker')
@Index('blocker_search_idx', { synchronize: false }) // trigram index on f_unaccent(…), see migrations
@Index('blocker_pilot_id_idx', ['pilotId'])
@Index('blocker_state_idx', ['state'])
@Index('blocker_seed_key_key', ['seedKey'], { unique: true })
@Check('blocker_pilot_or_topic', `(pilot_id IS NULL) <> (topic IS NULL)`)
@Check('blocker_category_valid', sqlIn('category', BLOCKER_CATEGORIES))
@Check('blocker_authority_valid', sqlIn('authority', BLOCKER_AUTHORITIES))
@Check('blocker_state_valid', sqlIn('state', BLOCKER_STATES))
export class Blocker extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Pilot, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pilot_id' })
  pilot: Relation<Pilot | null>;

  @Column('uuid', { nullable: true })
  pilotId: string | null;

  @Column('text', { nullable: true })
  topic: string | null;

  @Column('text')
  title: string;

  @Column('text')
  description: string;

  @Column('text')
  category: BlockerCategory;

  @Column('text')
  authority: BlockerAuthority;

  @Column('text')
  state: BlockerState;

  @Column('text', { nullable: true })
  resolution: string | null;

  @Column('timestamptz', { nullable: true })
  resolvedAt: Date | null;

  @ByUser()
  raisedBy: Relation<User | null>;

  @Column('uuid', { nullable: true })
  raisedById: string | null;

  /** Key of the reference-data row this was loaded from; keeps loading idempotent. */
  @Column('text', { nullable: true })
  seedKey: string | null;
}
