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

/** A ministry's answer: its own letter number, date and what it says. */
@Entity('recommendation_response')
@Index('recommendation_response_recommendation_id_idx', ['recommendationId'])
export class RecommendationResponse {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Recommendation, (r) => r.responses, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'recommendation_id',
    foreignKeyConstraintName: 'recommendation_response_recommendation_id_fkey',
  })
  recommendation: Relation<Recommendation>;

  @Column('uuid')
  recommendationId: string;

  @Column('text')
  documentNumber: string;

  @Column('date')
  date: string;

  @Column('text')
  summary: string;

  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'recorded_by_id',
    foreignKeyConstraintName: 'recommendation_response_recorded_by_id_fkey',
  })
  recordedBy: Relation<User | null>;

  @Column('uuid', { nullable: true })
  recordedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
