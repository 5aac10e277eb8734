import { PROVINCE_NAME } from '../../agencies/domain/report-name.js';
import {
  narrativeLines,
  type NarrativeSection,
  type NarrativeText,
  type ReportText,
} from '../../periods/report-text.js';
import type { MonthlySource } from '../../periods/monthly-source.js';
import type { MonthlyReportModel, RecommendationRow } from './monthly-report.model.js';
import { milestoneSentence, type ReportMilestoneLine } from './monthly-milestones.js';
import { count2 } from './wording.js';
import { anchored, placeNotes, splitNotes, type Note } from './footnotes.js';

/*
 * The body of the monthly "BÁO CÁO" in the sections of report 442, as blocks of text: the
 * secretariat's narrative (periods/report-text.ts) between the parts the data writes — the
 * I.5.1 sentences, the pilots' blockers beyond the province's authority (II.2), the
 * recommendations the report carries and the letters still unanswered (III). Pure, so the same
 * data and text always give the same document.
 */

export interface Run {
  text: string;
  italics?: boolean;
  bold?: boolean;
  /** A footnote's mark here, its text at the foot of the page (the run's text is empty). */
  note?: Note;
}

/** A heading (bold, "I. KẾT QUẢ …", "4.1. …") or a paragraph of the body (bullets included). */
export interface Block {
  kind: 'heading' | 'paragraph';
  runs: Run[];
}

/** A pilot's blocker beyond the province's authority, as section II prints it. */
export interface CentralBlocker {
  pilotNumber: number;
  pilotName: string;
  description: string;
  /** The report's footnotes on its words (442's 9 and 10 on pilot 2's), each after its words. */
  notes?: Note[];
}

const DE_AN =
  'Phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030';
const PLAN_6559 =
  'Kế hoạch phối hợp số 6559/KHPH-TCTĐA06CP-TCTĐA06KH ngày 04/7/2023 giữa Tổ công tác Đề án 06 của Chính phủ và Tổ công tác Đề án 06 tỉnh Khánh Hòa';
const PLAN_6559_SHORT = 'Kế hoạch phối hợp số 6559/KHPH-TCTĐA06CP-TCTĐA06KH ngày 04/7/2023';

/** The trích yếu under "BÁO CÁO": 442's, the period in brackets on its own line. */
export function subjectLines(periodLabel: string): string[] {
  return [
    `Kết quả triển khai, thực hiện Đề án “${DE_AN.replace('2022 - 2025', '2022-2025')}”`,
    `(Tháng ${periodLabel})`,
  ];
}

const heading = (text: string): Block => ({ kind: 'heading', runs: [{ text }] });
const paragraph = (...runs: (string | Run)[]): Block => ({
  kind: 'paragraph',
  runs: runs.map((r) => (typeof r === 'string' ? { text: r } : r)),
});

/** "7.1. …" or "a) …": a numbered line of the narrative. */
const NUMBERED = /^(\d+(\.\d+)*\.|[a-zđ]\))\s+\S/;
/** A run-in heading: its label up to the first colon, then the text it heads. */
const RUN_IN = /^(.{1,150}?:)(\s+\S[\s\S]*)$/;
/** A footnote of the narrative: "[^4]: Đến nay …" on a line of its own, "[^4]" where it is marked. */
const FOOTNOTE_LINE = /^\[\^(\d{1,3})\]:\s*(\S[\s\S]*)$/;
const FOOTNOTE_MARK = /\[\^(\d{1,3})\]/g;

/** A run cut at its footnote marks ("[^4]"), each a footnote with its line's text; others kept. */
function marked(run: Run, notes: ReadonlyMap<string, string>): Run[] {
  const runs: Run[] = [];
  let from = 0;
  for (const m of run.text.matchAll(FOOTNOTE_MARK)) {
    const note = notes.get(m[1]);
    if (note === undefined) continue;
    runs.push({ ...run, text: run.text.slice(from, m.index) });
    runs.push({ text: '', note: { number: Number(m[1]), anchor: '', text: note } });
    from = m.index + m[0].length;
  }
  runs.push({ ...run, text: run.text.slice(from) });
  return runs.filter((r) => r.note || r.text !== '');
}

