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
import { Agency } from '../agencies/agency.entity.js';
import { Blocker } from '../blockers/blocker.entity.js';
import { VersionedEntity } from '../common/versioned.entity.js';
import { sqlIn } from '../common/domain/sql-in.js';
import { Recommendation } from '../recommendations/recommendation.entity.js';
import { ByUser } from '../users/by-user.js';
import type { User } from '../users/user.entity.js';
import {
  LETTER_REQUEST_STATES,
  type LetterRequestState,
} from './domain/letter-request-lifecycle.js';

/**
 * An officer's request that the secretariat send a letter for a CENTRAL blocker: what to ask
 * (`question`), of which agency (`agency`), why it blocks the pilot (`impact`). Turned into a
 * draft letter it keeps the link (`recommendation`); declined or withdrawn it keeps the reason.
 * At most one OPEN request per blocker and agency (a partial unique index, see the migration).
 */
@Entity('letter_request')
@Index('letter_request_open_key', { synchronize: false }) // unique (blocker_id, agency_id) WHERE state = 'OPEN'
@Index('letter_request_blocker_id_idx', ['blockerId'])
@Index('letter_request_state_idx', ['state'])
@Index('letter_request_recommendation_id_idx', ['recommendationId'])
@Check('letter_request_state_valid', sqlIn('state', LETTER_REQUEST_STATES))
@Check('letter_request_drafted_has_letter', `(state = 'DRAFTED') = (recommendation_id IS NOT NULL)`)
@Check('letter_request_declined_has_reason', `state <> 'DECLINED' OR closing_reason IS NOT NULL`)
export class LetterRequest extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Blocker, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'blocker_id' })
  blocker: Relation<Blocker>;

  @Column('uuid')
  blockerId: string;

  /** The agency the letter should ask. */
  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency: Relation<Agency>;

  @Column('uuid')
  agencyId: string;

  /** What to ask of the agency. */
  @Column('text')
  question: string;

  /** Why the blocker stops the pilot. */
  @Column('text')
  impact: string;

  @Column('text')
  state: LetterRequestState;

  /** The agency of the officer who asked; null when the secretariat asked. */
  @ManyToOne(() => Agency, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requesting_agency_id' })
  requestingAgency: Relation<Agency | null>;

  @Column('uuid', { nullable: true })
  requestingAgencyId: string | null;

  @ByUser()
  requestedBy: Relation<User | null>;

  @Column('uuid', { nullable: true })
  requestedById: string | null;

  /** The draft letter it became (DRAFTED). */
  @ManyToOne(() => Recommendation, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation: Relation<Recommendation | null>;

  @Column('uuid', { nullable: true })
  recommendationId: string | null;

  /** Why it was declined (required) or withdrawn (optional). */
  @Column('text', { nullable: true })
  closingReason: string | null;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  @ByUser()
  closedBy: Relation<User | null>;

  @Column('uuid', { nullable: true })
  closedById: string | null;
}
