import type { EntityManager } from 'typeorm';
import { vnDate } from '../common/domain/local-time.js';

/** Which reminder of a milestone: N working days ahead, or on its due day. */
export type MilestoneReminderKind = 'before' | 'due';

export interface MilestoneReminderKeyParts {
  milestoneId: string;
  /** `YYYY-MM-DD`: the due day the reminder was written for. */
  dueOn: string;
  kind: MilestoneReminderKind;
  email: string;
}

const KEY = /^milestone-reminder:([0-9a-f-]{36}):(\d{4}-\d{2}-\d{2}):(before|due):(.+)$/;

/**
 * A reminder's idempotency key: the milestone, the due day, which reminder and the recipient,
 * so each goes once, and a milestone moved to another due day is reminded again for it.
 */
export const milestoneReminderKey = (p: MilestoneReminderKeyParts): string =>
  `milestone-reminder:${p.milestoneId}:${p.dueOn}:${p.kind}:${p.email.toLowerCase()}`;

/** The parts of a key milestoneReminderKey wrote; null for anything else. */
export function parseMilestoneReminderKey(key: string): MilestoneReminderKeyParts | null {
  const m = KEY.exec(key);
  return m
    ? { milestoneId: m[1], dueOn: m[2], kind: m[3] as MilestoneReminderKind, email: m[4] }
    : null;
}

/**
 * Whether a queued reminder is still owed when a sender claims it (NotificationClaimChecks):
 * null when it is, else why not — the milestone done, dropped, deleted or moved to another due
 * day since the reminder was written. The milestone is read FOR SHARE, so a completion being
 * recorded (it holds the row FOR UPDATE) is waited for, then seen.
 */
export async function milestoneReminderRefusal(
  m: EntityManager,
  idempotencyKey: string,
): Promise<string | null> {
  const key = parseMilestoneReminderKey(idempotencyKey);
  if (!key) return null;
  const [row] = (await m.query(
    `SELECT state, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM milestone WHERE id = $1 FOR SHARE`,
    [key.milestoneId],
  )) as { state: string; due_on: string }[];
  if (!row) return 'Không gửi: mốc đã bị xóa trước khi thư đi.';
  if (row.state === 'DONE') return 'Không gửi: mốc đã được đánh dấu hoàn thành trước khi thư đi.';
  if (row.state === 'DROPPED') return 'Không gửi: mốc đã được bỏ trước khi thư đi.';
  if (row.due_on !== key.dueOn)
    return `Không gửi: hạn của mốc đã đổi (từ ${vnDate(key.dueOn)} sang ${vnDate(row.due_on)}) trước khi thư đi.`;
  return null;
}
