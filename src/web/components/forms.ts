import type { ApiError } from '../in-process-api.js';
import { INVALID_INPUT } from '../../common/domain-error.js';

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
  error: ApiError,
  o: { rename?: Record<string, string>; labels?: Record<string, string> } = {},
): FormState {
  const errors: Record<string, string[]> = {};
  const fields = error.details?.fields;
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
  // The fields' own problems say what is wrong; on top, only how many to fix (the API's general
  // "Dữ liệu gửi lên không hợp lệ." said nothing more and sat above every refusal).
  // A specific message of the API's is kept.
  const count = Object.keys(errors).length;
  const general = error.message === INVALID_INPUT;
  return { values, errors, message: count && general ? fieldsToFix(count) : error.message };
}

/** The line above a form refused for its fields' problems. */
export const fieldsToFix = (count: number): string =>
  count === 1
    ? 'Chưa lưu được: một ô cần sửa, xem ghi chú ngay dưới ô đó.'
    : `Chưa lưu được: ${count} ô cần sửa, xem ghi chú ngay dưới từng ô.`;

/**
 * A number typed in a field (or carried in a hidden one, like `version`) as the API's integer;
 * blank is absent, and anything else goes as typed so that the API says what is wrong with it.
 */
export function integerField(text: string): number | string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  return /^-?\d{1,12}$/.test(t) ? Number(t) : t;
}
