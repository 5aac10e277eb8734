import { Check, Column, Entity, Index, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { VersionedEntity } from '../common/versioned.entity.js';
import { PILOT_STATES, type PilotState } from './domain/pilot-state.js';
import { PilotLeadAgency } from './pilot-lead-agency.entity.js';
import { sqlIn } from '../common/domain/sql-in.js';

@Entity('pilot')
@Index('pilot_search_idx', { synchronize: false }) // trigram index on f_unaccent(…), see migrations
@Check('pilot_number_positive', `number >= 1`)
@Check('pilot_state_valid', sqlIn('state', PILOT_STATES))
export class Pilot extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('pilot_number_key', { unique: true })
  @Column('integer')
  number: number;

  @Column('text')
  name: string;

  @Column('text')
  state: PilotState;

  @Column('timestamptz')
  stateChangedAt: Date;

  /** The latest progress text: that of the newest monthly report, or as loaded. */
  @Column('text', { nullable: true })
  progress: string | null;

  /** The lead agencies as the official appendix words them, when it differs from their names. */
  @Column('text', { nullable: true })
  leadAgenciesLabel: string | null;

  @OneToMany(() => PilotLeadAgency, (l) => l.pilot)
  leadAgencies: PilotLeadAgency[];
}
