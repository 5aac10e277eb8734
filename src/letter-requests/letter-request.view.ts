import { ApiProperty } from '@nestjs/swagger';
import { AgencyRef } from '../agencies/agency.view.js';
import { BLOCKER_STATES, type BlockerState } from '../blockers/domain/blocker-enums.js';
import { PageOf } from '../common/pagination.js';
import {
  RECOMMENDATION_STATES,
  type RecommendationState,
} from '../recommendations/domain/recommendation-state.js';
import {
  LETTER_REQUEST_COMMANDS,
  LETTER_REQUEST_STATES,
  type LetterRequestCommand,
  type LetterRequestState,
} from './domain/letter-request-lifecycle.js';

export class LetterRequestBlockerRef {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: BLOCKER_STATES })
  state!: BlockerState;

  @ApiProperty({ type: String, nullable: true, description: 'Vướng mắc chung: chủ đề' })
  topic!: string | null;
}

export class LetterRequestPilotRef {
  @ApiProperty()
  number!: number;

  @ApiProperty()
  name!: string;
}

export class LetterRequestUserRef {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

export class LetterRequestLetterRef {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: RECOMMENDATION_STATES })
  state!: RecommendationState;

  @ApiProperty({ type: String, nullable: true })
  documentNumber!: string | null;
}

export class LetterRequestView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: LETTER_REQUEST_STATES })
  state!: LetterRequestState;

  @ApiProperty({ type: LetterRequestBlockerRef })
  blocker!: LetterRequestBlockerRef;

  @ApiProperty({ type: LetterRequestPilotRef, nullable: true })
  pilot!: LetterRequestPilotRef | null;

  @ApiProperty({ type: [AgencyRef], description: 'Đơn vị chủ trì mô hình hiện nay' })
  leadAgencies!: AgencyRef[];

  @ApiProperty({ type: AgencyRef, description: 'Cơ quan đề nghị gửi kiến nghị đến' })
  addressee!: AgencyRef;

  @ApiProperty({ description: 'Đề nghị cơ quan đó điều gì' })
  question!: string;

  @ApiProperty({ description: 'Vì sao vướng mắc cản trở mô hình' })
  impact!: string;

  @ApiProperty({ type: LetterRequestUserRef, nullable: true })
  requestedBy!: LetterRequestUserRef | null;

  @ApiProperty({ type: AgencyRef, nullable: true, description: 'null: thư ký đề nghị' })
  requestingAgency!: AgencyRef | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ description: 'Số ngày từ khi đề nghị (theo ngày lịch, giờ Việt Nam)' })
  ageDays!: number;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  closedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Lý do từ chối hoặc rút' })
  closingReason!: string | null;

  @ApiProperty({
    type: LetterRequestLetterRef,
    nullable: true,
    description: 'Dự thảo kiến nghị được soạn từ đề nghị này (DRAFTED)',
  })
  recommendation!: LetterRequestLetterRef | null;

  @ApiProperty()
  version!: number;

  @ApiProperty({
    enum: LETTER_REQUEST_COMMANDS,
    isArray: true,
    description: 'Các thao tác người hỏi được làm với đề nghị ở trạng thái hiện tại',
  })
  allowedCommands!: LetterRequestCommand[];
}

export class LetterRequestPage extends PageOf(LetterRequestView) {}

/** An open CENTRAL blocker that no sent (or answered) letter covers. */
export class UncoveredBlockerView {
  @ApiProperty({ type: LetterRequestBlockerRef })
  blocker!: LetterRequestBlockerRef;

  @ApiProperty({ type: LetterRequestPilotRef, nullable: true })
  pilot!: LetterRequestPilotRef | null;

  @ApiProperty({ type: [AgencyRef], description: 'Đơn vị chủ trì mô hình hiện nay' })
  leadAgencies!: AgencyRef[];

  @ApiProperty({ format: 'date-time', description: 'Khi vướng mắc được nêu' })
  since!: string;

  @ApiProperty({ description: 'Số ngày từ khi vướng mắc được nêu' })
  ageDays!: number;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Dự thảo kiến nghị (chưa gửi) đã gắn vướng mắc này',
  })
  draftIds!: string[];
}

/** The secretariat's queue "Đề nghị kiến nghị", oldest first in each list. */
export class LetterRequestQueueView {
  @ApiProperty({ type: [LetterRequestView], description: 'Đề nghị đang chờ xử lý (OPEN)' })
  requests!: LetterRequestView[];

  @ApiProperty({
    type: [UncoveredBlockerView],
    description:
      'Vướng mắc thẩm quyền Trung ương đang mở mà chưa kiến nghị nào đã gửi bao quát (trừ những vướng mắc đã có đề nghị đang chờ)',
  })
  uncoveredBlockers!: UncoveredBlockerView[];
}
