import { Document, FootnoteReferenceRun, Packer, Paragraph, TextRun } from 'docx';
import {
  printTable,
  type CellSpec,
  type ColumnSpec,
} from '../../src/documents/monthly/docx-tables.js';
import { escapeXml, XmlRows } from '../../src/documents/monthly/table-xml.js';
import { readZipEntry } from '../../src/documents/monthly/zip-entry.js';
import { longestToken, textWidth, tokens } from '../../src/documents/monthly/times-metrics.js';

/** A document holding the table only: its word/document.xml and word/footnotes.xml. */
async function written(table: ReturnType<typeof printTable>, xmlRows?: XmlRows) {
  const zip = Buffer.from(
    await Packer.toBuffer(new Document({ sections: [{ children: [table] }] })),
  );
  const document = readZipEntry(zip, 'word/document.xml').toString('utf8');
  return {
    document: xmlRows ? xmlRows.fill(document).toString('utf8') : document,
    footnotes: readZipEntry(zip, 'word/footnotes.xml').toString('utf8'),
  };
}

const COLUMNS: ColumnSpec[] = [
  { header: 'TT', weight: 0, whole: true, center: true },
  { header: 'Số, ngày văn bản', weight: 1 },
  { header: 'Nội dung kiến nghị', weight: 9 },
  { header: 'Hạn trả lời', weight: 0, whole: true, center: true },
];

/** Rows with what a cell can hold: spans, markup characters, letter numbers, blank lines. */
const ROWS: (CellSpec | null)[][] = [
  [
    { text: 1, rowSpan: 3 },
    { text: '2754/STTTT-TTCNTT&DVHCCTT\nngày 30/8/2023', rowSpan: 3 },
    { text: 'Cơ quan <Bộ> & "Sở" \'Ngành\' – Đề án 06' },
    { text: '17/11/2022' },
  ],
  [null, null, { text: '  dòng một  \n\n\tdòng hai\r\n' }, { text: '' }],
  [null, null, { text: 'ký tự\u0001điều khiển\u000b bỏ đi' }, { text: '\n' }],
  [
    { text: 2 },
    { text: '\n \n', rowSpan: 2 },
    { text: 'Mô hình 5: 01/2023/TT-VPCP - a-b' },
    { text: 0 },
  ],
  [{ text: '' }, null, { text: 'Bộ Y tế (đã trả lời ngày 04/11/2026)' }, { text: '24/01/2022' }],
];

describe('the printed tables written as XML text (table-xml)', () => {
  it('writes the body rows byte for byte as docx does: spans, escaping, hyphens, blank lines', async () => {
    const xmlRows = new XmlRows();
    const viaDocx = await written(printTable(COLUMNS, ROWS, 14000, 12));
    const viaText = await written(printTable(COLUMNS, ROWS, 14000, 12, xmlRows), xmlRows);
    expect(xmlRows.size).toBe(1);
    expect(viaText.document).toBe(viaDocx.document);
    // The cases are there: continuation cells, escaped text, non-breaking hyphens, empty cells.
    expect(viaDocx.document).toContain('<w:vMerge w:val="continue"/>');
    expect(viaDocx.document).toContain('Cơ quan &lt;Bộ&gt; &amp; &quot;Sở&quot; &apos;Ngành&apos;');
    expect(viaDocx.document).toContain('01/2023/TT</w:t><w:noBreakHyphen/>');
    expect(viaDocx.document).toContain('<w:p/>');
    expect(viaText.document).not.toContain('rows-');
  });

  it("leaves rows with footnote marks to docx, which numbers the footnotes, and writes the others' around them", async () => {
    const note = (text: string) =>
      new FootnoteReferenceRun({ children: [new Paragraph({ children: [new TextRun(text)] })] });
    const rows = (): (CellSpec | null)[][] => [
      ...ROWS,
      [
        { text: 3 },
        { text: 'a' },
        { text: 'có chú thích', notes: [{ anchor: 'có', mark: note('Một') }] },
        { text: '' },
      ],
      [{ text: 4, rowSpan: 2 }, { text: 'b' }, { text: 'c' }, { text: '' }],
      [
        null,
        { text: 'd' },
        { text: 'e', notes: [{ anchor: null, mark: note('Hai') }] },
        { text: '' },
      ],
      [{ text: 5 }, { text: 'f' }, { text: 'g' }, { text: '' }],
    ];
    const xmlRows = new XmlRows();
    const viaDocx = await written(printTable(COLUMNS, rows(), 14000, 12));
    const viaText = await written(printTable(COLUMNS, rows(), 14000, 12, xmlRows), xmlRows);
    // ROWS, then (3, and 4 spanning the row with footnote 2) by docx, then 5.
    expect(xmlRows.size).toBe(2);
    expect(viaText).toEqual(viaDocx);
    expect(viaText.footnotes).toContain('Hai');
  });

  it('escapes as docx: markup characters only', () => {
    expect(escapeXml(`a&b<c>d"e'f – Đề án`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f – Đề án');
  });

  it('refuses a document.xml without its placeholder', () => {
    const xmlRows = new XmlRows();
    xmlRows.placeholder(['<w:tr></w:tr>']);
    expect(() => xmlRows.fill('<w:document/>')).toThrow('placeholder 0 not found');
  });
});

describe('the widest token of a line (times-metrics)', () => {
  it('is the widest of textWidth over its tokens, whatever the white space and normalisation', () => {
    const lines = [
      '',
      '   ',
      'Ngày 27/10/2022, Sở Y tế tỉnh Khánh Hòa đã có Văn bản số 4338/SYT-TCHC',
      'TỔ CÔNG TÁC\u00a0ĐỀ ÁN 06\tKhánh\u2003Hòa',
      'Khánh Hòa'.normalize('NFD') + ' Đề án 06 “làm sạch” 1.191.479',
      '😀 emoji 𝔸',
    ];
    for (const line of lines) {
      for (const bold of [false, true]) {
        const expected = Math.max(0, ...tokens(line).map((t) => textWidth(t, 13, bold)));
        expect(longestToken(line, 13, bold)).toBe(expected);
      }
    }
  });
});
