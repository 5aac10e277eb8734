import { reportMilestones } from './monthly-milestones.js';
import { localDay, vnDate } from '../../common/domain/local-time.js';
import { periodMonthYear } from '../../common/domain/periods.js';
import { PILOT_STATE_LABELS } from '../../pilots/domain/pilot-state.js';
import type {
  AppendixRow,
  BlockerChangeRow,
  IndicatorLine,
  MonthlyReportModel,
  MonthlySummary,
  RecommendationRow,
  ReportProvenance,
} from './monthly-report.model.js';
import type {
  MonthlySource,
  SourceAgency,
  SourceBlockerEvent,
  SourcePilot,
  SourceRecommendation,
} from '../../periods/monthly-source.js';
import { PROVINCE_NAME } from '../../agencies/domain/report-name.js';
import { formatIndicatorValue } from '../../indicators/domain/indicator-format.js';
import { count2, formatInstant, joinNumbers } from './wording.js';
import { owesAnswer } from '../../recommendations/domain/addressee-status.js';
import { addresseePart } from '../../recommendations/domain/addressee-line.js';

/** What the appendix's "Kết quả" cell says when nothing was filed for the period. */
export const NOT_RECORDED = 'Chưa ghi nhận';
export const APPENDIX_TITLE = 'PHỤ LỤC I';
export const APPENDIX_NAME = 'KẾT QUẢ TRIỂN KHAI MÔ HÌNH ĐỀ ÁN 06';
export const WORKING_GROUP = `Tổ công tác Đề án 06 tỉnh ${PROVINCE_NAME}`;
/** Exactly the columns of report 442's appendix. */
export const APPENDIX_COLUMNS = [
  'TT',
  'Tên mô hình',
  'Đơn vị chủ trì',
  'Kết quả, tiến độ thực hiện',
];
export const RECOMMENDATION_COLUMNS = [
  'TT',
  'Số, ký hiệu',
  'Ngày',
  'Cơ quan nhận',
  'Nội dung',
  'Hạn trả lời',
  'Số ngày làm việc quá hạn',
  'Mức đôn đốc',
  'Tình trạng',
];

export const BLOCKER_CATEGORY_LABELS: Readonly<Record<string, string>> = {
  LEGAL: 'Pháp lý',
  GUIDANCE: 'Hướng dẫn',
  DATA_INTEGRATION: 'Kết nối, tích hợp dữ liệu',
  FUNDING: 'Kinh phí',
  STAFFING: 'Nhân lực',
  INFRASTRUCTURE: 'Hạ tầng',
  VENDOR: 'Đơn vị cung cấp giải pháp',
  OTHER: 'Khác',
};
export const BLOCKER_AUTHORITY_LABELS: Readonly<Record<string, string>> = {
  PROVINCE: 'thuộc thẩm quyền của tỉnh',
  CENTRAL: 'vượt thẩm quyền của tỉnh',
};

export interface MonthlyReportOptions {
  provenance: Omit<ReportProvenance, 'asOf'>;
  /** The report the appendix goes with, e.g. "442/BC-TCTĐA06"; left for the clerk when absent. */
  reportNumber?: string;
  /** Its date, `YYYY-MM-DD`. */
  reportDate?: string;
}

/**
 * The monthly report of one period, from its source data. Pure and deterministic: the same
 * source and options give the same model, so a snapshot's report never changes.
 */
