import { ReportMilestonesView } from './monthly-milestones.view.js';
import { ApiProperty } from '@nestjs/swagger';
import { PILOT_STATES, type PilotState } from '../../pilots/domain/pilot-state.js';
import {
  RECOMMENDATION_STATES,
  type RecommendationState,
} from '../../recommendations/domain/recommendation-state.js';
import type {
  AddresseeRow,
  Appendix,
  AppendixRow,
  BlockerChangeRow,
  ChangesSinceLastPeriod,
  IndicatorLine,
  MonthlyReportModel,
  MonthlySummary,
  RecommendationRow,
  RecommendationTable,
  ReportProvenance,
} from './monthly-report.model.js';

/**
 * The monthly report's JSON answer (format=json) as OpenAPI shows it: the model the renderers
 * read (monthly-report.model.ts), each class implementing its interface so the two cannot drift.
 */
export class MonthlyProvenanceView implements ReportProvenance {
  @ApiProperty({
    enum: ['snapshot', 'live'],
    description: 'snapshot: ảnh chụp số liệu lúc chốt kỳ; live: số liệu hiện tại',
  })
  kind!: 'snapshot' | 'live';

  @ApiProperty({ format: 'date-time', description: 'Lúc đọc số liệu (lúc chốt, với ảnh chụp)' })
  asOf!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  snapshotId!: string | null;
}

export class NotRecordedByAgencyView {
  @ApiProperty({ type: String, nullable: true, example: 'SYT' })
  agencyCode!: string | null;

  @ApiProperty({ example: 'Sở Y tế' })
  agency!: string;

  @ApiProperty({ type: [Number] })
  pilotNumbers!: number[];
}

export class MonthlySummaryView implements MonthlySummary {
  @ApiProperty()
  total!: number;

  @ApiProperty()
  recorded!: number;

  @ApiProperty()
  notRecorded!: number;

  @ApiProperty({
    type: [NotRecordedByAgencyView],
    description: 'Mô hình chưa ghi nhận theo đơn vị chủ trì chính',
  })
  notRecordedByAgency!: NotRecordedByAgencyView[];

  @ApiProperty({ description: 'Câu tổng hợp của mục I.5.1' })
  sentence!: string;
}

export class AppendixRowView implements AppendixRow {
  @ApiProperty({ description: 'TT: số mô hình' })
  number!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  leadAgencies!: string;

  @ApiProperty({ type: [String] })
  leadAgencyCodes!: string[];

  @ApiProperty({ description: 'Báo cáo của kỳ, hoặc "Chưa ghi nhận"' })
  result!: string;

  @ApiProperty({ enum: PILOT_STATES })
  state!: PilotState;

  @ApiProperty({ example: 'Đang thí điểm' })
  stateLabel!: string;

  @ApiProperty({ description: 'Tính vào số mô hình "đã và đang triển khai thực hiện"' })
  recorded!: boolean;

  @ApiProperty()
  openBlockers!: number;
}

export class AppendixView implements Appendix {
  @ApiProperty({ example: 'PHỤ LỤC' })
  title!: string;

  @ApiProperty({ example: 'KẾT QUẢ TRIỂN KHAI MÔ HÌNH ĐỀ ÁN 06' })
  name!: string;

  @ApiProperty()
  attachedTo!: string;

  @ApiProperty({ type: [String] })
  columns!: string[];

  @ApiProperty({ type: [AppendixRowView] })
  rows!: AppendixRowView[];
}

export class MonthlyRecommendationRowView implements RecommendationRow {
  @ApiProperty()
  index!: number;

  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: RECOMMENDATION_STATES })
  state!: RecommendationState;

  @ApiProperty()
  documentNumber!: string;

  @ApiProperty({ description: 'dd/mm/yyyy' })
  letterDate!: string;

  @ApiProperty({ type: String, nullable: true, format: 'date' })
  letterDay!: string | null;

  @ApiProperty()
  addressees!: string;

  @ApiProperty()
  summary!: string;

  @ApiProperty({ description: 'dd/mm/yyyy' })
  responseDue!: string;

  @ApiProperty({ type: String, nullable: true, format: 'date' })
  responseDueDay!: string | null;

  @ApiProperty()
  workingDaysOverdue!: number;

  @ApiProperty()
  escalationLevel!: number;

  @ApiProperty()
  escalation!: string;

  @ApiProperty()
  status!: string;

  @ApiProperty({
    type: [String],
    description:
      'Tình trạng từng cơ quan nhận tại thời điểm chốt số liệu, mỗi cơ quan một dòng (trống với số liệu chốt trước khi theo dõi riêng từng cơ quan)',
    example: ['Bộ Công an: đã trả lời ngày 12/11/2026', 'Bộ Y tế: quá hạn 37 ngày làm việc'],
  })
  addresseeLines!: string[];

  @ApiProperty({
    type: () => [MonthlyAddresseeRowView],
    description:
      'Phụ lục II: mỗi cơ quan nhận một dòng (số liệu chốt trước khi theo dõi riêng từng cơ quan: một dòng chung)',
  })
  addresseeRows!: MonthlyAddresseeRowView[];

  @ApiProperty({ type: [Number] })
  pilotNumbers!: number[];
}

