import type { PilotState } from '../../pilots/domain/pilot-state.js';
import type { RecommendationState } from '../../recommendations/domain/recommendation-state.js';
import type { ReportMilestones } from './monthly-milestones.js';

/** Where a report's data came from: the period's frozen snapshot, or the live data. */
export interface ReportProvenance {
  kind: 'snapshot' | 'live';
  /** When the data was read (the lock time of a snapshot). */
  asOf: string;
  /** Locked periods: the snapshot's id. */
  snapshotId: string | null;
}

/** The monthly report as the renderers and the JSON answer see it. All texts are Vietnamese. */
export interface MonthlyReportModel {
  period: string;
  /** "12/2023" */
  periodLabel: string;
  previousPeriod: string;
  provenance: ReportProvenance;
  /** "Số liệu chốt lúc 08:00 ngày 15/01/2024" or "Số liệu tại thời điểm …, chưa chốt". */
  asOfNote: string;
  summary: MonthlySummary;
  /** The pilots' milestones due or done in the period, and missed by its cut-off. */
  milestones: ReportMilestones;
  appendix: Appendix;
  recommendations: RecommendationTable;
  changes: ChangesSinceLastPeriod;
  /** Section I's province-wide figures of the period (the indicators), in the report's order. */
  indicators: IndicatorLine[];
}

/** One indicator's value as section I prints it: "Hồ sơ … đã được số hóa: 268.905 hồ sơ". */
export interface IndicatorLine {
  code: string;
  /** "I.4.3" */
  section: string;
  name: string;
  /** "460/475 đơn vị (96,8%)" */
  value: string;
  agencyCode: string;
}

export interface MonthlySummary {
  total: number;
  recorded: number;
  notRecorded: number;
  /** The not-recorded pilots by primary lead agency, in the order of their first pilot. */
  notRecordedByAgency: { agencyCode: string | null; agency: string; pilotNumbers: number[] }[];
  /** The sentence of section I.5.1, e.g. "Đến nay, đã ghi nhận 23 mô hình …". */
  sentence: string;
}

export interface Appendix {
  /** "PHỤ LỤC" */
  title: string;
  /** "KẾT QUẢ TRIỂN KHAI MÔ HÌNH ĐỀ ÁN 06" */
  name: string;
  /** "(Kèm theo Báo cáo số … ngày … của Tổ công tác Đề án 06 tỉnh Khánh Hòa)" */
  attachedTo: string;
  columns: string[];
  rows: AppendixRow[];
}

export interface AppendixRow {
  /** TT: the pilot number. */
  number: number;
  /** Tên mô hình */
  name: string;
  /** Đơn vị chủ trì */
  leadAgencies: string;
  leadAgencyCodes: string[];
  /** Kết quả, tiến độ thực hiện: the period's report, or "Chưa ghi nhận". */
  result: string;
  state: PilotState;
  /** The state in Vietnamese ("Đang thí điểm"). */
  stateLabel: string;
  /** Counted among the pilots "đã và đang triển khai thực hiện" (state ≠ NOT_STARTED). */
  recorded: boolean;
  openBlockers: number;
}

export interface RecommendationTable {
  title: string;
  columns: string[];
  rows: RecommendationRow[];
}

export interface RecommendationRow {
  index: number;
  id: string;
  state: RecommendationState;
  /** Số/ký hiệu */
  documentNumber: string;
  /** Ngày (dd/mm/yyyy) */
  letterDate: string;
  letterDay: string | null;
  /** Cơ quan nhận */
  addressees: string;
  /** Nội dung */
  summary: string;
  /** Hạn trả lời (dd/mm/yyyy) */
  responseDue: string;
  /** The due day in Asia/Ho_Chi_Minh, `YYYY-MM-DD`. */
  responseDueDay: string | null;
  /** Số ngày làm việc quá hạn */
  workingDaysOverdue: number;
  /** Mức đôn đốc */
  escalationLevel: number;
  escalation: string;
  /** Tình trạng: "Chờ trả lời" / "Đã trả lời, chờ đóng" */
  status: string;
  /**
   * Tình trạng of each addressee as of the report's cut-off, one line each, in the letter's
   * order: "Bộ Công an: đã trả lời ngày 12/11/2026", "Bộ Y tế: quá hạn 37 ngày làm việc".
   */
  addresseeLines: string[];
  /** Phụ lục II: one row per addressee (one for all, from a snapshot of before). */
  addresseeRows: AddresseeRow[];
  pilotNumbers: number[];
}

export interface AddresseeRow {
  /** Cơ quan nhận */
  addressee: string;
  /** Hạn trả lời (dd/mm/yyyy) */
  responseDue: string;
  workingDaysOverdue: number;
  /** "Quá hạn", "Chờ trả lời", "Đã trả lời ngày 12/11/2026" */
  status: string;
}

export interface ChangesSinceLastPeriod {
  title: string;
  stateMoves: {
    columns: string[];
    rows: {
      pilotNumber: number;
      pilotName: string;
      from: string;
      to: string;
      date: string;
      reason: string;
    }[];
  };
  blockersCreated: { columns: string[]; rows: BlockerChangeRow[] };
  blockersResolved: { columns: string[]; rows: BlockerChangeRow[] };
  responsesReceived: {
    columns: string[];
    rows: {
      recommendation: string;
      addressees: string;
      documentNumber: string;
      date: string;
      summary: string;
    }[];
  };
}

export interface BlockerChangeRow {
  /** "Mô hình 7" or the cross-cutting topic. */
  subject: string;
  title: string;
  date: string;
  /** Resolution of a resolved blocker; category/authority otherwise. */
  note: string;
}
