import { UTC_OFFSET } from '../../common/domain/local-time.js';
import type { Html } from '../../common/html.js';
import { YEAR_RANGE } from '../../common/validators.js';
import { input, type FieldOptions } from './fields.js';
import type { FormState } from './forms.js';

/*
 * Dates are typed as Vietnamese write them. The browser's own date pickers show the format of the
 * computer's locale (mm/dd/yyyy on an English Windows), so date fields are text fields.
 */
export const DAY_HINT = 'Dạng dd/mm/yyyy, ví dụ 02/09/2026.';
export const MOMENT_HINT = 'Dạng dd/mm/yyyy hh:mm (giờ Việt Nam), ví dụ 02/09/2026 08:00.';
export const DAY_PROBLEM = 'Nhập một ngày có thật theo dạng dd/mm/yyyy, ví dụ 02/09/2026.';
export const MOMENT_PROBLEM =
  'Nhập ngày giờ theo dạng dd/mm/yyyy hh:mm (giờ Việt Nam), ví dụ 02/09/2026 08:00.';

/** For a day or moment that exists but outside the years the API takes. */
export const DAY_RANGE_PROBLEM = `Nhập một ngày ${YEAR_RANGE} theo dạng dd/mm/yyyy, ví dụ 02/09/2026.`;
export const MOMENT_RANGE_PROBLEM = `Nhập ngày giờ ${YEAR_RANGE} theo dạng dd/mm/yyyy hh:mm (giờ Việt Nam), ví dụ 02/09/2026 08:00.`;

const DAY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const MOMENT = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+(\d{1,2})[:h](\d{2}))?$/;

/** dd/mm/yyyy (or the API's own YYYY-MM-DD) as YYYY-MM-DD; anything else as typed, for the API to refuse. */
export function isoDay(text: string): string {
  const t = text.trim();
  const m = DAY.exec(t);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : t;
}

/** "dd/mm/yyyy hh:mm" in Vietnam as an instant with its offset; a bare day is 08:00. Blank: undefined. */
export function isoInstant(text: string): string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const m = MOMENT.exec(t);
  if (!m) return t;
  const time = `${(m[4] ?? '08').padStart(2, '0')}:${m[5] ?? '00'}`;
  return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}T${time}:00${UTC_OFFSET}`;
}

/** YYYY-MM-DD as dd/mm/yyyy, to prefill a day field. */
export function typedDay(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** The API's problems with a date field (it speaks of YYYY-MM-DD) said in the form's terms. */
export function datesInTheirFormat(
  form: FormState,
  days: string[],
  moments: string[] = [],
): FormState {
  const outOfRange = (name: string) =>
    form.errors[name].some((p) => p.endsWith(`phải ${YEAR_RANGE}`));
  for (const name of days)
    if (form.errors[name]) form.errors[name] = [outOfRange(name) ? DAY_RANGE_PROBLEM : DAY_PROBLEM];
  for (const name of moments)
    if (form.errors[name])
      form.errors[name] = [outOfRange(name) ? MOMENT_RANGE_PROBLEM : MOMENT_PROBLEM];
  return form;
}

export function dayInput(form: FormState | undefined, o: FieldOptions & { hint?: string }): Html {
  return input(form, {
    ...o,
    hint: o.hint ? `${o.hint} ${DAY_HINT}` : DAY_HINT,
    attrs: {
      inputmode: 'numeric',
      autocomplete: 'off',
      placeholder: 'dd/mm/yyyy',
      maxlength: '10',
    },
  });
}

export function momentInput(
  form: FormState | undefined,
  o: FieldOptions & { hint?: string },
): Html {
  return input(form, {
    ...o,
    hint: o.hint ? `${o.hint} ${MOMENT_HINT}` : MOMENT_HINT,
    attrs: { autocomplete: 'off', placeholder: 'dd/mm/yyyy hh:mm', maxlength: '16' },
  });
}
