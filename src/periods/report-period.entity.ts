import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { User } from '../users/user.entity.js';
import { ByUser } from '../users/by-user.js';

export const PERIOD_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])$';

/** A monthly reporting period (`YYYY-MM`); once locked its reports are frozen. */
@Entity('report_period')
@Check('report_period_format', `period ~ '${PERIOD_PATTERN}'`)
export class ReportPeriod {
  @PrimaryColumn('text')
  period: string;

  @Column('timestamptz', { nullable: true })
  lockedAt: Date | null;

  @ByUser()
  lockedBy: Relation<User | null>;

  @Column('uuid', { nullable: true })
  lockedById: string | null;
}