/**
 * A section's lines as blocks. A numbered line that goes on after a colon ("7.4. Đối với dữ
 * liệu ngành Tư pháp: Đã hoàn thành …") is a paragraph whose label alone is bold, whatever its
 * length: as headings, the short ones printed bold to their last figure and the long ones not
 * at all. A line "[^n]: …" is footnote n's text, printed at the foot of the page where "[^n]" is
 * marked (report 442's footnotes 1–8), not a paragraph.
 */
function narrative(text: string): Block[] {
  const lines = narrativeLines(text);
  const notes = new Map(
    lines.flatMap((l) => {
      const m = FOOTNOTE_LINE.exec(l.text);
      return m ? [[m[1], m[2]] as const] : [];
    }),
  );
  return lines
    .filter((l) => !FOOTNOTE_LINE.test(l.text))
    .map((l): Block => {
      const runIn = l.kind !== 'bullet' && NUMBERED.test(l.text) ? RUN_IN.exec(l.text) : null;
      const block: Block = runIn
        ? { kind: 'paragraph', runs: [{ text: runIn[1], bold: true }, { text: runIn[2] }] }
        : l.kind === 'heading'
          ? heading(l.text)
          : paragraph(l.text);
      return { ...block, runs: block.runs.flatMap((r) => marked(r, notes)) };
    });
}

/**
 * The open CENTRAL blockers of the pilots, each with the text it was raised with (its first
 * paragraph: what follows is the report's footnotes on it). When the report itself carries
 * letters about pilots (its number on them), those pilots' only: section II states the
 * difficulties that section III asks the centre to remove.
 */
export function centralBlockers(
  source: MonthlySource,
  model: MonthlyReportModel,
  reportNumber: string | null,
): CentralBlocker[] {
  const carried = new Set(ownLetters(model, reportNumber).flatMap((r) => r.pilotNumbers));
  return [...source.pilots]
    .sort((a, b) => a.number - b.number)
    .filter((p) => carried.size === 0 || carried.has(p.number))
    .flatMap((p) =>
      p.openBlockers
        .filter((b) => b.authority === 'CENTRAL')
        .map((b) => {
          const { text, notes } = splitNotes(b.description ?? b.title);
          const description = text.split('\n')[0].trim();
          return {
            pilotNumber: p.number,
            pilotName: p.name,
            description,
            notes: notes.filter((n) => anchored(description, n)),
          };
        }),
    );
}

/** The open letters this report itself is (its number on them), in the report's order. */
function ownLetters(model: MonthlyReportModel, reportNumber: string | null): RecommendationRow[] {
  return reportNumber
    ? model.recommendations.rows.filter((r) => r.documentNumber === reportNumber)
    : [];
}

/** Section III: the report's own recommendations, the pilots' grouped as 442 groups them. */
function proposals(model: MonthlyReportModel, reportNumber: string | null): Block[] {
  const names = new Map(model.appendix.rows.map((r) => [r.number, r.name]));
  const own = ownLetters(model, reportNumber);
  const blocks: Block[] = [];
  let grouped = false;
  for (const r of own) {
    if (r.pilotNumbers.length === 0) {
      blocks.push(paragraph(`- ${r.summary}`));
      continue;
    }
    if (!grouped) {
      grouped = true;
      blocks.push(
        paragraph(
          `- Kiến nghị Tổ công tác Đề án 06 và các bộ, ngành, cơ quan Trung ương liên quan tháo gỡ các khó khăn, vướng mắc liên quan đến việc triển khai, thực hiện các Mô hình Đề án 06 thuộc ${PLAN_6559_SHORT} (đã nêu cụ thể tại Mục 2, Phần II). Cụ thể như sau:`,
        ),
      );
      const byPilot = own
        .filter((l) => l.pilotNumbers.length > 0)
        .sort((a, b) => a.pilotNumbers[0] - b.pilotNumbers[0]);
      for (const letter of byPilot) {
        const subject = letter.pilotNumbers
          .map((n) => `Mô hình ${n}${names.has(n) ? ` (${names.get(n)})` : ''}`)
          .join(', ');
        blocks.push(paragraph(`+ ${subject}: ${letter.summary}`));
      }
    }
  }
  const earlier = model.recommendations.rows.filter(
    (r) => !reportNumber || r.documentNumber !== reportNumber,
  );
  if (earlier.length > 0) {
    const overdue = earlier.filter((r) => r.workingDaysOverdue > 0).length;
    blocks.push(
      paragraph(
        `- Kiến nghị các bộ, ngành, cơ quan Trung ương sớm trả lời ${count2(earlier.length)} văn bản kiến nghị của tỉnh chưa được giải quyết` +
          (overdue > 0 ? `, trong đó ${count2(overdue)} văn bản đã quá hạn trả lời` : '') +
          ' (chi tiết tại Phụ lục II).',
      ),
    );
  }
  return blocks;
}

