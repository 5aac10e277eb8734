import { CronExpressionParser } from 'cron-parser';
import { atLocalTime, DAY_MS, TIME_ZONE } from '../../common/domain/local-time.js';

/** Who a level mails: the addressees' focal points, the secretariat, the Government working group, leadership. */
export const NOTIFY_TARGETS = ['ADDRESSEE', 'SECRETARIAT', 'WORKING_GROUP', 'LEADERSHIP'] as const;
export type NotifyTarget = (typeof NOTIFY_TARGETS)[number];

export interface EscalationLevel {
  level: number;
  name: string;
  /** Working days after the response due time; 0 fires at the due time itself. */
  afterWorkingDays: number;
  notify: NotifyTarget[];
}

export interface EscalationPolicy {
  /** Default response time of a letter sent without an explicit due time. */
  responseWorkingDays: number;
  levels: EscalationLevel[];
  /** The last level repeats this often until the letter is answered. */
  repeatEveryWorkingDays: number;
  /** Leadership digest schedule: cron in Asia/Ho_Chi_Minh. */
  digestCron: string;
  /** Day of the month by which a period's reports are due; officers are reminded on it. */
  reportCutoffDay: number;
}

/** product.md §4. */
export const DEFAULT_POLICY: EscalationPolicy = {
  responseWorkingDays: 15,
  levels: [
    { level: 1, name: 'Nhắc hạn', afterWorkingDays: 0, notify: ['ADDRESSEE', 'SECRETARIAT'] },
    {
      level: 2,
      name: 'Đôn đốc',
      afterWorkingDays: 10,
      notify: ['ADDRESSEE', 'WORKING_GROUP', 'SECRETARIAT'],
    },
    {
      level: 3,
      name: 'Báo cáo lãnh đạo',
      afterWorkingDays: 20,
      notify: ['LEADERSHIP', 'SECRETARIAT'],
    },
  ],
  repeatEveryWorkingDays: 10,
  digestCron: '30 7 * * 1',
  reportCutoffDay: 15,
};

/** Rules a policy must keep; returns the problems in Vietnamese (empty when valid). */
export function policyProblems(policy: EscalationPolicy): string[] {
  const problems: string[] = [];
  const { levels } = policy;
  if (levels.length < 1 || levels.length > 10) problems.push('Chính sách cần từ 1 đến 10 mức.');
  levels.forEach((l, i) => {
    if (l.level !== i + 1)
      problems.push(`Các mức phải đánh số liên tục từ 1 (mức thứ ${i + 1} đang là ${l.level}).`);
    if (i > 0 && l.afterWorkingDays <= levels[i - 1].afterWorkingDays) {
      problems.push(
        `Mức ${l.level} phải đến sau mức ${levels[i - 1].level} (afterWorkingDays tăng dần).`,
      );
    }
    if (new Set(l.notify).size !== l.notify.length) problems.push(`Mức ${l.level} lặp người nhận.`);
  });
  const cron = cronProblem(policy.digestCron);
  if (cron) problems.push(cron);
  return problems;
}

/**
 * Why a digest cron cannot be used, or null: it must have 5 fields, each in range, and fire
 * at all ("0 0 31 2 *" never does; "0 0 29 2 *" does, in leap years): it is looked for in the
 * four years after a fixed day, so the rule does not depend on today.
 */
export function cronProblem(cron: string): string | null {
  const example = 'ví dụ "30 7 * * 1" (7 giờ 30 sáng thứ Hai)';
  if (!/^(\S+\s+){4}\S+$/.test(cron.trim()))
    return `digestCron phải là biểu thức cron 5 trường, ${example}.`;
  try {
    const from = atLocalTime('2024-01-01');
    const next = CronExpressionParser.parse(cron, { tz: TIME_ZONE, currentDate: from })
      .next()
      .toDate();
    if (next.getTime() - from.getTime() > 4 * 366 * DAY_MS) throw new Error('never fires');
    return null;
  } catch {
    return `digestCron "${cron}" không hợp lệ hoặc không bao giờ đến lượt gửi; ${example}.`;
  }
}
