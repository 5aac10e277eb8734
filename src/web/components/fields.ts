import { html, type Html } from '../../common/html.js';
import { WORDS } from '../labels.js';
import { CSRF_FIELD, type WebContext } from '../web-request.js';
import { empty } from './tables.js';
import { many, one, type FormState } from './forms.js';

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

/** A field's problems, beside it; `id` is the field's, which names them in aria-describedby. */
export function fieldProblems(list: string[] | undefined, id: string): Html {
  if (!list?.length) return html``;
  return html`<p class="field-error" id="${id}-error">${list.join(' ')}</p>`;
}

export interface FieldOptions {
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
    ${fieldProblems(form?.errors[o.name], id)}
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
    ${fieldProblems(form?.errors[o.name], id)}
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
    ${fieldProblems(form?.errors[o.name], id)}
  </div>`;
}

/** A group of checkboxes: a multi-select that works by keyboard and touch alike. */
export function checkboxes(
  form: FormState,
  o: {
    name: string;
    legend: string;
    hint?: string;
    required?: boolean;
    options: [value: string, label: string][];
    empty: string;
  },
): Html {
  const chosen = many(form.values, o.name);
  const problems = form.errors[o.name] ?? [];
  const ids = [o.hint ? `${o.name}-hint` : '', problems.length ? `${o.name}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<fieldset
    class="field checks${problems.length ? ' invalid' : ''}"
    id="${o.name}"
    ${ids ? html` aria-describedby="${ids}"` : ''}
  >
    <legend>
      ${o.legend}${o.required ? html` <span class="req" aria-hidden="true">*</span>` : ''}
    </legend>
    ${o.hint ? html`<p class="hint" id="${o.name}-hint">${o.hint}</p>` : ''}
    ${
      o.options.length === 0
        ? empty(o.empty)
        : html`<div class="check-list">
            ${o.options.map(
              ([value, label], i) =>
                html`<label class="check">
                  <input
                    type="checkbox"
                    name="${o.name}"
                    value="${value}"
                    ${chosen.includes(value) ? html` checked` : ''}${
                      problems.length && i === 0 ? html` aria-invalid="true"` : ''
                    }
                  />
                  <span>${label}</span>
                </label>`,
            )}
          </div>`
    }
    ${fieldProblems(problems, o.name)}
  </fieldset>`;
}

/** The buttons of a list's filter form: apply, and back to the whole list. */
export function filterActions(listHref: string): Html {
  return html`<div class="filter-actions">
    <button type="submit">${WORDS.filter}</button>
    <a href="${listHref}">${WORDS.clearFilters}</a>
  </div>`;
}