export function buildMonthlyReport(
  source: MonthlySource,
  options: MonthlyReportOptions,
): MonthlyReportModel {
  const pilots = [...source.pilots].sort((a, b) => a.number - b.number);
  const rows = pilots.map(appendixRow);
  const asOf = formatInstant(source.asOf);
  return {
    period: source.period,
    periodLabel: periodMonthYear(source.period),
    previousPeriod: source.previousPeriod,
    provenance: { ...options.provenance, asOf: source.asOf },
    asOfNote:
      options.provenance.kind === 'snapshot'
        ? `Số liệu chốt lúc ${asOf}`
        : `Số liệu tại thời điểm ${asOf}, kỳ báo cáo chưa chốt`,
    summary: summarize(pilots),
    milestones: reportMilestones(source),
    appendix: {
      title: APPENDIX_TITLE,
      name: APPENDIX_NAME,
      attachedTo:
        `(Kèm theo Báo cáo số ${options.reportNumber ?? '…/BC-TCTĐA06'} ` +
        `ngày ${options.reportDate ? vnDate(options.reportDate) : '…'} của ${WORKING_GROUP})`,
      columns: APPENDIX_COLUMNS,
      rows,
    },
    recommendations: {
      title: 'KIẾN NGHỊ GỬI TRUNG ƯƠNG CHƯA ĐƯỢC GIẢI QUYẾT',
      columns: RECOMMENDATION_COLUMNS,
      rows: source.recommendations.map(recommendationRow),
    },
    changes: changesOf(source),
    indicators: indicatorLines(source),
  };
}

/** The period's province-wide indicator values (none in a snapshot taken before they existed). */
function indicatorLines(source: MonthlySource): IndicatorLine[] {
  return (source.indicators ?? [])
    .filter((i) => i.pilotNumber === null)
    .map((i) => ({
      code: i.code,
      section: i.section,
      name: i.name,
      value: formatIndicatorValue(i),
      agencyCode: i.agencyCode,
    }));
}

function appendixRow(p: SourcePilot): AppendixRow {
  return {
    number: p.number,
    name: p.name,
    leadAgencies: p.leadAgenciesLabel ?? agencyList(p.leadAgencies.map((a) => a.name)),
    leadAgencyCodes: p.leadAgencies.map((a) => a.code),
    result: p.report ?? NOT_RECORDED,
    state: p.state,
    stateLabel: PILOT_STATE_LABELS[p.state],
    recorded: p.state !== 'NOT_STARTED',
    openBlockers: p.openBlockers.length,
  };
}

