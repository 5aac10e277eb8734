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
import { ByUser } from '../users/by-user.js';
import { User } from '../users/user.entity.js';
import {
  DUE_PRECISIONS,
  MILESTONE_STATES,
  type DuePrecision,
  type MilestoneState,
} from './domain/milestone.js';

/**
 * A named deadline a pilot committed to (product.md §3): due on a day, in a month or in a year
 * (`dueText` as given, `dueOn` the day it falls due: the last day of the month or year), owned
 * by an agency (the pilot's lead agency unless said otherwise). PLANNED → DONE (on `doneOn`) or
 * DROPPED (with `dropReason`); a PLANNED one past its due day reads MISSED (domain/milestone.ts).
 * Every write adds a row to milestone_revision, from which a period reads it as of its cut-off.
 */
@Entity('milestone')
@Index('milestone_pilot_id_idx', ['pilotId'])
@Index('milestone_due_on_idx', ['dueOn'])
@Index('milestone_seed_key_key', ['seedKey'], { unique: true })
@Check('milestone_state_valid', sqlIn('state', MILESTONE_STATES))
@Check('milestone_due_precision_valid', sqlIn('due_precision', DUE_PRECISIONS))
@Check('milestone_done_on_when_done', `(state = 'DONE') = (done_on IS NOT NULL)`)
export class Milestone extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Pilot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pilot_id' })
  pilot: Relation<Pilot>;

  @Column('uuid')
  pilotId: string;

  @Column('text')
  name: string;

  /** Where the deadline comes from or what it covers ("Theo lịch thi thực tế của sinh viên"). */
  @Column('text', { nullable: true })
  note: string | null;

  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as given. */
  @Column('text')
  dueText: string;

  @Column('text')
  duePrecision: DuePrecision;

  /** `YYYY-MM-DD`: the day it falls due (the last day of its month or year). */
  @Column('date')
  dueOn: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_agency_id' })
  ownerAgency: Relation<Agency>;

  @Column('uuid')
  ownerAgencyId: string;

  @Column('text')
  state: MilestoneState;

  @Column('date', { nullable: true })
  doneOn: string | null;

  @Column('text', { nullable: true })
  dropReason: string | null;

  @ByUser()
  createdBy: Relation<User | null>;

  @Column('uuid', { nullable: true })
  createdById: string | null;

  /** Key of the reference-data row this was loaded from; keeps loading idempotent. */
  @Column('text', { nullable: true })
  seedKey: string | null;
}
