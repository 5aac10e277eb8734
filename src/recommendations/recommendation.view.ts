import { PageOf } from '../common/pagination.js';
import { ApiProperty } from '@nestjs/swagger';
import { AgencyRef } from '../agencies/agency.view.js';
import { AddresseeHolderView } from './addressee-holder.view.js';
import {
  RECOMMENDATION_COMMANDS,
  type RecommendationCommand,
} from './domain/recommendation-lifecycle.js';
import { RECOMMENDATION_STATES, type RecommendationState } from './domain/recommendation-state.js';
import {
  ADDRESSEE_STATUSES,
  RESPONSE_CHANNELS,
  type AddresseeStatus,
  type ResponseChannel,
} from './domain/addressee-status.js';

export class ResponseView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '123/BYT-CNTT' })
  documentNumber!: string;

  @ApiProperty({ format: 'date', example: '2024-01-10' })
  date!: string;

  @ApiProperty()
  summary!: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Cơ quan nhận mà văn bản này trả lời; null: ghi nhận trước khi theo dõi riêng từng cơ quan, chờ thư ký gán',
  })
  addresseeCode!: string | null;

  @ApiProperty({ type: AgencyRef, nullable: true, description: 'Cơ quan ban hành văn bản trả lời' })
  answeredBy!: AgencyRef | null;

  @ApiProperty({
    enum: RESPONSE_CHANNELS,
    description:
      'SECRETARIAT: thư ký ghi nhận; ADDRESSEE_LINK: cơ quan nhận tự ghi qua liên kết trả lời',
  })
  channel!: ResponseChannel;

  @ApiProperty({ description: 'Lần gửi mà văn bản này trả lời' })
  cycle!: number;
}

/** One addressee of a letter, on its own clock (product.md §3). */
export class AddresseeView extends AgencyRef {
  @ApiProperty({ enum: ADDRESSEE_STATUSES })
  status!: AddresseeStatus;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'Hạn trả lời của cơ quan này (riêng, hoặc theo kiến nghị); null khi còn dự thảo',
  })
  dueAt!: string | null;

  @ApiProperty({ description: 'Hạn riêng (khác hạn của kiến nghị)' })
  ownDueAt!: boolean;

  @ApiProperty({ description: 'Còn phải trả lời và đã quá hạn' })
  overdue!: boolean;

  @ApiProperty()
  workingDaysOverdue!: number;

  @ApiProperty({ description: 'Mức nhắc cao nhất của cơ quan này trong lần gửi hiện tại' })
  escalationLevel!: number;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  statusChangedAt!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Đơn vị, người xử lý tại cơ quan nhận',
  })
  handledBy!: string | null;

  @ApiProperty({ type: String, nullable: true })
  releaseReason!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date',
    description: 'Ngày văn bản trả lời (lần gửi hiện tại)',
  })
  answeredOn!: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Trả lời muộn bao nhiêu ngày làm việc so với hạn (0: đúng hạn)',
  })
  answeredLateWorkingDays!: number | null;

  @ApiProperty({ type: () => [ResponseView] })
  responses!: ResponseView[];
}

export class RecommendationBlockerRef {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: Number, nullable: true })
  pilotNumber!: number | null;

  @ApiProperty({ type: String, nullable: true })
  topic!: string | null;
}

/** Whether the asking user may draft a follow-up letter for this letter now. */
export class FollowUpLetterView {
  @ApiProperty({ description: 'Soạn được ngay (đã gửi, chưa trả lời, đã đến mức tối thiểu)' })
  canDraft!: boolean;

  @ApiProperty({ description: 'Mức đôn đốc tối thiểu để soạn công văn đôn đốc', example: 2 })
  minLevel!: number;

  @ApiProperty({ type: String, nullable: true, description: 'Vì sao chưa soạn được' })
  problem!: string | null;
}

export class RecommendationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: RECOMMENDATION_STATES })
  state!: RecommendationState;

  @ApiProperty({ type: String, nullable: true, example: '5772/TCTĐA06-CAT' })
  documentNumber!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date' })
  letterDate!: string | null;

  @ApiProperty({ type: AgencyRef, nullable: true })
  senderAgency!: AgencyRef | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  sentAt!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  responseDueAt!: string | null;

  @ApiProperty()
  summary!: string;

  @ApiProperty({
    type: [AddresseeView],
    description:
      'Cơ quan được kiến nghị (đề nghị xử lý, được nhắc), mỗi cơ quan một trạng thái, hạn, mức nhắc và văn bản trả lời riêng',
  })
  addressees!: AddresseeView[];

  @ApiProperty({
    type: [AgencyRef],
    description: 'Nơi nhận (để biết), theo thứ tự trên văn bản; không nhận thư nhắc, đôn đốc',
  })
  distribution!: AgencyRef[];

  @ApiProperty({ type: [RecommendationBlockerRef] })
  blockers!: RecommendationBlockerRef[];

  @ApiProperty({ type: [ResponseView] })
  responses!: ResponseView[];

  @ApiProperty({ description: 'Lần gửi (tăng khi mở lại)' })
  cycle!: number;

  @ApiProperty()
  version!: number;

  @ApiProperty({ description: 'Có cơ quan nhận còn phải trả lời đã quá hạn' })
  overdue!: boolean;

  @ApiProperty({ description: 'Số ngày làm việc quá hạn lớn nhất trong các cơ quan nhận' })
  workingDaysOverdue!: number;

  @ApiProperty({
    description: 'Mức cao nhất đã nhắc trong lần gửi hiện tại (kể cả khi đã trả lời)',
  })
  escalationLevel!: number;

  @ApiProperty({
    description: 'Mức đôn đốc còn hiệu lực: như escalationLevel khi SENT, ngoài ra 0',
  })
  activeEscalationLevel!: number;

  @ApiProperty({
    enum: RECOMMENDATION_COMMANDS,
    isArray: true,
    description: 'Các thao tác người hỏi được làm với kiến nghị ở trạng thái hiện tại',
  })
  allowedCommands!: RecommendationCommand[];

  @ApiProperty({
    type: FollowUpLetterView,
    nullable: true,
    description: 'null: vai trò của người hỏi không soạn công văn đôn đốc',
  })
  followUpLetter!: FollowUpLetterView | null;

  @ApiProperty({
    description:
      'Kiến nghị của đơn vị người hỏi (cán bộ đầu mối: đơn vị gửi, được kiến nghị, hoặc chủ trì mô hình liên quan); danh sách xếp các kiến nghị này trước',
  })
  ofUserAgency!: boolean;

  @ApiProperty({
    type: [AddresseeHolderView],
    description:
      'Theo từng cơ quan nhận (tên như trên văn bản): cơ quan giữ nhiệm vụ hôm nay, qua sự kiện kế thừa nào',
  })
  addresseeHolders!: AddresseeHolderView[];

  @ApiProperty({
    description:
      'Đang mở (SENT, ANSWERED) và có cơ quan nhận chờ thư ký chọn cơ quan kế thừa: thư nhắc tới cơ quan đó tạm dừng',
  })
  heldSuccession!: boolean;
}

export class RecommendationPage extends PageOf(RecommendationView) {}
