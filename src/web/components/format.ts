import { periodMonthYear } from '../../common/domain/periods.js';
import { vnDate, vnDateTime } from '../../common/domain/local-time.js';

/** A calendar day (`YYYY-MM-DD`) or an instant (ISO string, Date) as dd/mm/yyyy in Vietnam. */
export function day(value: string | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return vnDate(value);
  return vnDate(new Date(value));
}

/** An instant as dd/mm/yyyy HH:mm, Asia/Ho_Chi_Minh. */
export function moment(value: string | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = vnDateTime(new Date(value)); // "HH:MM DD/MM/YYYY"
  return `${text.slice(6)} ${text.slice(0, 5)}`;
}

/** `2023-12` as "12/2023". */
export function period(value: string | null | undefined): string {
  return value ? periodMonthYear(value) : '';
}

/** A long text cut at a word, for a table cell; the whole text is on the object's own page. */
export function shortened(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20)).trimEnd()}…`;
}
