import escapeHtml from 'escape-html';
import { localDay, wallClock } from './domain/local-time.js';

/** A tagged template that escapes every interpolated value, unless it is already Html. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return new Html(
    strings.reduce((out, s, i) => {
      if (i === 0) return s;
      const v = values[i - 1];
      const text = Array.isArray(v) ? v.map(render).join('') : render(v);
      return out + text + s;
    }, ''),
  );
}

function render(v: unknown): string {
  if (v instanceof Html) return v.value;
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

/** DD/MM/YYYY as Vietnamese documents write dates. */
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
