import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Agency } from '../agencies/agency.entity.js';
import { Recommendation } from './recommendation.entity.js';

/**
 * An agency on a letter's "Nơi nhận" (distribution), in the letter's order: it receives the
 * letter for information. Distinct from the addressees, the agencies asked to act: only those
 * are reminded. An agency may be on both lists (report 442 went to Bộ Công an and asks it to act).
 */
@Entity('recommendation_distribution')
@Index('recommendation_distribution_agency_id_idx', ['agencyId'])
export class RecommendationDistribution {
  @PrimaryColumn('uuid')
  recommendationId: string;

  @PrimaryColumn('uuid')
  agencyId: string;

  @Column('smallint')
  position: number;

  @ManyToOne(() => Recommendation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation: Relation<Recommendation>;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency: Relation<Agency>;
}
