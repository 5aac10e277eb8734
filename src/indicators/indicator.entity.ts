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
import { sqlIn } from '../common/domain/sql-in.js';
import { VersionedEntity } from '../common/versioned.entity.js';
import { Pilot } from '../pilots/pilot.entity.js';
import {
  INDICATOR_CODE_PATTERN,
  INDICATOR_KINDS,
  REPORT_SECTION_PATTERN,
  type IndicatorKind,
} from './domain/indicator-kind.js';

/**
 * A named figure of the catalogue (product.md §3): the province's (no pilot) or one pilot's,
 * owned by the agency whose officers enter its value each period. A pilot's indicator is also
 * the name of one key of its reports' `metrics` (its code), and of the key that holds the
 * whole of a ratio (`denominatorMetric`).
 */
@Entity('indicator')
@Check('indicator_code_format', `code ~ '${INDICATOR_CODE_PATTERN}'`)
@Check('indicator_kind_valid', sqlIn('kind', INDICATOR_KINDS))
@Check('indicator_section_format', `section ~ '${REPORT_SECTION_PATTERN}'`)
@Index('indicator_order_idx', ['displayOrder'])
export class Indicator extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('indicator_code_key', { unique: true })
  @Column('text')
  code: string;

  @Column('text')
  name: string;

  /** "dịch vụ", "hồ sơ", "tài khoản"; empty for a percentage. */
  @Column('text')
  unit: string;

  @Column('text')
  kind: IndicatorKind;

  /** Null: a province-wide indicator. */
  @ManyToOne(() => Pilot, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pilot_id' })
  pilot: Relation<Pilot | null>;

  @Column('uuid', { nullable: true })
  pilotId: string | null;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency: Relation<Agency>;

  @Column('uuid')
  agencyId: string;

  /** The report's section it belongs to, as 442 numbers them: "I.4.2". */
  @Column('text')
  section: string;

  @Column('integer')
  displayOrder: number;

  @Column('boolean', { default: true })
  active: boolean;

  /** A pilot's ratio: the metrics key that carries its whole (e.g. `tongSoCoSoKcbBhyt`). */
  @Column('text', { nullable: true })
  denominatorMetric: string | null;
}
