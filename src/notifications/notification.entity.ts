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
import type { EscalationMailItem } from './escalation-item.js';

export const NOTIFICATION_KINDS = [
  'ESCALATION',
  'LEADERSHIP_DIGEST',
  'REPORT_REMINDER',
  'LETTER_REQUEST',
  'ANSWER_LINK',
  'ADDRESSEE_ANSWER',
  'MILESTONE_REMINDER',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_STATUSES = ['PENDING', 'SENDING', 'SENT', 'FAILED', 'CANCELLED'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * The outbox: one row per message and recipient. The idempotency key (for escalations:
 * recommendation, level, cycle, recipient) is unique, so a replayed job never mails twice.
 * A sender claims a row (SENDING) before mailing it; a claim older than the lease is taken
 * as a crashed sender and may be claimed again. A reminder whose letter no longer awaits an
 * answer when it is claimed is CANCELLED, never sent. ESCALATION rows with an `item` due for
 * one recipient at once are claimed together and go out as one mail (`batchId`).
 */
@Entity('notification')
@Index('notification_idempotency_key_key', ['idempotencyKey'], { unique: true })
@Index('notification_status_idx', ['status', 'createdAt'])
@Index('notification_batch_id_idx', ['batchId'])
// (lower(recipient_email)) WHERE status = 'PENDING' AND kind = 'ESCALATION' AND item IS NOT NULL
@Index('notification_reminders_due_idx', { synchronize: false })
@Check(
  'notification_kind_valid',
  `kind IN ('ESCALATION', 'LEADERSHIP_DIGEST', 'REPORT_REMINDER', 'LETTER_REQUEST', 'ANSWER_LINK', 'ADDRESSEE_ANSWER', 'MILESTONE_REMINDER')`,
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

  /**
   * An ESCALATION row's reminder, structured (null for other kinds and for rows written before
   * it existed): the sender renders one mail per recipient from the items of every row due
   * together. A row with an item stores its own subject (the item alone) but no bodies: they are
   * rendered from the item when the row is mailed alone (rows written before that keep theirs).
   */
  @Column('jsonb', { nullable: true })
  item: EscalationMailItem | null;

  /**
   * The rows mailed together in one combined mail, recorded before it goes out (the mail's
   * Message-ID derives from it): after a crash the same batch is sent again, as the same message.
   */
  @Column('uuid', { nullable: true })
  batchId: string | null;

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
