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
import { Recommendation } from '../recommendations/recommendation.entity.js';
import { Agency } from '../agencies/agency.entity.js';
import type { EscalationOutcome } from '../recommendations/domain/escalation-level.js';

/**
 * A level of an addressee's escalation ladder reached by a recommendation in one response cycle.
 * `repeat` counts the repetitions of the last level. SKIPPED levels were passed over by a
 * catch-up (a letter entered already overdue) and were never mailed.
 */
@Entity('escalation_event')
@Index('escalation_event_step_key', ['recommendationId', 'agencyId', 'cycle', 'level', 'repeat'], {
  unique: true,
})
@Check('escalation_event_outcome_valid', `outcome IN ('FIRED', 'SKIPPED')`)
@Check('escalation_event_level_positive', `level >= 1 AND cycle >= 1 AND repeat >= 0`)
export class EscalationEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Recommendation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation: Relation<Recommendation>;

  @Column('uuid')
  recommendationId: string;

  /** The addressee whose ladder this step is on. */
  @Column('uuid')
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency: Relation<Agency>;

  @Column('integer')
  cycle: number;

  @Column('integer')
  level: number;

  @Column('integer', { default: 0 })
  repeat: number;

  @Column('text')
  levelName: string;

  @Column('text')
  outcome: EscalationOutcome;

  /** When the level was due to fire by the policy and calendar. */
  @Column('timestamptz')
  dueAt: Date;

  @Column('timestamptz')
  occurredAt: Date;

  @Column('integer')
  workingDaysOverdue: number;
}
