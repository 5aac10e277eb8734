import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { sqlIn } from '../../common/domain/sql-in.js';
import { Agency } from '../agency.entity.js';
import { AGENCY_ROLES, type AgencyRole as Role } from '../domain/succession.js';

/**
 * A duty held by an agency rather than a fixed code: "the Government working group" names the
 * agency that held it when it was set; today's holder follows succession from there.
 */
@Entity('agency_role')
@Check('agency_role_valid', sqlIn('role', AGENCY_ROLES))
export class AgencyRoleHolder {
  @PrimaryColumn('text')
  role: Role;

  @Column('uuid')
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency: Relation<Agency>;
}
