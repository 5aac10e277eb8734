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
import { Pilot } from './pilot.entity.js';

/**
 * A pilot's lead agency in its position (0 is the primary one), over the days it led the pilot:
 * from `validFrom` (null: since the pilot was tracked) until `validUntil` (exclusive; null: it
 * still does). Rows with no `validUntil` are the current ones, unique per pilot by position and by
 * agency; see domain/lead-agency-validity.ts for the SQL every reader uses.
 */
@Entity('pilot_lead_agency')
@Index('pilot_lead_agency_position_key', ['pilotId', 'position'], {
  unique: true,
  where: 'valid_until IS NULL',
})
@Index('pilot_lead_agency_current_key', ['pilotId', 'agencyId'], {
  unique: true,
  where: 'valid_until IS NULL',
})
@Index('pilot_lead_agency_agency_id_idx', ['agencyId'])
@Check('pilot_lead_agency_position_valid', `position >= 0`)
@Check(
  'pilot_lead_agency_validity',
  `valid_from IS NULL OR valid_until IS NULL OR valid_from < valid_until`,
)
export class PilotLeadAgency {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  pilotId: string;

  @Column('uuid')
  agencyId: string;

  @Column('smallint')
  position: number;

  /** The first day it led the pilot; null: since the pilot was tracked. */
  @Column('date', { nullable: true })
  validFrom: string | null;

  /** The first day it no longer did (the succession event's effective day); null: current. */
  @Column('date', { nullable: true })
  validUntil: string | null;

  @ManyToOne(() => Pilot, (p) => p.leadAgencies, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pilot_id' })
  pilot: Relation<Pilot>;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency: Relation<Agency>;
}
