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
import { VersionedEntity } from '../common/versioned.entity.js';
import { Pilot } from '../pilots/pilot.entity.js';
import { User } from '../users/user.entity.js';
import { PERIOD_PATTERN } from '../periods/report-period.entity.js';
import { ByUser } from '../users/by-user.js';

/** The monthly progress entry of one pilot; one per pilot and period. */
@Entity('pilot_report')
@Index('pilot_report_pilot_id_period_key', ['pilotId', 'period'], { unique: true })
@Index('pilot_report_period_idx', ['period'])
@Check('pilot_report_period_format', `period ~ '${PERIOD_PATTERN}'`)
@Check('pilot_report_metrics_object', `metrics IS NULL OR jsonb_typeof(metrics) = 'object'`)
export class PilotReport extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Pilot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pilot_id' })
  pilot: Relation<Pilot>;

  @Column('uuid')
  pilotId: string;

  @Column('text')
  period: string;

  @Column('text')
  progress: string;

  @Column('jsonb', { nullable: true })
  metrics: Record<string, number> | null;

  @ByUser()
  author: Relation<User | null>;

  @Column('uuid', { nullable: true })
  authorId: string | null;
}
