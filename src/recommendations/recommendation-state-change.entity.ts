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
import { RECOMMENDATION_STATES, type RecommendationState } from './domain/recommendation-state.js';
import { Recommendation } from './recommendation.entity.js';

/**
 * One move of a letter's state, written in the transaction that moves it (`fromState` null for
 * the state it was created or loaded in), with the response due time and the cycle the letter
 * has after the move. Moves at one instant are ordered by `id`. A period's report reads a
 * letter's state, due time and cycle as of its cut-off from here.
 */
@Entity('recommendation_state_change')
@Index('recommendation_state_change_recommendation_id_at_idx', ['recommendationId', 'at'])
@Check(
  'recommendation_state_change_from_valid',
  `from_state IS NULL OR ${sqlIn('from_state', RECOMMENDATION_STATES)}`,
)
@Check('recommendation_state_change_to_valid', sqlIn('to_state', RECOMMENDATION_STATES))
@Check('recommendation_state_change_cycle_positive', `cycle >= 1`)
export class RecommendationStateChange {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => Recommendation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation: Relation<Recommendation>;

  @Column('uuid')
  recommendationId: string;

  @Column('text', { nullable: true })
  fromState: RecommendationState | null;

  @Column('text')
  toState: RecommendationState;

  @Column('timestamptz')
  at: Date;

  /** The letter's response due time after the move (null while it is a draft). */
  @Column('timestamptz', { nullable: true })
  responseDueAt: Date | null;

  /** The letter's response cycle after the move. */
  @Column('integer')
  cycle: number;

  @ByUser()
  actor: Relation<User | null>;

  @Column('uuid', { nullable: true })
  actorId: string | null;
}
