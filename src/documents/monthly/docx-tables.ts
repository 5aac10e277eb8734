import {
  AlignmentType,
  BorderStyle,
  FootnoteReferenceRun,
  HeightRule,
  NoBreakHyphen,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { longestToken, textWidth } from './times-metrics.js';
import { bodyRowsXml, cellLines, unbrokenWith, type XmlRows } from './table-xml.js';

/*
 * The report's tables, laid out so they print (issue 15, item 2): each column at least as wide
 * as the longest word of any of its cells at the table's font size — a date "27/10/2022", a
 * letter's number, a figure never break —, a column marked `whole` as wide as its longest cell
 * (TT, dates, day counts: one line each); the rest of the page's width shared among the text
 * columns by their weights. Fixed layout, so Word and LibreOffice keep these widths; header rows
 * repeat on every page; text is left-aligned (justified text in a narrow cell spreads its words).
 */

/** Default left and right cell margins of Word (108 twips each), and room for rounding. */
const CELL_PADDING = 2 * 108 + 60;

export interface ColumnSpec {
  header: string;
  /** Share of the width left after every column has its minimum. */
  weight: number;
  /** Never wraps: the column is as wide as its widest cell. */
  whole?: boolean;
  center?: boolean;
}

/** A cell: its text (lines become paragraphs) and how many rows it spans downwards. */
export interface CellSpec {
  text: string | number;
  rowSpan?: number;
  /** Footnote marks: each after the first line holding its words, or (null) at the cell's end. */
  notes?: readonly { anchor: string | null; mark: FootnoteReferenceRun }[];
}

/** Column widths in twips summing to `total` (or more, when the minimums need it). */
export function measureColumns(
  columns: readonly ColumnSpec[],
  rows: readonly (CellSpec | null)[][],
  total: number,
  points: number,
): number[] {
  const minimums = columns.map((c, i) => {
    const cells = rows.map((r) => r[i]).filter((c): c is CellSpec => c !== null);
    const texts = cells.flatMap((c) => String(c.text).split('\n'));
    const body = texts.map((t) =>
      c.whole ? textWidth(t.trim(), points) : longestToken(t, points),
    );
    const head = longestToken(c.header, points, true);
    return Math.max(head, ...body) + CELL_PADDING;
  });
  const spare = total - minimums.reduce((a, b) => a + b, 0);
  const weights = columns.map((c) => (c.whole ? 0 : c.weight));
  const sum = weights.reduce((a, b) => a + b, 0);
  if (spare <= 0 || sum === 0) return minimums;
  const widths = minimums.map((m, i) => m + Math.floor((spare * weights[i]) / sum));
  // Rounding leftovers go to the widest column.
  const widest = widths.indexOf(Math.max(...widths));
  widths[widest] += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

/**
 * A cell's line with the hyphens of letter numbers ("2754/STTTT-TTCNTT&DVHCCTT": a word with a
 * "/") made non-breaking, so Word and LibreOffice never end a line inside one.
 */
export function unbroken(line: string): (string | NoBreakHyphen)[] {
  // Plain text between the hyphens stays one string (one <w:t>): a word per string made a long
  // report's XML many times larger and its rendering quadratic-looking (100 pilots: 8.6 s).
  return unbrokenWith(line, () => new NoBreakHyphen());
}

function cellParagraphs(
  text: string,
  points: number,
  style: { bold?: boolean; center?: boolean },
  notes: CellSpec['notes'] = [],
) {
  const lines = cellLines(text);
  const run = (t: string) =>
    new TextRun({ children: unbroken(t), bold: style.bold, size: points * 2 });
  const placed = new Set<(typeof notes)[number]>();
  return lines.map((line, i) => {
    // Each footnote's mark right after its words, on the first line that has them.
    const marks = notes
      .filter((n) => n.anchor !== null && !placed.has(n) && line.includes(n.anchor))
      .map((n) => ({ n, end: line.indexOf(n.anchor!) + n.anchor!.length }))
      .sort((a, b) => a.end - b.end);
    const children: (TextRun | FootnoteReferenceRun)[] = [];
    let from = 0;
    for (const { n, end } of marks) {
      children.push(run(line.slice(from, end)), n.mark);
      placed.add(n);
      from = end;
    }
    children.push(run(line.slice(from)));
    if (i === lines.length - 1) {
      for (const n of notes) if (!placed.has(n)) children.push(n.mark);
    }
    return new Paragraph({
      alignment: style.center ? AlignmentType.CENTER : AlignmentType.LEFT,
      // 1.15 lines, as Word's single spacing in Times New Roman: at exactly one line a
      // Vietnamese capital's stacked marks (Ổ, Ễ) touch the line above in Liberation Serif.
      spacing: { before: 40, after: 40, line: 276 },
      indent: { firstLine: 0 },
      children,
    });
  });
}

/** docx's row of body cells: `null` in a row, the cell above spans it. */
function docxRow(
  columns: readonly ColumnSpec[],
  row: readonly (CellSpec | null)[],
  widths: readonly number[],
  points: number,
): TableRow {
  return new TableRow({
    children: row.flatMap((cell, i) =>
      cell === null
        ? []
        : [
            new TableCell({
              width: { size: widths[i], type: WidthType.DXA },
              rowSpan: cell.rowSpan,
              children: cellParagraphs(
                String(cell.text),
                points,
                { center: columns[i].center },
                cell.notes,
              ),
            }),
          ],
    ),
  });
}

/**
 * The body rows in groups no cell spans out of, each group marked whether a cell of it has
 * footnote marks (docx must write those: it numbers the footnotes).
 */
function rowGroups(rows: readonly (CellSpec | null)[][]) {
  const groups: { rows: (CellSpec | null)[][]; notes: boolean }[] = [];
  let end = 0; // the rows up to here are spanned by a row of the current group
  rows.forEach((row, index) => {
    const notes = row.some((c) => (c?.notes?.length ?? 0) > 0);
    const last = groups[groups.length - 1];
    if (last && (index < end || last.notes === notes)) {
      last.rows.push(row);
      last.notes ||= notes;
    } else groups.push({ rows: [row], notes });
    for (const cell of row) end = Math.max(end, index + (cell?.rowSpan ?? 1));
  });
  return groups;
}

/**
 * A bordered table of measured columns whose header row repeats on every page. `null` in a
 * row: the cell above spans it. Given `xmlRows`, the body rows without footnote marks are
 * written as text (table-xml.ts), the same XML docx would write, far faster.
 */
export function printTable(
  columns: readonly ColumnSpec[],
  rows: readonly (CellSpec | null)[][],
  total: number,
  points: number,
  xmlRows?: XmlRows,
): Table {
  const widths = measureColumns(columns, rows, total, points);
  const body = xmlRows
    ? rowGroups(rows).flatMap((g) =>
        g.notes
          ? g.rows.map((r) => docxRow(columns, r, widths, points))
          : [xmlRows.placeholder(bodyRowsXml(columns, g.rows, widths, points))],
      )
    : rows.map((r) => docxRow(columns, r, widths, points));
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: { ...BORDERS, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        height: { value: 400, rule: HeightRule.ATLEAST },
        children: columns.map(
          (c, i) =>
            new TableCell({
              width: { size: widths[i], type: WidthType.DXA },
              verticalAlign: VerticalAlign.CENTER,
              children: cellParagraphs(c.header, points, { bold: true, center: true }),
            }),
        ),
      }),
      ...body,
    ],
  });
}
