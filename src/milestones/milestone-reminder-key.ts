import type { EntityManager } from 'typeorm';
import { holdersOn } from '../agencies/succession/succession-steps.js';
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
 * day since the reminder was written, or its recipient no longer one of the officers reminded of
 * it on `today` (the milestone given to another owner, the officer moved or disabled: the daily
 * run reminds the officers who now hold it, under keys of their own). The milestone is read FOR
 * SHARE, so a completion or a change of owner being recorded (it holds the row FOR UPDATE) is
 * waited for, then seen.
 */
export async function milestoneReminderRefusal(
  m: EntityManager,
  idempotencyKey: string,
  today: string,
  /** The SQL condition on app_user `u` of an account that is mailed (mailableUserSql). */
  mailableSql: string,
): Promise<string | null> {
  const key = parseMilestoneReminderKey(idempotencyKey);
  if (!key) return null;
  const [row] = (await m.query(
    `SELECT state, to_char(due_on, 'YYYY-MM-DD') AS due_on, owner_agency_id
       FROM milestone WHERE id = $1 FOR SHARE`,
    [key.milestoneId],
  )) as { state: string; due_on: string; owner_agency_id: string }[];
  if (!row) return 'Không gửi: mốc đã bị xóa trước khi thư đi.';
  if (row.state === 'DONE') return 'Không gửi: mốc đã được đánh dấu hoàn thành trước khi thư đi.';
  if (row.state === 'DROPPED') return 'Không gửi: mốc đã được bỏ trước khi thư đi.';
  if (row.due_on !== key.dueOn)
    return `Không gửi: hạn của mốc đã đổi (từ ${vnDate(key.dueOn)} sang ${vnDate(row.due_on)}) trước khi thư đi.`;
  return recipientRefusal(m, key.email, row.owner_agency_id, today, mailableSql);
}

/**
 * Why `email` is no longer reminded of a milestone of `ownerId` on `today`, as the daily run
 * picks its recipients (MilestoneRemindersService.remindedOn): an active officer of whoever holds
 * the owner's duties that day; null when it still is.
 */
async function recipientRefusal(
  m: EntityManager,
  email: string,
  ownerId: string,
  today: string,
  mailableSql: string,
): Promise<string | null> {
  const holder = (await holdersOn(m, [ownerId], today, 'MAIN')).get(ownerId);
  if (holder?.status !== 'HELD_BY')
    return 'Không gửi: nhiệm vụ của cơ quan phụ trách mốc đã được chia, không còn cơ quan nào được nhắc thay.';
  const [reminded] = (await m.query(
    `SELECT a.name AS holder, EXISTS (
              SELECT 1 FROM app_user u
               WHERE lower(u.email) = $2 AND u.agency_id = a.id AND u.role = 'AGENCY_OFFICER'
                 AND ${mailableSql}) AS still
       FROM agency a WHERE a.id = $1`,
    [holder.agency, email.toLowerCase()],
  )) as { holder: string; still: boolean }[];
  if (reminded?.still) return null;
  return `Không gửi: người nhận không còn phụ trách mốc (nay do ${reminded?.holder ?? 'cơ quan khác'} phụ trách) trước khi thư đi.`;
}
