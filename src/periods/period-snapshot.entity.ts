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
import { User } from '../users/user.entity.js';
import type { MonthlySource } from './monthly-source.js';
import { ReportPeriod } from './report-period.entity.js';
import { ByUser } from '../users/by-user.js';

/**
 * The data of a period frozen when the secretariat locked it: every pilot and every open
 * recommendation as they stood, and what changed within the period. A locked period's monthly
 * report is always built from its current snapshot, so it never changes afterwards. Unlocking
 * keeps the row and marks it superseded; the next lock takes a fresh one. At most one snapshot
 * of a period is current.
 */
@Entity('period_snapshot')
@Index('period_snapshot_current_key', ['period'], {
  unique: true,
  where: 'superseded_at IS NULL',
})
@Index('period_snapshot_period_idx', ['period', 'takenAt'])
@Check('period_snapshot_data_object', `jsonb_typeof(data) = 'object'`)
export class PeriodSnapshot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => ReportPeriod, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'period' })
  reportPeriod: Relation<ReportPeriod>;

  @Column('text')
  period: string;

  @Column('timestamptz')
  takenAt: Date;

  /** Who locked the period; null for a snapshot the system took itself. */
  @ByUser()
  takenBy: Relation<User | null>;

  @Column('uuid', { nullable: true })
  takenById: string | null;

  /** Set when the period was unlocked: the snapshot is kept, but no longer the period's. */
  @Column('timestamptz', { nullable: true })
  supersededAt: Date | null;

  @ByUser()
  supersededBy: Relation<User | null>;

  @Column('uuid', { nullable: true })
  supersededById: string | null;

  @Column('jsonb')
  data: MonthlySource;
}
