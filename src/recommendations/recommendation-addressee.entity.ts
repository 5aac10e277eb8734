import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Agency } from '../agencies/agency.entity.js';
import { Recommendation } from './recommendation.entity.js';
import { ADDRESSEE_STATUSES, type AddresseeStatus } from './domain/addressee-status.js';
import { sqlIn } from '../common/domain/sql-in.js';

@Entity('recommendation_addressee')
@Index('recommendation_addressee_agency_id_idx', ['agencyId'])
@Check('recommendation_addressee_status_valid', sqlIn('status', ADDRESSEE_STATUSES))
@Check(
  'recommendation_addressee_released_has_reason',
  `status <> 'RELEASED' OR release_reason IS NOT NULL`,
)
export class RecommendationAddressee {
  @PrimaryColumn('uuid')
  recommendationId: string;

  @PrimaryColumn('uuid')
  agencyId: string;

  @Column('smallint')
  position: number;

  @ManyToOne(() => Recommendation, (r) => r.addressees, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation: Relation<Recommendation>;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency: Relation<Agency>;

  /**
   * The secretariat's choice of who holds this addressee's duty now, where a split left it
   * ambiguous (product.md §3); succession is followed on from it. Null: follow the addressee.
   */
  @Column('uuid', { nullable: true })
  holderAgencyId: string | null;

  @ManyToOne(() => Agency, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holder_agency_id' })
  holderAgency: Relation<Agency | null>;

  @Column('timestamptz', { nullable: true })
  holderChosenAt: Date | null;

  /** No foreign key, as in the audit trail. */
  @Column('uuid', { nullable: true })
  holderChosenById: string | null;

  /** Its own answer status (domain/addressee-status.ts). */
  @Column('text', { default: 'AWAITING' })
  status: AddresseeStatus;

  /** Its own due time; null: the letter's. */
  @Column('timestamptz', { nullable: true })
  dueAt: Date | null;

  @Column('timestamptz', { nullable: true })
  statusChangedAt: Date | null;

  /** Who handles the letter at the addressee, as it said when acknowledging receipt. */
  @Column('text', { nullable: true })
  handledBy: string | null;

  /** Why the secretariat no longer requires its answer. */
  @Column('text', { nullable: true })
  releaseReason: string | null;
}
