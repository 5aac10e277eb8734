import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../common/pagination.js';
import { AgencyRef } from '../agency.view.js';
import { SUCCESSION_KINDS, type SuccessionKind } from '../domain/succession.js';

export class SuccessionLinkView {
  @ApiProperty({ type: AgencyRef, description: 'Cơ quan cũ (tên tại thời điểm đó)' })
  from!: AgencyRef;

  @ApiProperty({ type: AgencyRef, description: 'Cơ quan kế thừa' })
  to!: AgencyRef;

  @ApiProperty()
  isMain!: boolean;

  @ApiProperty({ type: String, nullable: true })
  scope!: string | null;
}

export class SuccessionEventView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: SUCCESSION_KINDS })
  kind!: SuccessionKind;

  @ApiProperty({ format: 'date', example: '2025-03-01' })
  effectiveOn!: string;

  @ApiProperty({ example: 'Nghị quyết 176/2025/QH15' })
  legalBasis!: string;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Sự kiện thuộc gói dữ liệu (vd. sắp xếp bộ máy 2025)',
  })
  packageKey!: string | null;

  @ApiProperty({ description: 'Đã có hiệu lực (ngày hiệu lực không sau hôm nay)' })
  inEffect!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'Khi hệ thống đã chuyển tài khoản, mô hình, đầu mối theo sự kiện; null: chưa',
  })
  realisedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: [SuccessionLinkView] })
  links!: SuccessionLinkView[];
}

export class SuccessionEventPage extends PageOf(SuccessionEventView) {}
