/**
 * Local time of the province: Asia/Ho_Chi_Minh, UTC+07:00 all year (no daylight saving), so a
 * day is a fixed 24-hour step and the wall clock is the instant shifted by a constant. Every
 * "which day is it", "midnight of" and "at 08:00 on" goes through here, whatever TZ the
 * process runs in.
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** The zone's offset as ISO 8601 writes it. */
export const UTC_OFFSET = '+07:00';
export const UTC_OFFSET_MS = 7 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar day in Asia/Ho_Chi_Minh, `YYYY-MM-DD`. */
export type LocalDay = string;

/**
 * The instant moved by the offset, so that its UTC fields (getUTCHours, toISOString…) read the
 * wall clock in Asia/Ho_Chi_Minh. For formatting only: it is not the same instant.
 */
export function wallClock(at: Date): Date {
  return new Date(at.getTime() + UTC_OFFSET_MS);
}

/** The calendar day of an instant in Asia/Ho_Chi_Minh. */
export function localDay(at: Date): LocalDay {
  return wallClock(at).toISOString().slice(0, 10);
}

/** The instant of `time` (HH:MM) on `day` in Asia/Ho_Chi_Minh. */
export function atLocalTime(day: LocalDay, time = '00:00'): Date {
  return new Date(`${day}T${time}:00${UTC_OFFSET}`);
}

/** A day (or the local day of an instant) as Vietnamese documents write it: DD/MM/YYYY. */
export function vnDate(day: string | Date): string {
  const iso = typeof day === 'string' ? day : localDay(day);
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** HH:MM DD/MM/YYYY in Asia/Ho_Chi_Minh. */
export function vnDateTime(at: Date): string {
  const local = wallClock(at).toISOString();
  return `${local.slice(11, 16)} ${vnDate(at)}`;
}
