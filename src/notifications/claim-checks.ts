import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NotificationKind } from './notification.entity.js';

/**
 * Whether an outbox row is still owed as a sender claims it, inside the claim's transaction:
 * null to send it, else the reason it is CANCELLED instead (kept in last_error, shown to the
 * secretariat). A check reads what it depends on FOR SHARE, so a write that makes the mail moot
 * and is being recorded is waited for, then seen.
 */
export type ClaimCheck = (
  m: EntityManager,
  row: { id: string; idempotencyKey: string },
) => Promise<string | null>;

/**
 * The claim-time checks of the notification kinds that have one, registered by the feature that
 * writes those rows (the notifications know no feature above them). A letter's reminders are
 * checked by the sender itself (NotificationSender.noLongerOwed).
 */
@Injectable()
export class NotificationClaimChecks {
  private readonly checks = new Map<NotificationKind, ClaimCheck>();

  register(kind: NotificationKind, check: ClaimCheck): void {
    if (this.checks.has(kind)) throw new Error(`a claim check for ${kind} is already registered`);
    this.checks.set(kind, check);
  }

  get(kind: NotificationKind): ClaimCheck | undefined {
    return this.checks.get(kind);
  }
}
