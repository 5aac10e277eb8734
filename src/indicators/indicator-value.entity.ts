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
import { PERIOD_PATTERN } from '../periods/report-period.entity.js';
import { ByUser } from '../users/by-user.js';
import { User } from '../users/user.entity.js';
import { Indicator } from './indicator.entity.js';

/** PostgreSQL `numeric` comes back as text; the figures stay well inside a double. */
export const numericColumn = {
  to: (v: number | null) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** An indicator's value for one period (`YYYY-MM`); editable until the period is locked. */
@Entity('indicator_value')
@Index('indicator_value_indicator_id_period_key', ['indicatorId', 'period'], { unique: true })
@Index('indicator_value_period_idx', ['period'])
@Check('indicator_value_period_format', `period ~ '${PERIOD_PATTERN}'`)
@Check('indicator_value_denominator_positive', `denominator IS NULL OR denominator > 0`)
export class IndicatorValue extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Indicator, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'indicator_id' })
  indicator: Relation<Indicator>;

  @Column('uuid')
  indicatorId: string;

  @Column('text')
  period: string;

  @Column('numeric', { transformer: numericColumn })
  value: number;

  /** A ratio's whole (475 of 460/475); null otherwise. */
  @Column('numeric', { nullable: true, transformer: numericColumn })
  denominator: number | null;

  /** What the figure counts or where it comes from, as the report words it. */
  @Column('text', { nullable: true })
  note: string | null;

  @ByUser()
  author: Relation<User | null>;

  @Column('uuid', { nullable: true })
  authorId: string | null;
}

/**
 * One version of a value, written in the transaction that writes it: a period's report reads
 * each value as of its cut-off from here (the last revision at or before it, by `id` within an
 * instant), as pilot reports are read from pilot_report_revision.
 */
@Entity('indicator_value_revision')
@Index('indicator_value_revision_value_id_at_idx', ['valueId', 'at'])
export class IndicatorValueRevision {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => IndicatorValue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'value_id' })
  indicatorValue: Relation<IndicatorValue>;

  @Column('uuid')
  valueId: string;

  @Column('numeric', { transformer: numericColumn })
  value: number;

  @Column('numeric', { nullable: true, transformer: numericColumn })
  denominator: number | null;

  @Column('timestamptz')
  at: Date;

  @ByUser()
  author: Relation<User | null>;

  @Column('uuid', { nullable: true })
  authorId: string | null;
}
