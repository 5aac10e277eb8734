import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { User } from '../users/user.entity.js';

export const PERIOD_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])$';

/** A monthly reporting period (`YYYY-MM`); once locked its reports are frozen. */
@Entity('report_period')
@Check('report_period_format', `period ~ '${PERIOD_PATTERN}'`)
export class ReportPeriod {
  @PrimaryColumn('text')
  period: string;

  @Column('timestamptz', { nullable: true })
  lockedAt: Date | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'locked_by_id', foreignKeyConstraintName: 'report_period_locked_by_id_fkey' })
  lockedBy: Relation<User | null>;

  @Column('uuid', { nullable: true })
  lockedById: string | null;
}
