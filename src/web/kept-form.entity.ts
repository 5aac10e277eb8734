import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { User } from '../users/user.entity.js';

/**
 * A form posted after its session had ended (idle or past its twelve hours), kept so that what
 * was typed is not lost: for the account whose session it was and no other, in the browser that
 * posted it (its cookie holds a random token; only its SHA-256 is stored), until `expiresAt`.
 * After that account signs in again in that browser, the form's page opens with the fields filled
 * in and a fresh CSRF token; the user checks them and saves. Nothing is ever done with it unseen.
 */
@Entity('kept_form')
@Index('kept_form_user_idx', ['userId'])
@Index('kept_form_expires_idx', ['expiresAt'])
export class KeptForm {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'kept_form_pkey' })
  id: string;

  @Index('kept_form_token_hash_key', { unique: true })
  @Column('bytea')
  tokenHash: Buffer;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: Relation<User>;

  @Column('uuid')
  userId: string;

  /** Where the form was posted (its `action`), a path of this site. */
  @Column('text')
  action: string;

  /** The page the form was on (the browser's Referer on this site), where the user goes back. */
  @Column('text')
  returnTo: string;

  /** The posted fields but the CSRF token and any password. */
  @Column('jsonb')
  fields: Record<string, string | string[]>;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  expiresAt: Date;
}
