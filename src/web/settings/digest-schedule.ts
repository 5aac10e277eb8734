import { WEEKDAYS } from '../labels.js';

/**
 * The leadership digest's schedule as the settings form asks for it — which days and at what
 * time — and the cron expression the policy stores. Only what the form offers is read back
 * into it; any other expression (set through the API) is kept as it is.
 */
export const DIGEST_DAY_OPTIONS: [value: string, label: string][] = [
  ['*', 'Hằng ngày'],
  ['1-5', 'Các ngày từ thứ Hai đến thứ Sáu'],
  ...[1, 2, 3, 4, 5, 6, 0].map((d): [string, string] => [String(d), `${WEEKDAYS[d]} hằng tuần`]),
];

/** The form's value for a schedule the form cannot show. */
export const CUSTOM_DIGEST_DAYS = 'custom';

export interface DigestSchedule {
  /** A value of DIGEST_DAY_OPTIONS. */
  days: string;
  /** hh:mm, Vietnam time. */
  time: string;
}

/** "30 7 * * 1" → thứ Hai at 07:30; null for what the form does not offer. */
export function scheduleOf(cron: string): DigestSchedule | null {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* (\*|1-5|[0-7])$/.exec(cron.trim().replace(/\s+/g, ' '));
  if (!m || Number(m[1]) > 59 || Number(m[2]) > 23) return null;
  return {
    days: m[3] === '7' ? '0' : m[3],
    time: `${m[2].padStart(2, '0')}:${m[1].padStart(2, '0')}`,
  };
}

/** The cron expression of a schedule; null when the time is not hh:mm or the days unknown. */
export function cronOf(days: string, time: string): string | null {
  const t = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
  if (!t || !DIGEST_DAY_OPTIONS.some(([value]) => value === days)) return null;
  return `${Number(t[2])} ${Number(t[1])} * * ${days}`;
}
