import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Blocker } from '../blockers/blocker.entity.js';
import { Recommendation } from './recommendation.entity.js';

/** A blocker covered by a recommendation's letter (a blocker may be raised in several). */
@Entity('recommendation_blocker')
@Index('recommendation_blocker_blocker_id_idx', ['blockerId'])
export class RecommendationBlocker {
  @PrimaryColumn('uuid')
  recommendationId: string;

  @PrimaryColumn('uuid')
  blockerId: string;

  @ManyToOne(() => Recommendation, (r) => r.blockerLinks, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation: Relation<Recommendation>;

  @ManyToOne(() => Blocker, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'blocker_id' })
  blocker: Relation<Blocker>;
}
