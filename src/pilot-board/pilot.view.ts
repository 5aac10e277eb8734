import { PageOf } from '../common/pagination.js';
import { ApiProperty } from '@nestjs/swagger';
import { AgencyRef } from '../agencies/agency.view.js';
import { MOVE_RULES, type MoveRule } from '../pilots/domain/pilot-lifecycle.js';
import { PILOT_STATES, type PilotState } from '../pilots/domain/pilot-state.js';

/** A state the asking user may move the pilot to (domain/pilot-lifecycle.ts, pilotMovesFor). */
export class PilotMoveView {
  @ApiProperty({ enum: PILOT_STATES })
  to!: PilotState;

  @ApiProperty({
    enum: MOVE_RULES,
    description:
      'free: không điều kiện; reason: cần lý do; guard: cần không còn vướng mắc mở và có báo cáo kỳ này hoặc kỳ trước; secretariat: chỉ thư ký, cần lý do',
  })
  rule!: MoveRule;

  @ApiProperty({ description: 'Phải nêu lý do khi chuyển' })
  reasonRequired!: boolean;

  @ApiProperty({
    type: [String],
    description: 'Vì sao điều kiện chưa đạt (rỗng: chuyển được ngay)',
    example: ['mô hình còn 1 vướng mắc chưa giải quyết'],
  })
  problems!: string[];
}

export class PilotView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ minimum: 1, example: 2 })
  number!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: PILOT_STATES })
  state!: PilotState;

  @ApiProperty({ format: 'date-time' })
  stateChangedAt!: string;

  @ApiProperty()
  version!: number;

  @ApiProperty({ type: [AgencyRef], description: 'Đơn vị chủ trì, đơn vị chính trước' })
  leadAgencies!: AgencyRef[];

  @ApiProperty({ type: String, nullable: true })
  progress!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2023-12' })
  lastReportPeriod!: string | null;

  @ApiProperty({ description: 'Có vướng mắc đang mở' })
  blocked!: boolean;

  @ApiProperty()
  openBlockers!: number;

  @ApiProperty()
  overdueRecommendations!: number;

  @ApiProperty({ description: 'Số mốc tiến độ đã quá hạn mà chưa hoàn thành (MISSED)' })
  missedMilestones!: number;

  @ApiProperty({ description: 'Người hỏi là cán bộ đầu mối của một đơn vị chủ trì mô hình' })
  ledByUserAgency!: boolean;

  @ApiProperty({
    description: 'Người hỏi được cập nhật mô hình: nộp báo cáo, nêu và xử lý vướng mắc',
  })
  canWrite!: boolean;

  @ApiProperty({
    type: [PilotMoveView],
    description: 'Các trạng thái người hỏi được chuyển mô hình sang từ trạng thái hiện tại',
  })
  allowedMoves!: PilotMoveView[];
}

/** The pilot's own facts: its view without what it says about the asking user. */
export type PilotFacts = Omit<PilotView, 'ledByUserAgency' | 'canWrite' | 'allowedMoves'>;

export class PilotPage extends PageOf(PilotView) {}

/** Who moved a pilot (null: the system, or an account that is gone). */
export class HistoryActorView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

/** One move of a pilot along its lifecycle. */
export class HistoryEntry {
  @ApiProperty({ enum: PILOT_STATES, nullable: true, description: 'null: trạng thái đầu tiên' })
  from!: PilotState | null;

  @ApiProperty({ enum: PILOT_STATES })
  to!: PilotState;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ type: HistoryActorView, nullable: true })
  actor!: HistoryActorView | null;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

export class HistoryPage extends PageOf(HistoryEntry) {}