export class MonthlyAddresseeRowView implements AddresseeRow {
  @ApiProperty({ example: 'Cục Y tế dự phòng – Bộ Y tế' })
  addressee!: string;

  @ApiProperty({ example: '17/11/2022', description: 'Hạn trả lời (dd/mm/yyyy)' })
  responseDue!: string;

  @ApiProperty()
  workingDaysOverdue!: number;

  @ApiProperty({ example: 'Quá hạn' })
  status!: string;
}

export class MonthlyRecommendationTableView implements RecommendationTable {
  @ApiProperty()
  title!: string;

  @ApiProperty({ type: [String] })
  columns!: string[];

  @ApiProperty({ type: [MonthlyRecommendationRowView] })
  rows!: MonthlyRecommendationRowView[];
}

export class StateMoveRowView {
  @ApiProperty()
  pilotNumber!: number;

  @ApiProperty()
  pilotName!: string;

  @ApiProperty()
  from!: string;

  @ApiProperty()
  to!: string;

  @ApiProperty()
  date!: string;

  @ApiProperty()
  reason!: string;
}

export class StateMovesView {
  @ApiProperty({ type: [String] })
  columns!: string[];

  @ApiProperty({ type: [StateMoveRowView] })
  rows!: StateMoveRowView[];
}

export class BlockerChangeRowView implements BlockerChangeRow {
  @ApiProperty({ description: '"Mô hình 7" hoặc chủ đề của vướng mắc chung' })
  subject!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  date!: string;

  @ApiProperty()
  note!: string;
}

export class BlockerChangesView {
  @ApiProperty({ type: [String] })
  columns!: string[];

  @ApiProperty({ type: [BlockerChangeRowView] })
  rows!: BlockerChangeRowView[];
}

export class ResponseReceivedRowView {
  @ApiProperty()
  recommendation!: string;

  @ApiProperty()
  addressees!: string;

  @ApiProperty()
  documentNumber!: string;

  @ApiProperty()
  date!: string;

  @ApiProperty()
  summary!: string;
}

export class ResponsesReceivedView {
  @ApiProperty({ type: [String] })
  columns!: string[];

  @ApiProperty({ type: [ResponseReceivedRowView] })
  rows!: ResponseReceivedRowView[];
}

export class ChangesSinceLastPeriodView implements ChangesSinceLastPeriod {
  @ApiProperty()
  title!: string;

  @ApiProperty({ type: StateMovesView })
  stateMoves!: StateMovesView;

  @ApiProperty({ type: BlockerChangesView })
  blockersCreated!: BlockerChangesView;

  @ApiProperty({ type: BlockerChangesView })
  blockersResolved!: BlockerChangesView;

  @ApiProperty({ type: ResponsesReceivedView })
  responsesReceived!: ResponsesReceivedView;
}

export class IndicatorLineView implements IndicatorLine {
  @ApiProperty({ example: 'hoSoTthcDaSoHoa' })
  code!: string;

  @ApiProperty({ example: 'I.4.3' })
  section!: string;

  @ApiProperty({ example: 'Hồ sơ, kết quả giải quyết TTHC đã được số hóa' })
  name!: string;

  @ApiProperty({ example: '268.905 hồ sơ' })
  value!: string;

  @ApiProperty({ example: 'STTTT' })
  agencyCode!: string;
}

export class MonthlyReportView implements MonthlyReportModel {
  @ApiProperty({ example: '2023-12' })
  period!: string;

  @ApiProperty({ example: '12/2023' })
  periodLabel!: string;

  @ApiProperty({ example: '2023-11' })
  previousPeriod!: string;

  @ApiProperty({ type: MonthlyProvenanceView })
  provenance!: MonthlyProvenanceView;

  @ApiProperty({ example: 'Số liệu chốt lúc 08:00 ngày 15/01/2024' })
  asOfNote!: string;

  @ApiProperty({ type: MonthlySummaryView })
  summary!: MonthlySummaryView;

  @ApiProperty({ type: ReportMilestonesView })
  milestones!: ReportMilestonesView;

  @ApiProperty({ type: AppendixView })
  appendix!: AppendixView;

  @ApiProperty({ type: MonthlyRecommendationTableView })
  recommendations!: MonthlyRecommendationTableView;

  @ApiProperty({ type: ChangesSinceLastPeriodView })
  changes!: ChangesSinceLastPeriodView;

  @ApiProperty({ type: [IndicatorLineView], description: 'Số liệu các chỉ số toàn tỉnh của kỳ' })
  indicators!: IndicatorLineView[];
}
