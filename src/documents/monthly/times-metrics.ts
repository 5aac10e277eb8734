/**
 * Text widths in Times New Roman, for laying out the report's tables and the workbook's rows so
 * that a date, a number or a letter's number never breaks inside (issue 15, item 2). The advance
 * widths of the printable ASCII characters in thousandths of an em, read from Liberation Serif
 * (metric-compatible with Times New Roman: LibreOffice prints with it where Times New Roman is
 * absent); a Vietnamese letter measures as its base letter (its marks sit above or below), any
 * other character as a wide letter, so a measure errs on the wide side.
 */

const REGULAR =
  '250 333 408 500 500 833 778 180 333 333 500 564 250 333 250 278 500 500 500 500 500 500 500 500 500 500 278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 389 722 611 889 722 722 556 722 667 556 611 722 722 944 722 722 611 333 278 333 469 500 333 444 500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 500 500 444 480 200 480 541'
    .split(' ')
    .map(Number);
const BOLD =
  '250 333 555 500 500 1000 833 278 333 333 500 570 250 333 250 278 500 500 500 500 500 500 500 500 500 500 333 333 570 570 570 500 930 722 667 722 722 667 611 778 778 389 500 778 667 944 722 778 611 778 722 556 667 722 722 1000 722 722 667 333 278 333 581 500 333 500 556 444 556 444 333 500 556 278 333 556 278 833 556 500 556 556 444 389 333 556 500 722 500 500 444 394 220 394 520'
    .split(' ')
    .map(Number);
/** Anything outside ASCII without an ASCII base letter: as wide as "M" in bold. */
const OTHER = 944;

function measure(ch: string, widths: readonly number[]): number {
  const code = ch.codePointAt(0)!;
  if (code >= 32 && code < 127) return widths[code - 32];
  if (ch === 'đ') return widths['d'.charCodeAt(0) - 32];
  if (ch === 'Đ') return widths['D'.charCodeAt(0) - 32];
  if (ch === '–' || ch === '—') return ch === '–' ? 500 : 1000;
  if (ch === '“' || ch === '”' || ch === '‘' || ch === '’') return 444;
  const base = ch.normalize('NFD')[0];
  const b = base.codePointAt(0)!;
  return b >= 32 && b < 127 && base !== ch ? widths[b - 32] : OTHER;
}

/** Each character's advance, measured once (a Vietnamese letter's NFD is not cheap). */
const ADVANCES = new Map<readonly number[], Map<string, number>>([
  [REGULAR, new Map()],
  [BOLD, new Map()],
]);

function advance(ch: string, widths: readonly number[]): number {
  const code = ch.charCodeAt(0);
  if (ch.length === 1 && code >= 32 && code < 127) return widths[code - 32];
  const known = ADVANCES.get(widths)!;
  let width = known.get(ch);
  if (width === undefined) {
    width = measure(ch, widths);
    known.set(ch, width);
  }
  return width;
}

/** The width of `text` at `points` in Times New Roman, in twentieths of a point (twips). */
export function textWidth(text: string, points: number, bold = false): number {
  const widths = bold ? BOLD : REGULAR;
  let em = 0;
  for (const ch of text.normalize('NFC')) em += advance(ch, widths);
  return twips(em, points);
}

const twips = (em: number, points: number) => Math.ceil((em / 1000) * points * 20);

/**
 * The words of a cell that must not break: what lies between spaces. A date "27/10/2022", a
 * letter's number "5305/TCTĐA06(CAT-STTTT)" or a figure "1.191.479" is one such token.
 */
export function tokens(text: string): string[] {
  return text.split(/\s+/).filter((t) => t.length > 0);
}

/** The white space of /\s/, by code: what separates tokens. */
const SPACES = new Set(
  [9, 10, 11, 12, 13, 32, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff].concat(
    Array.from({ length: 11 }, (_, i) => 0x2000 + i),
  ),
);

/**
 * The widest token of `text`, in twips at `points`: textWidth of each of its tokens, measured
 * in one pass over the text (NFC never joins or splits characters across white space).
 */
export function longestToken(text: string, points: number, bold = false): number {
  const widths = bold ? BOLD : REGULAR;
  let widest = 0;
  let em = 0;
  for (const ch of text.normalize('NFC')) {
    if (SPACES.has(ch.charCodeAt(0))) {
      widest = Math.max(widest, em);
      em = 0;
    } else em += advance(ch, widths);
  }
  return twips(Math.max(widest, em), points);
}
