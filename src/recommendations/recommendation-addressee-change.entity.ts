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
import { ADDRESSEE_STATUSES, type AddresseeStatus } from './domain/addressee-status.js';
import { Recommendation } from './recommendation.entity.js';

/**
 * One move of an addressee's status or due time, written in the transaction that makes it, with
 * the due time and cycle it has after the move (`fromStatus` null when the letter is sent). A
 * period's report reads each addressee as of its cut-off from here.
 */
@Entity('recommendation_addressee_change')
@Index('recommendation_addressee_change_recommendation_id_at_idx', ['recommendationId', 'at'])
@Check('recommendation_addressee_change_to_valid', sqlIn('to_status', ADDRESSEE_STATUSES))
export class RecommendationAddresseeChange {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => Recommendation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation: Relation<Recommendation>;

  @Column('uuid')
  recommendationId: string;

  /** The addressee, as the letter names it. No foreign key: history outlives nothing it names. */
  @Column('uuid')
  agencyId: string;

  @Column('text', { nullable: true })
  fromStatus: AddresseeStatus | null;

  @Column('text')
  toStatus: AddresseeStatus;

  /** Its due time after the move (its own, or the letter's); null while nothing is due. */
  @Column('timestamptz', { nullable: true })
  dueAt: Date | null;

  @Column('integer')
  cycle: number;

  @Column('timestamptz')
  at: Date;

  /** No foreign key, as in the audit trail. */
  @Column('uuid', { nullable: true })
  actorId: string | null;
}
