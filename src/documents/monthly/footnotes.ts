/*
 * A report's footnotes kept with the text they explain: a progress text or a blocker's words may
 * end with a paragraph "Ghi chú (chú thích của Báo cáo số …):" and one line per footnote,
 * "- Chú thích 11 (<the words it is attached to>): <its text>" (how the reference data keeps
 * report 442's footnotes 9–11). The document prints them as 442 does: a footnote marked after
 * the words it is attached to, its text at the foot of the page.
 */

/** A footnote: its number in the report it came from, the words it follows, its text. */
export interface Note {
  number: number;
  anchor: string;
  text: string;
}

const NOTES_HEADING = /^Ghi chú \(chú thích[^\n]*\):$/;
const NOTE_LINE = /^- Chú thích (\d+) \((.+?)\): (.+)$/;

/**
 * The text without its trailing footnotes paragraph, and the footnotes. A text whose last
 * paragraph is not wholly such footnotes is left as it is.
 */
export function splitNotes(text: string): { text: string; notes: Note[] } {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => NOTES_HEADING.test(l.trim()));
  if (at < 0) return { text, notes: [] };
  const notes: Note[] = [];
  for (const line of lines.slice(at + 1)) {
    const m = NOTE_LINE.exec(line.trim());
    if (!m) return { text, notes: [] };
    notes.push({ number: Number(m[1]), anchor: m[2], text: m[3] });
  }
  return notes.length ? { text: lines.slice(0, at).join('\n'), notes } : { text, notes: [] };
}

/** A line cut after each footnote's words: "… trên Kiosk", note 9, " vào hệ thống …". */
export function placeNotes(line: string, notes: readonly Note[]): (string | Note)[] {
  const marks = notes
    .map((note) => ({ note, at: line.indexOf(note.anchor) }))
    .filter((m) => m.at >= 0)
    .map((m) => ({ note: m.note, end: m.at + m.note.anchor.length }))
    .sort((a, b) => a.end - b.end);
  const parts: (string | Note)[] = [];
  let from = 0;
  for (const m of marks) {
    parts.push(line.slice(from, m.end), m.note);
    from = m.end;
  }
  parts.push(line.slice(from));
  return parts.filter((p) => p !== '');
}

/** Whether a footnote's words are in the text. */
export function anchored(text: string, note: Note): boolean {
  return text.includes(note.anchor);
}
