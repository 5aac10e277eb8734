import { integerField, one, type FormValues } from '../components/forms.js';
import { parseVietnameseNumber } from '../components/numbers.js';

/**
 * The entry form's fields of one indicator, named by its code (a catalogue code is letters,
 * digits and `_`, so it is safe in a field name): what was typed, the note, and, hidden, the
 * version and the value the page showed, so that only what the user changed is sent.
 */
export const entryField = {
  value: (code: string) => `value.${code}`,
  note: (code: string) => `note.${code}`,
  version: (code: string) => `version.${code}`,
  shown: (code: string) => `shown.${code}`,
  shownNote: (code: string) => `shownNote.${code}`,
};

/** The codes the form carries a value field for, in the order posted. */
export function postedCodes(values: FormValues): string[] {
  return Object.keys(values)
    .filter((k) => k.startsWith('value.'))
    .map((k) => k.slice('value.'.length));
}

export interface Figure {
  value: number;
  denominator: number | null;
}

/** A stored figure as the hidden `shown` field carries it: "460/475", "72.9", "" when none. */
export function shownText(v: Figure | null): string {
  if (!v) return '';
  return v.denominator === null ? String(v.value) : `${v.value}/${v.denominator}`;
}

function shownFigure(text: string): Figure | null {
  if (!text.trim()) return null;
  const [value, denominator] = text.split('/');
  return {
    value: Number(value),
    denominator: denominator === undefined ? null : Number(denominator),
  };
}

/**
 * A typed figure, written as Vietnamese do: "1.191.479", "72,9" (a trailing % is allowed), or a
 * part of a whole "460/475". Whether the indicator takes a whole, and the bounds, are the API's
 * rules; this only reads the writing.
 */
export function parseFigure(
  text: string,
): { ok: true; figure: Figure } | { ok: false; problem: string } {
  const t = text.trim().replace(/%$/, '');
  const parts = t.split('/');
  if (parts.length > 2) {
    return { ok: false, problem: 'Tỷ lệ viết dạng tử số/mẫu số, ví dụ 460/475.' };
  }
  const value = parseVietnameseNumber(parts[0]);
  if (parts.length === 2) {
    const denominator = parseVietnameseNumber(parts[1]);
    if (value === null || denominator === null) {
      return { ok: false, problem: 'Tỷ lệ viết dạng tử số/mẫu số, ví dụ 460/475.' };
    }
    return { ok: true, figure: { value, denominator } };
  }
  if (value === null) {
    return { ok: false, problem: 'Giá trị phải là một số, ví dụ 1.191.479 hoặc 72,9.' };
  }
  return { ok: true, figure: { value, denominator: null } };
}

/** What the form asks of one indicator. */
export type Entry =
  | { code: string; kind: 'unchanged' }
  | { code: string; kind: 'problem'; problem: string }
  | {
      code: string;
      kind: 'write';
      value: number;
      denominator: number | null;
      note: string | undefined;
      /** As the API takes it: a number, or as typed for the API to refuse. */
      version: number | string | undefined;
    };

/**
 * One indicator's fields as a write, or nothing to write, or the problem with the writing.
 * Blank stays blank: a value once entered is corrected, not erased (the API keeps no "no value").
 */
export function entryOf(values: FormValues, code: string): Entry {
  const typed = one(values, entryField.value(code)).trim();
  const note = one(values, entryField.note(code)).trim();
  const shown = shownFigure(one(values, entryField.shown(code)));
  const noteChanged = note !== '' && note !== one(values, entryField.shownNote(code)).trim();
  if (typed === '') {
    if (shown) {
      return {
        code,
        kind: 'problem',
        problem: 'Không xóa được giá trị đã nhập; hãy nhập giá trị đúng thay cho nó.',
      };
    }
    return noteChanged
      ? { code, kind: 'problem', problem: 'Nhập giá trị trước khi ghi chú.' }
      : { code, kind: 'unchanged' };
  }
  const parsed = parseFigure(typed);
  if (!parsed.ok) return { code, kind: 'problem', problem: parsed.problem };
  const { value, denominator } = parsed.figure;
  const same = shown !== null && shown.value === value && shown.denominator === denominator;
  if (same && !noteChanged) return { code, kind: 'unchanged' };
  return {
    code,
    kind: 'write',
    value,
    denominator,
    note: noteChanged ? note : undefined,
    version: integerField(one(values, entryField.version(code))),
  };
}