/**
 * The period's province-wide figures as the agencies entered them (the indicators), one line
 * each in the report's section order, after the secretariat's narrative of section I — only
 * those of a section the narrative leaves empty (see narrativeCovers): where the secretariat
 * wrote a section, its sentences state its figures, as report 442's do, and a list repeating
 * them would make the document read otherwise. A first period's headings alone cover nothing.
 */
function indicatorFigures(model: MonthlyReportModel, sections: NarrativeText): Block[] {
  const uncovered = model.indicators.filter((i) => !narrativeCovers(sections, i.section));
  if (uncovered.length === 0) return [];
  return [
    paragraph(
      `- Số liệu chỉ tiêu chủ yếu tháng ${model.periodLabel} do các cơ quan, đơn vị cập nhật:`,
    ),
    ...uncovered.map((i) => paragraph(`+ ${i.name}: ${i.value}.`)),
  ];
}

const NARRATIVE_OF: Readonly<Record<string, readonly NarrativeSection[]>> = {
  I: ['results', 'resultsMore'],
  II: ['assessment'],
  III: ['proposals'],
  IV: ['tasks'],
};

/** "4.3." of "4.3. Triển khai …" as [4, 3]; null for a line without a number ("a) …", "- …"). */
function numbering(line: string): string[] | null {
  const m = /^(\d+(?:\.\d+)*)\.\s/.exec(line);
  return m ? m[1].split('.') : null;
}

/**
 * Whether the period's narrative says something under a report section ("I.4.3", "I.6", "I"):
 * its numbered line ("4.3. …") carries text after a colon ("7.1. Đối với dữ liệu ngành Y tế:
 * Đã thực hiện …"), or a line follows it before the next line numbered outside it ("4.4.",
 * "5."); lines "a) …", bullets and deeper numbers ("4.3.1.") are inside it. A bare roman
 * section is covered by any line that is not a heading.
 */
export function narrativeCovers(sections: NarrativeText, section: string): boolean {
  const [roman, ...path] = section.split('.');
  const lines = (NARRATIVE_OF[roman] ?? [])
    .flatMap((name) => narrativeLines(sections[name]))
    .map((l) => ({ ...l, number: numbering(l.text) }));
  if (path.length === 0) return lines.some((l) => l.kind !== 'heading');
  const inside = (n: string[] | null) =>
    n !== null && n.length > path.length && path.every((p, i) => n[i] === p);
  const at = lines.findIndex(
    (l) => l.number?.length === path.length && path.every((p, i) => l.number![i] === p),
  );
  if (at < 0) return false;
  if (/:\s*\S/.test(lines[at].text)) return true;
  const next = lines[at + 1];
  return next !== undefined && (next.number === null || inside(next.number));
}

/**
 * Section I.5.1's milestones due or done in the month, but for those the pilot's own row of
 * Phụ lục I already states (its due day, month or year; its day done): report 442 names pilot
 * 9's evaluation "trước … 30/12/2023" in the appendix only.
 */
