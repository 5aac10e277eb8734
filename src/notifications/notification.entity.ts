import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { User } from '../users/user.entity.js';

export const NOTIFICATION_KINDS = [
  'ESCALATION',
  'LEADERSHIP_DIGEST',
  'REPORT_REMINDER',
  'LETTER_REQUEST',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_STATUSES = ['PENDING', 'SENDING', 'SENT', 'FAILED', 'CANCELLED'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * The outbox: one row per message and recipient. The idempotency key (for escalations:
 * recommendation, level, cycle, recipient) is unique, so a replayed job never mails twice.
 * A sender claims a row (SENDING) before mailing it; a claim older than the lease is taken
 * as a crashed sender and may be claimed again. A reminder whose letter no longer awaits an
 * answer when it is claimed is CANCELLED, never sent.
 */
@Entity('notification')
@Index('notification_idempotency_key_key', ['idempotencyKey'], { unique: true })
@Index('notification_status_idx', ['status', 'createdAt'])
@Check(
  'notification_kind_valid',
  `kind IN ('ESCALATION', 'LEADERSHIP_DIGEST', 'REPORT_REMINDER', 'LETTER_REQUEST')`,
)
@Check(
  'notification_status_valid',
  `status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'CANCELLED')`,
)
@Check('notification_attempts_valid', `attempts >= 0`)
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  idempotencyKey: string;

  @Column('text')
  kind: NotificationKind;

  /**
   * The escalation step an ESCALATION mail reports. The key names the table, not the entity:
   * the outbox sits below escalation and never imports it.
   */
  @Column('uuid', { nullable: true })
  @ForeignKey('escalation_event', {
    name: 'notification_escalation_event_id_fkey',
    onDelete: 'RESTRICT',
  })
  escalationEventId: string | null;

  @Column('text')
  recipientEmail: string;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recipient_user_id' })
  recipientUser: Relation<User | null>;

  @Column('uuid', { nullable: true })
  recipientUserId: string | null;

  @Column('text')
  subject: string;

  @Column('text')
  bodyText: string;

  @Column('text')
  bodyHtml: string;

  @Column('text', { default: 'PENDING' })
  status: NotificationStatus;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('text', { nullable: true })
  lastError: string | null;

  /** After a transient failure: not to be tried again before this instant. */
  @Column('timestamptz', { nullable: true })
  nextAttemptAt: Date | null;

  /** Set by the first transient failure: past it, the row is FAILED instead of retried. */
  @Column('timestamptz', { nullable: true })
  retryUntil: Date | null;

  /** Deterministic Message-ID, derived from the idempotency key. */
  @Column('text')
  messageId: string;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
