import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../common/pagination.js';
import { AGENCY_KINDS, type AgencyKind } from './agency-kind.js';
import { SUCCESSION_KINDS, type SuccessionKind } from './domain/succession.js';

/** An agency as a pilot's or a letter's view names it: its code and name. */
export class AgencyRef {
  @ApiProperty({ example: 'SYT' })
  code!: string;

  @ApiProperty({ example: 'Sở Y tế' })
  name!: string;
}

/** One link of a succession event, seen from one of its ends: the agency at the other end. */
export class SuccessionNeighbour extends AgencyRef {
  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ enum: SUCCESSION_KINDS })
  kind!: SuccessionKind;

  @ApiProperty({ format: 'date', example: '2025-03-01', description: 'Ngày có hiệu lực' })
  effectiveOn!: string;

  @ApiProperty({ example: 'Nghị quyết 176/2025/QH15' })
  legalBasis!: string;

  @ApiProperty({ description: 'Cơ quan kế thừa chính' })
  isMain!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Phần nhiệm vụ được chuyển (vd. an toàn thông tin); null: toàn bộ hoặc phần còn lại',
  })
  scope!: string | null;
}

/** One step followed from an old agency to a new one. */
export class SuccessionStepView {
  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ enum: SUCCESSION_KINDS })
  kind!: SuccessionKind;

  @ApiProperty({ format: 'date', example: '2025-03-01' })
  effectiveOn!: string;

  @ApiProperty({ example: 'Nghị quyết 176/2025/QH15' })
  legalBasis!: string;

  @ApiProperty({ type: AgencyRef })
  from!: AgencyRef;

  @ApiProperty({ type: AgencyRef })
  to!: AgencyRef;
}

/**
 * Who holds an agency's duties on a day, following succession events from their effective day:
 * `HELD_BY` names the agency (itself when nothing moved it) and the steps followed; `AMBIGUOUS`
 * names the agency a split left without one successor and the candidates.
 */
export class HolderView {
  @ApiProperty({ enum: ['HELD_BY', 'AMBIGUOUS'] })
  status!: 'HELD_BY' | 'AMBIGUOUS';

  @ApiProperty({ type: AgencyRef, nullable: true, description: 'Cơ quan đang giữ nhiệm vụ' })
  agency!: AgencyRef | null;

  @ApiProperty({ type: [SuccessionStepView], description: 'Các bước kế thừa đã đi qua' })
  via!: SuccessionStepView[];

  @ApiProperty({
    type: AgencyRef,
    nullable: true,
    description: 'AMBIGUOUS: cơ quan bị chia tách mà chưa xác định được cơ quan kế thừa',
  })
  at!: AgencyRef | null;

  @ApiProperty({
    type: [SuccessionNeighbour],
    description: 'AMBIGUOUS: các cơ quan có thể kế thừa',
  })
  candidates!: SuccessionNeighbour[];
}

export class AgencyView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'SYT' })
  code!: string;

  @ApiProperty({ example: 'Sở Y tế' })
  name!: string;

  @ApiProperty({ example: 'SYT' })
  shortName!: string;

  @ApiProperty({ enum: AGENCY_KINDS })
  kind!: AgencyKind;

  @ApiProperty({ type: String, nullable: true })
  parentCode!: string | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Ngày bắt đầu tồn tại với tên này; null: từ trước khi có dữ liệu',
  })
  validFrom!: string | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Ngày thôi tồn tại với tên này (không tính ngày đó); null: đang tồn tại',
  })
  validUntil!: string | null;

  @ApiProperty({ description: 'Hôm nay còn tồn tại với tên này' })
  existsToday!: boolean;

  @ApiProperty({
    type: [SuccessionNeighbour],
    description: 'Cơ quan kế thừa (sáp nhập, chia tách, đổi tên), ngày hiệu lực, căn cứ',
  })
  successors!: SuccessionNeighbour[];

  @ApiProperty({ type: [SuccessionNeighbour], description: 'Cơ quan mà cơ quan này kế thừa' })
  predecessors!: SuccessionNeighbour[];

  @ApiProperty({
    type: HolderView,
    nullable: true,
    description:
      'Khi không còn tồn tại: cơ quan đang giữ nhiệm vụ hôm nay (theo cơ quan kế thừa chính)',
  })
  heldBy!: HolderView | null;

  @ApiProperty({ type: [String], description: 'Email đầu mối' })
  contactEmails!: string[];

  @ApiProperty()
  version!: number;
}

export class AgencyPage extends PageOf(AgencyView) {}

/** What the agency's view says about succession, as of `today`. */
export interface AgencySuccession {
  existsToday: boolean;
  successors: SuccessionNeighbour[];
  predecessors: SuccessionNeighbour[];
  heldBy: HolderView | null;
}
