import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { User } from '../users/user.entity.js';

/**
 * A browser's sign-in. The cookie holds a random token; only its SHA-256 is stored, so a read of
 * this table signs no one in. Each session has its own CSRF token, put into every form. A session
 * ends on sign-out (the row is deleted), after `idle` without a request, or at `expiresAt`.
 */
@Entity('web_session')
@Index('web_session_user_idx', ['userId'])
@Index('web_session_expires_idx', ['expiresAt'])
export class WebSession {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'web_session_pkey' })
  id: string;

  @Index('web_session_token_hash_key', { unique: true })
  @Column('bytea')
  tokenHash: Buffer;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: Relation<User>;

  @Column('uuid')
  userId: string;

  @Column('text')
  csrfToken: string;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  lastSeenAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  /**
   * A one-time message shown on the next page (after a form's redirect); after a sign-in that
   * claimed a kept form (src/web/kept-forms.ts), that form's action and fields, for the page's
   * script to fill the form in again.
   */
  @Column('jsonb', { nullable: true })
  flash: {
    kind: 'ok' | 'error';
    text: string;
    refill?: { action: string; fields: Record<string, string | string[]> };
  } | null;
}
