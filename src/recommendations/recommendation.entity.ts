import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { VersionedEntity } from '../common/versioned.entity.js';
import { Agency } from '../agencies/agency.entity.js';
import { User } from '../users/user.entity.js';
import { RECOMMENDATION_STATES, type RecommendationState } from './domain/recommendation-state.js';
import { RecommendationAddressee } from './recommendation-addressee.entity.js';
import { RecommendationBlocker } from './recommendation-blocker.entity.js';
import { RecommendationResponse } from './recommendation-response.entity.js';
import { sqlIn } from '../common/domain/sql-in.js';
import { ByUser } from '../users/by-user.js';

/**
 * A request to central agencies carried by an official letter. Several recommendations may
 * share one letter (documentNumber); `cycle` counts how often the response clock restarted.
 */
@Entity('recommendation')
@Index('recommendation_search_idx', { synchronize: false }) // trigram index on f_unaccent(…), see migrations
@Index('recommendation_state_due_idx', ['state', 'responseDueAt'])
@Index('recommendation_document_number_idx', ['documentNumber'])
@Index('recommendation_seed_key_key', ['seedKey'], { unique: true })
@Check('recommendation_state_valid', sqlIn('state', RECOMMENDATION_STATES))
@Check(
  'recommendation_sent_has_letter',
  `state IN ('DRAFT', 'WITHDRAWN') OR (document_number IS NOT NULL AND letter_date IS NOT NULL AND sent_at IS NOT NULL AND response_due_at IS NOT NULL)`,
)
@Check('recommendation_cycle_positive', `cycle >= 1`)
export class Recommendation extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  state: RecommendationState;

  @Column('text')
  summary: string;

  @Column('text', { nullable: true })
  documentNumber: string | null;

  @Column('date', { nullable: true })
  letterDate: string | null;

  @ManyToOne(() => Agency, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sender_agency_id' })
  senderAgency: Relation<Agency | null>;

  @Column('uuid', { nullable: true })
  senderAgencyId: string | null;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;

  @Column('timestamptz', { nullable: true })
  responseDueAt: Date | null;

  @Column('integer', { default: 1 })
  cycle: number;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  @OneToMany(() => RecommendationAddressee, (a) => a.recommendation)
  addressees: RecommendationAddressee[];

  @OneToMany(() => RecommendationBlocker, (b) => b.recommendation)
  blockerLinks: RecommendationBlocker[];

  @OneToMany(() => RecommendationResponse, (r) => r.recommendation)
  responses: RecommendationResponse[];

  @ByUser()
  createdBy: Relation<User | null>;

  @Column('uuid', { nullable: true })
  createdById: string | null;

  @Column('text', { nullable: true })
  seedKey: string | null;
}
