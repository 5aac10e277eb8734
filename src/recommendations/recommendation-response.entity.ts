import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { User } from '../users/user.entity.js';
import { Recommendation } from './recommendation.entity.js';
import { ByUser } from '../users/by-user.js';
import { Agency } from '../agencies/agency.entity.js';
import { sqlIn } from '../common/domain/sql-in.js';
import { RESPONSE_CHANNELS, type ResponseChannel } from './domain/addressee-status.js';

/**
 * An addressee's answer: its own letter number, date and what it says, the agency that answered
 * (a successor may answer for the addressee), how it reached us and the cycle it answered. An
 * answer recorded before answers were per addressee, on a letter with several, has no addressee
 * (unattributed) until the secretariat assigns it.
 */
@Entity('recommendation_response')
@Index('recommendation_response_recommendation_id_idx', ['recommendationId'])
@Check('recommendation_response_channel_valid', sqlIn('channel', RESPONSE_CHANNELS))
export class RecommendationResponse {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Recommendation, (r) => r.responses, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation: Relation<Recommendation>;

  @Column('uuid')
  recommendationId: string;

  /** The addressee it answers for (null: unattributed). */
  @Column('uuid', { nullable: true })
  addresseeAgencyId: string | null;

  @ManyToOne(() => Agency, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'addressee_agency_id' })
  addresseeAgency: Relation<Agency | null>;

  /** The agency that answered: the addressee, or whoever holds its duty. */
  @Column('uuid', { nullable: true })
  answeredByAgencyId: string | null;

  @ManyToOne(() => Agency, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'answered_by_agency_id' })
  answeredByAgency: Relation<Agency | null>;

  @Column('text', { default: 'SECRETARIAT' })
  channel: ResponseChannel;

  @Column('integer', { default: 1 })
  cycle: number;

  @Column('text')
  documentNumber: string;

  @Column('date')
  date: string;

  @Column('text')
  summary: string;

  @ByUser()
  recordedBy: Relation<User | null>;

  @Column('uuid', { nullable: true })
  recordedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
