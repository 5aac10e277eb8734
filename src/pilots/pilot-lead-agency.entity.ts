import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Agency } from '../agencies/agency.entity.js';
import { Pilot } from './pilot.entity.js';

/** A pilot's lead agencies in order; position 0 is the primary one. */
@Entity('pilot_lead_agency')
@Index('pilot_lead_agency_position_key', ['pilotId', 'position'], { unique: true })
@Index('pilot_lead_agency_agency_id_idx', ['agencyId'])
@Check('pilot_lead_agency_position_valid', `position >= 0`)
export class PilotLeadAgency {
  @PrimaryColumn('uuid')
  pilotId: string;

  @PrimaryColumn('uuid')
  agencyId: string;

  @Column('smallint')
  position: number;

  @ManyToOne(() => Pilot, (p) => p.leadAgencies, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pilot_id' })
  pilot: Relation<Pilot>;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency: Relation<Agency>;
}
