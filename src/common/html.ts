import escapeHtml from 'escape-html';

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
