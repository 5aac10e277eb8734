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
import {
  DUE_PRECISIONS,
  MILESTONE_STATES,
  type DuePrecision,
  type MilestoneState,
} from './domain/milestone.js';
import { Milestone } from './milestone.entity.js';

/**
 * A milestone as one write left it (created, edited, done, dropped), at `at`, written in that
 * write's transaction. A period reads each milestone from its last revision at or before the
 * cut-off; revisions of one instant are ordered by `id`.
 */
@Entity('milestone_revision')
@Index('milestone_revision_milestone_id_at_idx', ['milestoneId', 'at'])
@Check('milestone_revision_state_valid', sqlIn('state', MILESTONE_STATES))
@Check('milestone_revision_due_precision_valid', sqlIn('due_precision', DUE_PRECISIONS))
export class MilestoneRevision {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => Milestone, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'milestone_id' })
  milestone: Relation<Milestone>;

  @Column('uuid')
  milestoneId: string;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  name: string;

  @Column('text')
  dueText: string;

  @Column('text')
  duePrecision: DuePrecision;

  @Column('date')
  dueOn: string;

  /** The owner agency then. */
  @Column('uuid')
  ownerAgencyId: string;

  @Column('text')
  state: MilestoneState;

  @Column('date', { nullable: true })
  doneOn: string | null;

  @Column('text', { nullable: true })
  dropReason: string | null;

  @ByUser()
  actor: Relation<User | null>;

  @Column('uuid', { nullable: true })
  actorId: string | null;
}
