import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  Tab,
  TabStopType,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import type { FollowUpLetter } from './follow-up-letter.model.js';

export const DOCX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * Page and type of an official letter, Nghị định 30/2020/NĐ-CP (product.md §8): A4, margins
 * top and bottom 20 mm, left 30 mm, right 15 mm, Times New Roman, body 14 pt justified with a
 * 1 cm first-line indent and 6 pt between paragraphs.
 */
export const LETTER_PAGE = {
  widthTwips: 11906,
  heightTwips: 16838,
  marginMm: { top: 20, bottom: 20, left: 30, right: 15 },
} as const;

const FONT = 'Times New Roman';
const TWIPS_PER_MM = 1440 / 25.4;
const mm = (n: number) => Math.round(n * TWIPS_PER_MM);
/** A margin never falls below its minimum through rounding. */
const marginMm = (n: number) => Math.ceil(n * TWIPS_PER_MM);
const pt = (n: number) => n * 2; // docx sizes are half-points
const TEXT_WIDTH_MM = 210 - LETTER_PAGE.marginMm.left - LETTER_PAGE.marginMm.right; // 165 mm
const BODY_SIZE = 14;
const TIGHT = { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO };

type RunStyle = Omit<IRunOptions, 'text' | 'children' | 'size'> & { size?: number };

const run = (text: string, style: RunStyle = {}) =>
  new TextRun({
    ...style,
    text,
    font: FONT,
    size: pt(style.size ?? BODY_SIZE),
    language: { value: 'vi-VN' },
  });

const line = (text: string, style: RunStyle = {}, paragraph: Partial<IParagraphOptions> = {}) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: TIGHT,
    ...paragraph,
    children: [run(text, style)],
  });

/** A short centred rule under a heading: an empty paragraph with a top border, narrowed by indents. */
const rule = (columnMm: number, ruleMm: number) =>
  new Paragraph({
    spacing: { before: 20, after: 120, line: 120, lineRule: LineRuleType.EXACT },
    indent: { left: mm((columnMm - ruleMm) / 2), right: mm((columnMm - ruleMm) / 2) },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [run('', { size: 2 })],
  });

const cell = (widthMm: number, children: Paragraph[]) =>
  new TableCell({
    width: { size: mm(widthMm), type: WidthType.DXA },
    borders: TableBorders.NONE,
    children,
  });

/** A two-column layout table without borders, as the header and the closing block of a letter use. */
const columns = (widthsMm: [number, number], rows: [Paragraph[], Paragraph[]][]) =>
  new Table({
    width: { size: mm(TEXT_WIDTH_MM), type: WidthType.DXA },
    columnWidths: widthsMm.map(mm),
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    rows: rows.map(
      ([left, right]) =>
        new TableRow({ children: [cell(widthsMm[0], left), cell(widthsMm[1], right)] }),
    ),
  });

const body = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(10) },
    spacing: { before: 0, after: 120, line: 276, lineRule: LineRuleType.AUTO },
    children: [run(text)],
  });

function header(letter: FollowUpLetter): Table {
  const [left, right] = [65, TEXT_WIDTH_MM - 65];
  const h = letter.header;
  return columns(
    [left, right],
    [
      [
        [
          line(h.parentBody, { size: 13 }),
          line(h.issuingBody, { size: 13, bold: true }),
          rule(left, 22),
        ],
        [
          line(h.nation, { size: 12, bold: true }),
          line(h.motto, { size: 13, bold: true }),
          rule(right, 60),
        ],
      ],
      [
        [
          line(h.number, { size: 13 }, { spacing: { ...TIGHT, after: 60 } }),
          line(h.subject, { size: 12 }),
        ],
        [line(h.placeAndDate, { size: 14, italics: true })],
      ],
    ],
  );
}