function milestonesToList(model: MonthlyReportModel): ReportMilestoneLine[] {
  const results = new Map(model.appendix.rows.map((r) => [r.number, r.result]));
  return model.milestones.dueThisPeriod.filter((m) => {
    const said = results.get(m.pilotNumber) ?? '';
    const when =
      m.state === 'DONE' && m.doneOn ? m.doneOn : m.due.replace(/^hạn (trong )?(tháng )?/, '');
    return !said.includes(when);
  });
}

/** The whole body, from the opening paragraph to "… kính báo cáo./.". */
export function reportBody(
  model: MonthlyReportModel,
  text: ReportText,
  blockers: readonly CentralBlocker[],
): Block[] {
  const [year, month] = model.period.split('-');
  const listed = milestonesToList(model);
  return [
    paragraph(
      'Thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án ',
      { text: DE_AN, italics: true },
      ` (sau đây gọi là Đề án 06) và Văn bản số 1580/TCTTKĐA ngày 22/5/2023 của Tổ công tác triển khai Đề án 06 của Chính phủ. Tổ công tác Đề án 06 tỉnh ${PROVINCE_NAME} báo cáo kết quả triển khai thực hiện tháng ${Number(month)} năm ${year} với các nội dung cụ thể như sau:`,
    ),
    heading('I. KẾT QUẢ CÁC MẶT CÔNG TÁC'),
    ...narrative(text.sections.results),
    heading('5. Nhóm tiện ích phát triển kinh tế, xã hội'),
    heading(
      '5.1. Kết quả ứng dụng CSDLQG về dân cư, CCCD, định danh và xác thực điện tử phục vụ phát triển kinh tế, xã hội',
    ),
    paragraph(
      `Trong tháng, tỉnh ${PROVINCE_NAME} tiếp tục tổ chức triển khai thực hiện ${PLAN_6559}. ${model.summary.sentence}`,
    ),
    ...(listed.length
      ? [
          paragraph('- Các mốc tiến độ của mô hình đến hạn, hoàn thành trong tháng:'),
          ...listed.map((m) => paragraph(milestoneSentence(m))),
        ]
      : []),
    paragraph('(có phụ lục kết quả kèm theo).'),
    ...narrative(text.sections.resultsMore),
    ...indicatorFigures(model, text.sections),
    heading('II. NHẬN XÉT, ĐÁNH GIÁ'),
    ...narrative(text.sections.assessment),
    ...(blockers.length
      ? [
          paragraph(
            `- Quá trình triển khai các mô hình Đề án 06 thuộc ${PLAN_6559_SHORT}, các cơ quan, đơn vị còn gặp phải một số khó khăn, vướng mắc vượt thẩm quyền giải quyết của tỉnh như sau:`,
          ),
          ...blockers.map((b): Block => ({
            kind: 'paragraph',
            runs: placeNotes(
              `+ Mô hình ${b.pilotNumber} (${b.pilotName}): ${b.description}`,
              b.notes ?? [],
            ).map((part) => (typeof part === 'string' ? { text: part } : { text: '', note: part })),
          })),
        ]
      : []),
    ...(model.milestones.missed.length
      ? [
          paragraph('- Một số mốc tiến độ của các mô hình chưa hoàn thành đúng hạn:'),
          ...model.milestones.missed.map((m) => paragraph(milestoneSentence(m))),
        ]
      : []),
    heading('III. KIẾN NGHỊ, ĐỀ XUẤT'),
    ...proposals(model, text.reportNumber),
    ...narrative(text.sections.proposals),
    heading('IV. NHIỆM VỤ TRỌNG TÂM TRONG THỜI GIAN TỚI'),
    ...narrative(text.sections.tasks),
    paragraph(
      `Trên đây là báo cáo tháng ${model.periodLabel} của tỉnh ${PROVINCE_NAME} thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ về phê duyệt Đề án “`,
      { text: DE_AN.replace('2022 - 2025', '2022 – 2025'), italics: true },
      `”, Tổ công tác Đề án 06 tỉnh ${PROVINCE_NAME} kính báo cáo./.`,
    ),
  ];
}
