import { UTC_OFFSET } from '../common/domain/local-time.js';
import type { ErrorBody } from '../common/error-body.js';
import type { FieldProblem } from '../common/validation.js';
import { YEAR_RANGE } from '../common/validators.js';
import { html, type Html } from './ui.js';
import { CSRF_FIELD, type WebContext } from './web-request.js';

export type FormValues = Record<string, string | string[]>;

/** What a form shows: the values typed (kept on failure), problems per field, a message. */
export interface FormState {
  values: FormValues;
  errors: Record<string, string[]>;
  message?: string;
}

export const blankForm = (values: FormValues = {}): FormState => ({ values, errors: {} });

/** The posted fields as strings (or lists of strings); anything else a browser cannot send. */
export function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v.normalize('NFC');
    else if (Array.isArray(v))
      out[k] = v.filter((x) => typeof x === 'string').map((x) => x.normalize('NFC'));
  }
  return out;
}

export const one = (values: FormValues, name: string): string => {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};

export const many = (values: FormValues, name: string): string[] => {
  const v = values[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

/**
 * A form's values with the API's refusal: each field's problems beside it, the message on top.
 * `rename` moves a problem from the API's field to the form's; `labels` replaces the API's
 * property name at the start of a problem ("afterWorkingDays tối đa 250") with the field's
 * Vietnamese label ("Số ngày làm việc sau hạn tối đa 250").
 */
export function refused(
  values: FormValues,
  error: ErrorBody,
  o: { rename?: Record<string, string>; labels?: Record<string, string> } = {},
): FormState {
  const errors: Record<string, string[]> = {};
  const fields = (error.details as { fields?: FieldProblem[] } | undefined)?.fields;
  for (const f of Array.isArray(fields) ? fields : []) {
    const name = o.rename?.[f.field] ?? f.field;
    const property = f.field.split('.').pop()!;
    const label = o.labels?.[property];
    (errors[name] ??= []).push(
      ...f.problems.map((p) =>
        label && p.startsWith(`${property} `) ? `${label}${p.slice(property.length)}` : p,
      ),
    );
  }
  return { values, errors, message: error.message };
}

export function csrfField(web: WebContext): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${web.session.csrfToken}" />`;
}

/** A refusal's message, announced to screen readers; nothing when there is none. */
export function errorAlert(message: string | null | undefined): Html {
  return message ? html`<div class="alert error" role="alert">${message}</div>` : html``;
}

/** The form's message (on failure), announced to screen readers. */
export function formMessage(form: FormState | undefined): Html {
  return errorAlert(form?.message);
}

interface FieldOptions {
  name: string;
  label: string;
  /** The form this field belongs to, for ids unique on a page with several forms. */
  form?: string;
  hint?: string;
  required?: boolean;
  value?: string;
}

function fieldId(o: FieldOptions): string {
  return `${o.form ? `${o.form}-` : ''}${o.name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function problems(form: FormState | undefined, name: string, id: string): Html {
  const list = form?.errors[name];
  if (!list?.length) return html``;
  return html`<p class="field-error" id="${id}-error">${list.join(' ')}</p>`;
}

function describedBy(form: FormState | undefined, o: FieldOptions, id: string): string {
  return [o.hint ? `${id}-hint` : '', form?.errors[o.name]?.length ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
}

function current(form: FormState | undefined, o: FieldOptions): string {
  return form && form.values[o.name] !== undefined ? one(form.values, o.name) : (o.value ?? '');
}

export function input(
  form: FormState | undefined,
  o: FieldOptions & { type?: string; attrs?: Record<string, string> },
): Html {
  const id = fieldId(o);
  const invalid = Boolean(form?.errors[o.name]?.length);
  const extra = Object.entries(o.attrs ?? {}).map(([k, v]) => html` ${k}="${v}"`);
  return html`<div class="field${invalid ? ' invalid' : ''}">
    <label for="${id}"
      >${o.label}${o.required ? html` <span class="req" aria-hidden="true">*</span>` : ''}</label
    >
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
    <input
      id="${id}"
      name="${o.name}"
      type="${o.type ?? 'text'}"
      value="${current(form, o)}"
      ${o.required ? html` required` : ''}${invalid ? html` aria-invalid="true"` : ''}${
        describedBy(form, o, id) ? html` aria-describedby="${describedBy(form, o, id)}"` : ''
      }${extra}
    />
    ${problems(form, o.name, id)}
  </div>`;
}

export function textarea(form: FormState | undefined, o: FieldOptions & { rows?: number }): Html {
  const id = fieldId(o);
  const invalid = Boolean(form?.errors[o.name]?.length);
  return html`<div class="field${invalid ? ' invalid' : ''}">
    <label for="${id}"
      >${o.label}${o.required ? html` <span class="req" aria-hidden="true">*</span>` : ''}</label
    >
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
    <textarea
      id="${id}"
      name="${o.name}"
      rows="${o.rows ?? 4}"
      ${o.required ? html` required` : ''}${
        invalid ? html` aria-invalid="true"` : ''
      }${describedBy(form, o, id) ? html` aria-describedby="${describedBy(form, o, id)}"` : ''}
    >
${current(form, o)}</textarea>
    ${problems(form, o.name, id)}
  </div>`;
}

export function select(
  form: FormState | undefined,
  o: FieldOptions & {
    options: [value: string, label: string][];
    multiple?: boolean;
    values?: string[];
  },
): Html {
  const id = fieldId(o);
  const invalid = Boolean(form?.errors[o.name]?.length);
  const chosen =
    form && form.values[o.name] !== undefined
      ? many(form.values, o.name)
      : (o.values ?? (o.value !== undefined ? [o.value] : []));
  return html`<div class="field${invalid ? ' invalid' : ''}">
    <label for="${id}"
      >${o.label}${o.required ? html` <span class="req" aria-hidden="true">*</span>` : ''}</label
    >
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
    <select
      id="${id}"
      name="${o.name}"
      ${o.multiple ? html` multiple size="8"` : ''}${
        o.required ? html` required` : ''
      }${invalid ? html` aria-invalid="true"` : ''}${
        describedBy(form, o, id) ? html` aria-describedby="${describedBy(form, o, id)}"` : ''
      }
    >
      ${o.options.map(
        ([value, label]) =>
          html`<option value="${value}" ${chosen.includes(value) ? html` selected` : ''}>
            ${label}
          </option>`,
      )}
    </select>
    ${problems(form, o.name, id)}
  </div>`;
}

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

/**
 * A number typed in a field (or carried in a hidden one, like `version`) as the API's integer;
 * blank is absent, and anything else goes as typed so that the API says what is wrong with it.
 */
export function integerField(text: string): number | string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  return /^-?\d{1,12}$/.test(t) ? Number(t) : t;
}