function salutation(letter: FollowUpLetter): Paragraph[] {
  const { label, addressees } = letter.salutation;
  const spacing = { before: 0, after: 0, line: 276, lineRule: LineRuleType.AUTO };
  if (addressees.length === 1)
    return [
      line(`${label} ${addressees[0]}`, {}, { spacing: { ...spacing, before: 360, after: 240 } }),
    ];
  const labelAt = mm(25);
  const listAt = mm(50);
  return addressees.map(
    (a, i) =>
      new Paragraph({
        spacing: {
          ...spacing,
          before: i === 0 ? 360 : 0,
          after: i === addressees.length - 1 ? 240 : 0,
        },
        indent: i === 0 ? { left: listAt, hanging: listAt - labelAt } : { left: listAt },
        tabStops: [{ type: TabStopType.LEFT, position: listAt }],
        children:
          i === 0
            ? [
                run(label),
                new TextRun({ children: [new Tab()], font: FONT, size: pt(BODY_SIZE) }),
                run(a),
              ]
            : [run(a)],
      }),
  );
}

function closing(letter: FollowUpLetter): Table {
  const left = 85;
  const { recipients, signer } = letter;
  const signature = [
    line(signer.onBehalfOf, { bold: true }),
    line(signer.title, { bold: true }),
    line(signer.position, { bold: true }),
    // Space for the signature and the signer's name, written by hand or by the clerk.
    ...Array.from({ length: 5 }, () => line('', { bold: true })),
  ];
  return columns(
    [left, TEXT_WIDTH_MM - left],
    [
      [
        [
          new Paragraph({
            spacing: { ...TIGHT, before: 240 },
            children: [run(recipients.label, { size: 12, bold: true, italics: true })],
          }),
          ...recipients.items.map(
            (item) => new Paragraph({ spacing: TIGHT, children: [run(item, { size: 11 })] }),
          ),
        ],
        [new Paragraph({ spacing: { ...TIGHT, before: 240 }, children: [] }), ...signature],
      ],
    ],
  );
}

/** Lays the letter out as a .docx in the official format; returns the file's bytes. */
export async function renderFollowUpLetterDocx(letter: FollowUpLetter): Promise<Buffer> {
  return Packer.toBuffer(
    new Document({
      title: `Dự thảo công văn đôn đốc trả lời kiến nghị số ${letter.facts.documentNumber}`,
      subject: letter.header.subject,
      creator: CREATOR,
      description: `Dự thảo; số văn bản để trống cho văn thư. Kiến nghị ${letter.facts.recommendationId}.`,
      styles: STYLES,
      sections: [letterSection(letter)],
    }),
  );
}

/**
 * Several follow-up letters in one .docx (every letter at one escalation level, issue 16): each
 * letter a section of its own, starting on a new page with its page numbers from 1, laid out
 * exactly as the single letter.
 */
export async function renderFollowUpLettersDocx(
  letters: FollowUpLetter[],
  title: string,
): Promise<Buffer> {
  return Packer.toBuffer(
    new Document({
      title,
      subject: title,
      creator: CREATOR,
      description: `Dự thảo; ${letters.length} công văn, số văn bản để trống cho văn thư.`,
      styles: STYLES,
      sections: letters.map(letterSection),
    }),
  );
}

const CREATOR = 'Hệ thống theo dõi mô hình điểm Đề án 06 tỉnh Khánh Hòa';

const STYLES = {
  default: {
    document: {
      run: { font: FONT, size: pt(BODY_SIZE), language: { value: 'vi-VN' } },
    },
  },
};

/** One letter as a section: its page, its header (page numbers from the second page on), its text. */
function letterSection(letter: FollowUpLetter) {
  return {
    properties: {
      page: {
        size: { width: LETTER_PAGE.widthTwips, height: LETTER_PAGE.heightTwips },
        margin: {
          top: marginMm(LETTER_PAGE.marginMm.top),
          bottom: marginMm(LETTER_PAGE.marginMm.bottom),
          left: marginMm(LETTER_PAGE.marginMm.left),
          right: marginMm(LETTER_PAGE.marginMm.right),
          header: mm(10),
          footer: mm(10),
        },
        pageNumbers: { start: 1 },
      },
      // Page numbers centred at the top, from the second page on.
      titlePage: true,
    },
    headers: {
      first: new Header({ children: [new Paragraph({ children: [] })] }),
      default: new Header({
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(13) })],
          }),
        ],
      }),
    },
    children: [
      header(letter),
      ...salutation(letter),
      ...letter.paragraphs.map(body),
      closing(letter),
    ],
  };
}