/** "A", "A và B", "A, B và C": how the appendix lists several lead agencies. */
function agencyList(names: string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} và ${names[names.length - 1]}`;
}

/**
 * The sentence of section I.5.1: pilots "recorded" (state other than NOT_STARTED) and the rest
 * grouped by their primary lead agency, in the order of each agency's first pilot.
 */
export function summarize(pilots: readonly SourcePilot[]): MonthlySummary {
  const sorted = [...pilots].sort((a, b) => a.number - b.number);
  const recorded = sorted.filter((p) => p.state !== 'NOT_STARTED');
  const notRecorded = sorted.filter((p) => p.state === 'NOT_STARTED');
  const groups = new Map<
    string,
    { agencyCode: string | null; agency: string; pilotNumbers: number[] }
  >();
  for (const p of notRecorded) {
    const lead: SourceAgency | undefined = p.leadAgencies[0];
    const key = lead?.code ?? '';
    const group = groups.get(key) ?? {
      agencyCode: lead?.code ?? null,
      agency: lead?.reportName ?? 'đơn vị chưa xác định',
      pilotNumbers: [],
    };
    group.pilotNumbers.push(p.number);
    groups.set(key, group);
  }
  const byAgency = [...groups.values()];
  const detail = byAgency
    .map(
      (g) =>
        `${count2(g.pilotNumbers.length)} Mô hình do ${g.agency} chủ trì (Mô hình ${joinNumbers(g.pilotNumbers)})`,
    )
    .join('; ');
  let sentence: string;
  if (sorted.length === 0) {
    sentence = 'Chưa có mô hình nào được theo dõi.';
  } else if (notRecorded.length === 0) {
    sentence = `Đến nay, đã ghi nhận ${count2(recorded.length)} mô hình đã và đang triển khai thực hiện.`;
  } else if (recorded.length === 0) {
    sentence =
      `Đến nay, chưa ghi nhận mô hình nào đã và đang triển khai thực hiện; ` +
      `${count2(notRecorded.length)} mô hình chưa ghi nhận việc triển khai, thực hiện (${detail}).`;
  } else {
    sentence =
      `Đến nay, đã ghi nhận ${count2(recorded.length)} mô hình đã và đang triển khai thực hiện, ` +
      `còn lại ${count2(notRecorded.length)} mô hình chưa ghi nhận việc triển khai, thực hiện (${detail}).`;
  }
  return {
    total: sorted.length,
    recorded: recorded.length,
    notRecorded: notRecorded.length,
    notRecordedByAgency: byAgency,
    sentence,
  };
}

function recommendationRow(r: SourceRecommendation, i: number): RecommendationRow {
  return {
    index: i + 1,
    id: r.id,
    state: r.state,
    documentNumber: r.documentNumber ?? '',
    letterDate: r.letterDate ? vnDate(r.letterDate) : '',
    letterDay: r.letterDate,
    addressees: r.addressees.map((a) => a.reportName).join('; '),
    summary: r.summary,
    responseDue: r.responseDueAt ? vnDate(new Date(r.responseDueAt)) : '',
    responseDueDay: r.responseDueAt ? localDay(new Date(r.responseDueAt)) : null,
    workingDaysOverdue: r.workingDaysOverdue,
    escalationLevel: r.escalationLevel,
    escalation:
      r.escalationLevel > 0
        ? `Mức ${r.escalationLevel}${r.escalationLevelName ? `: ${r.escalationLevelName}` : ''}`
        : 'Chưa đôn đốc',
    status:
      r.state === 'ANSWERED' ? 'Đã trả lời, chờ đánh giá' : r.overdue ? 'Quá hạn' : 'Chờ trả lời',
    addresseeLines: addresseeLines(r),
    addresseeRows: addresseeRows(r),
    pilotNumbers: r.pilotNumbers,
  };
}

/**
 * Phụ lục II's rows of a letter, one per addressee as it stood at the source's `asOf`: its due
 * day, its working days overdue and where it stands. A snapshot older than per-addressee letters:
 * one row for all its addressees, with the letter's figures.
 */
function addresseeRows(r: SourceRecommendation): RecommendationRow['addresseeRows'] {
  const letterStatus =
    r.state === 'ANSWERED' ? 'Đã trả lời, chờ đánh giá' : r.overdue ? 'Quá hạn' : 'Chờ trả lời';
  if (!r.addresseeStatuses?.length) {
    return [
      {
        addressee: r.addressees.map((a) => a.reportName).join('; '),
        responseDue: r.responseDueAt ? vnDate(new Date(r.responseDueAt)) : '',
        workingDaysOverdue: r.workingDaysOverdue,
        status: letterStatus,
      },
    ];
  }
  const names = new Map(r.addressees.map((a) => [a.code, a.reportName]));
  return r.addresseeStatuses.map((a) => ({
    addressee: names.get(a.code) ?? a.code,
    responseDue: a.dueAt ? vnDate(new Date(a.dueAt)) : '',
    workingDaysOverdue: a.workingDaysOverdue,
    status: addresseeStatusWords(a, r),
  }));
}

/** One addressee's "Tình trạng" cell: "Quá hạn", "Chờ trả lời", "Đã trả lời ngày 04/11/2026". */
function addresseeStatusWords(
  a: NonNullable<SourceRecommendation['addresseeStatuses']>[number],
  r: SourceRecommendation,
): string {
  if (a.answeredOn) return `Đã trả lời ngày ${vnDate(a.answeredOn)}`;
  if (a.status === 'RELEASED') return 'Thôi theo dõi';
  if (r.state !== 'SENT') return 'Đã trả lời, chờ đánh giá';
  if (a.overdue) return 'Quá hạn';
  return a.status === 'ACKNOWLEDGED' ? 'Đã tiếp nhận, chờ trả lời' : 'Chờ trả lời';
}

/**
 * One line per addressee, as it stood at the source's `asOf` (addressee-line.ts): "Bộ Y tế:
 * quá hạn 37 ngày làm việc". None from a snapshot locked before letters were per addressee.
 */
function addresseeLines(r: SourceRecommendation): string[] {
  const names = new Map(r.addressees.map((a) => [a.code, a.reportName]));
  return (r.addresseeStatuses ?? []).map((a) =>
    addresseePart({
      code: a.code,
      name: names.get(a.code) ?? a.code,
      status: a.status,
      dueAt: a.dueAt ? new Date(a.dueAt) : null,
      answeredOn: a.answeredOn,
      escalationLevel: a.escalationLevel,
      owes: r.state === 'SENT' && owesAnswer(a.status),
      overdue: a.overdue,
      workingDaysOverdue: a.workingDaysOverdue,
    }),
  );
}

/** The report's "Tình trạng" cell: where each addressee stands, one a line; else the letter's. */
export function statusCell(r: RecommendationRow): string {
  return r.addresseeLines.length ? r.addresseeLines.join('\n') : r.status;
}

function blockerChange(b: SourceBlockerEvent, resolved: boolean): BlockerChangeRow {
  return {
    subject: b.pilotNumber !== null ? `Mô hình ${b.pilotNumber}` : (b.topic ?? ''),
    title: b.title,
    date: vnDate(new Date(b.at)),
    note: resolved
      ? (b.resolution ?? '')
      : `${BLOCKER_CATEGORY_LABELS[b.category] ?? b.category}, ${BLOCKER_AUTHORITY_LABELS[b.authority] ?? b.authority}`,
  };
}

function changesOf(source: MonthlySource): MonthlyReportModel['changes'] {
  const c = source.changes;
  return {
    title: `THAY ĐỔI SO VỚI KỲ TRƯỚC (THÁNG ${periodMonthYear(source.previousPeriod)})`,
    stateMoves: {
      columns: ['Mô hình', 'Tên mô hình', 'Từ', 'Sang', 'Ngày', 'Lý do'],
      rows: c.stateMoves.map((m) => ({
        pilotNumber: m.pilotNumber,
        pilotName: m.pilotName,
        from: PILOT_STATE_LABELS[m.from],
        to: PILOT_STATE_LABELS[m.to],
        date: vnDate(new Date(m.at)),
        reason: m.reason ?? '',
      })),
    },
    blockersCreated: {
      columns: ['Mô hình, chủ đề', 'Vướng mắc', 'Ngày ghi nhận', 'Loại, thẩm quyền'],
      rows: c.blockersCreated.map((b) => blockerChange(b, false)),
    },
    blockersResolved: {
      columns: ['Mô hình, chủ đề', 'Vướng mắc', 'Ngày giải quyết', 'Kết quả giải quyết'],
      rows: c.blockersResolved.map((b) => blockerChange(b, true)),
    },
    responsesReceived: {
      columns: ['Kiến nghị', 'Cơ quan trả lời', 'Số, ký hiệu văn bản trả lời', 'Ngày', 'Nội dung'],
      rows: c.responsesReceived.map((r) => ({
        recommendation: [
          r.recommendationDocumentNumber,
          r.recommendationLetterDate ? `ngày ${vnDate(r.recommendationLetterDate)}` : null,
        ]
          .filter(Boolean)
          .join(' '),
        addressees: r.addressees.map((a) => a.reportName).join('; '),
        documentNumber: r.documentNumber,
        date: vnDate(r.date),
        summary: r.summary,
      })),
    },
  };
}

/** `phu-luc-mo-hinh-2023-12.docx` */
export function monthlyFileName(period: string, extension: 'docx' | 'xlsx'): string {
  return `phu-luc-mo-hinh-${period}.${extension}`;
}
