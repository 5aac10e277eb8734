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
import { sqlIn } from '../common/domain/sql-in.js';
import { ByUser } from '../users/by-user.js';
import { User } from '../users/user.entity.js';
import { Blocker } from './blocker.entity.js';
import { BLOCKER_STATES, type BlockerState } from './domain/blocker-enums.js';

/**
 * One move of a blocker's state, written in the transaction that moves it: raised (`fromState`
 * null, at when it was first raised), escalated and de-escalated with its letters, resolved,
 * withdrawn, reopened. `note` is the resolution or the reason given with the move. Moves at one
 * instant are ordered by `id`. A period's report reads a blocker's state as of its cut-off
 * from here.
 */
@Entity('blocker_state_change')
@Index('blocker_state_change_blocker_id_at_idx', ['blockerId', 'at'])
@Check(
  'blocker_state_change_from_valid',
  `from_state IS NULL OR ${sqlIn('from_state', BLOCKER_STATES)}`,
)
@Check('blocker_state_change_to_valid', sqlIn('to_state', BLOCKER_STATES))
export class BlockerStateChange {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => Blocker, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'blocker_id' })
  blocker: Relation<Blocker>;

  @Column('uuid')
  blockerId: string;

  @Column('text', { nullable: true })
  fromState: BlockerState | null;

  @Column('text')
  toState: BlockerState;

  @Column('timestamptz')
  at: Date;

  /** The resolution (RESOLVED) or the reason (withdrawn, reopened) given with the move. */
  @Column('text', { nullable: true })
  note: string | null;

  @ByUser()
  actor: Relation<User | null>;

  @Column('uuid', { nullable: true })
  actorId: string | null;
}
