import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { User } from '../users/user.entity.js';
import { ByUser } from '../users/by-user.js';

export const ADJUSTMENT_KINDS = ['DAY_OFF', 'WORKING_DAY'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

/**
 * An official change to the working calendar for one day: an extra day off (Tết, swaps,
 * days in lieu) or a make-up working Saturday, with the decision that announced it.
 */
@Entity('calendar_adjustment')
@Check('calendar_adjustment_kind_valid', `kind IN ('DAY_OFF', 'WORKING_DAY')`)
export class CalendarAdjustment {
  @PrimaryColumn('date')
  day: string;

  @Column('text')
  kind: AdjustmentKind;

  @Column('text')
  reason: string;

  @Column('text', { nullable: true })
  reference: string | null;

  @ByUser()
  createdBy: Relation<User | null>;

  @Column('uuid', { nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Checked by a correction or a deletion (the version the user saw). */
  @VersionColumn({ default: 1 })
  version: number;
}
