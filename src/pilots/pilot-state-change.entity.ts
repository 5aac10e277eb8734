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
import { User } from '../users/user.entity.js';
import { PILOT_STATES, type PilotState } from './domain/pilot-state.js';
import { Pilot } from './pilot.entity.js';
import { sqlIn } from '../common/domain/sql-in.js';
import { ByUser } from '../users/by-user.js';

/** One move of a pilot's lifecycle; `fromState` is null for the state it was loaded with. */
@Entity('pilot_state_change')
@Index('pilot_state_change_pilot_id_at_idx', ['pilotId', 'at'])
@Check(
  'pilot_state_change_from_valid',
  `from_state IS NULL OR ${sqlIn('from_state', PILOT_STATES)}`,
)
@Check('pilot_state_change_to_valid', sqlIn('to_state', PILOT_STATES))
export class PilotStateChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Pilot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pilot_id' })
  pilot: Relation<Pilot>;

  @Column('uuid')
  pilotId: string;

  @Column('text', { nullable: true })
  fromState: PilotState | null;

  @Column('text')
  toState: PilotState;

  @Column('text', { nullable: true })
  reason: string | null;

  @ByUser()
  actor: Relation<User | null>;

  @Column('uuid', { nullable: true })
  actorId: string | null;

  @Column('timestamptz')
  at: Date;
}
