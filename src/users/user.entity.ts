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
import { Agency } from '../agencies/agency.entity.js';
import { ROLES, type Role } from '../access/domain/role.js';
import { sqlIn } from '../common/domain/sql-in.js';

@Entity('app_user')
@Index('app_user_email_key', { synchronize: false }) // unique; stored as normalizeEmail makes it
@Check('app_user_role_valid', sqlIn('role', ROLES))
@Check('app_user_officer_has_agency', `(role = 'AGENCY_OFFICER') = (agency_id IS NOT NULL)`)
export class User extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  email: string;

  @Column('text')
  name: string;

  @Column('text')
  role: Role;

  @ManyToOne(() => Agency, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency: Relation<Agency | null>;

  @Column('uuid', { nullable: true })
  agencyId: string | null;

  @Column('text', { select: false })
  passwordHash: string;

  /** Demo accounts never log in when NODE_ENV=production. */
  @Column('boolean', { default: false })
  isDemo: boolean;

  @Column('timestamptz', { nullable: true })
  disabledAt: Date | null;

  @Column('timestamptz', { nullable: true })
  lastLoginAt: Date | null;

  /** When the password was last set: access tokens issued before it no longer work. */
  @Column('timestamptz', { nullable: true })
  passwordChangedAt: Date | null;
}
