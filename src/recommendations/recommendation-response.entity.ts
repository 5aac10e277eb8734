import {
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

/** A ministry's answer: its own letter number, date and what it says. */
@Entity('recommendation_response')
@Index('recommendation_response_recommendation_id_idx', ['recommendationId'])
export class RecommendationResponse {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Recommendation, (r) => r.responses, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation: Relation<Recommendation>;

  @Column('uuid')
  recommendationId: string;

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
