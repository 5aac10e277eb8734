import { Paragraph, TableCell, TableRow, TextRun } from 'docx';
import { randomUUID } from 'node:crypto';
import type { CellSpec, ColumnSpec } from './docx-tables.js';
import { xmlSafe } from './wording.js';

/*
 * The body rows of the report's printed tables written as WordprocessingML text directly, byte
 * for byte what docx writes for the same rows (docx-tables.ts builds them as docx objects; the
 * unit test table-xml.spec compares the two). docx turns every row into some fifty objects,
 * then into an object tree, then into text: for 1,000 pilots and 10,000 letters (11,000 rows,
 * 28 MB of XML) that was most of the 10 s the document took. A table gets one placeholder row
 * per run of such rows; once docx has written document.xml, XmlRows.fill puts the rows in their
 * place. Rows with footnote marks stay docx's: docx numbers the footnotes and writes their text.
 */

/**
 * Text escaped as docx escapes it. docx also drops XML's forbidden control characters; here
 * cellLines (xmlSafe) has dropped them already.
 */
export function escapeXml(text: string): string {
  return /[&"'<>]/.test(text) ? text.replace(/[&"'<>]/g, (c) => ESCAPES[c]) : text;
}
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
  '<': '&lt;',
  '>': '&gt;',
};

/** A cell's lines, one paragraph each: trimmed, blank lines dropped unless the cell has one line. */
export function cellLines(text: string): string[] {
  return xmlSafe(text)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l, _i, all) => l.length > 0 || all.length === 1);
}

/**
 * A line's pieces with the hyphens of letter numbers ("2754/STTTT-TTCNTT": a word with a "/")
 * replaced by `hyphen`; the plain text between them stays one piece. See unbroken (docx-tables).
 */
export function unbrokenWith<T>(line: string, hyphen: () => T): (string | T)[] {
  // Without both a "/" and a "-" no word of it is a letter's number.
  if (!line.includes('/') || !line.includes('-')) return line ? [line] : [];
  const parts: (string | T)[] = [];
  let text = '';
  for (const piece of line.split(/(\s+)/)) {
    if (!piece.includes('/') || !piece.includes('-')) {
      text += piece;
      continue;
    }
    piece.split('-').forEach((segment, i) => {
      if (i > 0) {
        if (text) parts.push(text);
        text = '';
        parts.push(hyphen());
      }
      text += segment;
    });
  }
  if (text) parts.push(text);
  return parts;
}

const NO_BREAK_HYPHEN = '<w:noBreakHyphen/>';
/** Marks a hyphen among the pieces of unbrokenWith (a string could be a line's own text). */
const HYPHEN = Symbol('hyphen');

/** docx's paragraph properties of a table cell's line (cellParagraphs in docx-tables). */
const paragraphStart = (center: boolean) =>
  '<w:p><w:pPr><w:spacing w:after="40" w:before="40" w:line="276"/><w:ind w:firstLine="0"/>' +
  `<w:jc w:val="${center ? 'center' : 'left'}"/></w:pPr>`;

/**
 * A body cell's paragraphs, as cellParagraphs writes a cell without footnote marks, pushed onto
 * `out` piece by piece (joined once at the end: no string is built up and copied again).
 */
function paragraphsXml(text: string, points: number, center: boolean, out: string[]): void {
  const lines = cellLines(text);
  if (lines.length === 0) {
    out.push(EMPTY_PARAGRAPH); // docx gives an empty cell an empty paragraph
    return;
  }
  const start = paragraphStart(center) + runStart(points);
  for (const line of lines) {
    const pieces = unbrokenWith(line, () => HYPHEN);
    if (pieces.length === 1 && pieces[0] !== HYPHEN) {
      // A line without letter numbers (most): three pieces.
      out.push(`${start}${TEXT_START}`, escapeXml(pieces[0] as string), `${TEXT_END}</w:r></w:p>`);
      continue;
    }
    out.push(start);
    for (const piece of pieces) {
      if (piece === HYPHEN) out.push(NO_BREAK_HYPHEN);
      else out.push(TEXT_START, escapeXml(piece as string), TEXT_END);
    }
    out.push('</w:r></w:p>');
  }
}

