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
import { ByUser } from '../users/by-user.js';
import { User } from '../users/user.entity.js';
import { PilotReport } from './pilot-report.entity.js';

/**
 * One version of a monthly report's text and figures, written in the transaction that files or
 * edits it. A period's report reads each pilot's text as of its cut-off from here: the last
 * revision at or before it (revisions at one instant are ordered by `id`).
 */
@Entity('pilot_report_revision')
@Index('pilot_report_revision_report_id_at_idx', ['reportId', 'at'])
@Check(
  'pilot_report_revision_metrics_object',
  `metrics IS NULL OR jsonb_typeof(metrics) = 'object'`,
)
export class PilotReportRevision {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => PilotReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report: Relation<PilotReport>;

  @Column('uuid')
  reportId: string;

  @Column('text')
  progress: string;

  @Column('jsonb', { nullable: true })
  metrics: Record<string, number> | null;

  @Column('timestamptz')
  at: Date;

  @ByUser()
  author: Relation<User | null>;

  @Column('uuid', { nullable: true })
  authorId: string | null;
}