const EMPTY_PARAGRAPH = '<w:p/>';
const TEXT_START = '<w:t xml:space="preserve">';
const TEXT_END = '</w:t>';
const runStart = (points: number) =>
  `<w:r><w:rPr><w:sz w:val="${points * 2}"/><w:szCs w:val="${points * 2}"/></w:rPr>`;

/**
 * Body rows of a printed table (cells without footnote marks) as docx writes them, in pieces to
 * be joined: `null` is a cell spanned by the one above, written as docx's continuation cell
 * (vMerge continue, one empty paragraph aligned as the spanning cell's last).
 */
export function bodyRowsXml(
  columns: readonly ColumnSpec[],
  rows: readonly (readonly (CellSpec | null)[])[],
  widths: readonly number[],
  points: number,
): string[] {
  const cellStart = widths.map((w) => `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${w}"/>`);
  // Per column: the continuation cell of the span running down it, and the rows it has left.
  const spans = columns.map(() => ({ xml: '', left: 0 }));
  const xml: string[] = [];
  const out: string[] = [];
  for (const row of rows) {
    out.length = 0;
    out.push('<w:tr>');
    row.forEach((cell, i) => {
      const span = spans[i];
      if (cell === null) {
        if (span.left > 0) {
          out.push(span.xml);
          span.left--;
        }
        return;
      }
      const center = columns[i].center === true;
      const rowSpan = cell.rowSpan ?? 1;
      out.push(cellStart[i], rowSpan > 1 ? '<w:vMerge w:val="restart"/></w:tcPr>' : '</w:tcPr>');
      const first = out.length;
      paragraphsXml(String(cell.text), points, center, out);
      if (rowSpan > 1) {
        const last =
          out[first] === EMPTY_PARAGRAPH
            ? EMPTY_PARAGRAPH
            : `<w:p><w:pPr><w:jc w:val="${center ? 'center' : 'left'}"/></w:pPr></w:p>`;
        spans[i] = {
          xml: `${cellStart[i]}<w:vMerge w:val="continue"/></w:tcPr>${last}</w:tc>`,
          left: rowSpan - 1,
        };
      }
      out.push('</w:tc>');
    });
    out.push('</w:tr>');
    xml.push(out.join(''));
  }
  return xml;
}

/**
 * Rows written as text, each run of them standing in the docx table as one placeholder row
 * until fill() replaces it in document.xml. The placeholder's mark holds a random id, which no
 * text of the report can hold.
 */
export class XmlRows {
  private readonly id = randomUUID();
  private readonly chunks: (readonly string[])[] = [];

  get size(): number {
    return this.chunks.length;
  }

  private mark(n: number): string {
    return `rows-${this.id}-${n}`;
  }

  /** The placeholder row for whole rows' XML, in pieces (bodyRowsXml). */
  placeholder(pieces: readonly string[]): TableRow {
    const mark = this.mark(this.chunks.length);
    this.chunks.push(pieces);
    return new TableRow({
      children: [new TableCell({ children: [new Paragraph({ children: [new TextRun(mark)] })] })],
    });
  }

  /**
   * document.xml with each placeholder row replaced by its rows, in UTF-8: each piece written
   * straight into one buffer (joining a million pieces into one string first took longer).
   */
  fill(documentXml: string): Buffer {
    const parts: string[] = [];
    let from = 0;
    this.chunks.forEach((pieces, n) => {
      const at = documentXml.indexOf(this.mark(n), from);
      const start = documentXml.lastIndexOf('<w:tr>', at);
      const end = documentXml.indexOf('</w:tr>', at);
      if (at < 0 || start < from || end < 0) throw new Error(`XmlRows: placeholder ${n} not found`);
      parts.push(documentXml.slice(from, start));
      for (const piece of pieces) parts.push(piece);
      from = end + '</w:tr>'.length;
    });
    parts.push(documentXml.slice(from));
    let most = 0; // UTF-8 takes at most 3 bytes for each UTF-16 code unit
    for (const part of parts) most += 3 * part.length;
    const buffer = Buffer.allocUnsafe(most);
    let length = 0;
    for (const part of parts) length += buffer.write(part, length, 'utf8');
    return buffer.subarray(0, length);
  }
}
