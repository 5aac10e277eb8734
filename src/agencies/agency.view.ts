import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../common/pagination.js';
import { AGENCY_KINDS, type AgencyKind } from './agency-kind.js';
import type { Agency } from './agency.entity.js';

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

  @ApiProperty({ type: [String], description: 'Email đầu mối' })
  contactEmails!: string[];

  @ApiProperty()
  version!: number;
}

export class AgencyPage extends PageOf(AgencyView) {}

/** An agency as a pilot's or a letter's view names it: its code and name. */
export class AgencyRef {
  @ApiProperty({ example: 'SYT' })
  code!: string;

  @ApiProperty({ example: 'Sở Y tế' })
  name!: string;
}

/** `parent` must be loaded for its code. */
export function toAgencyView(a: Agency): AgencyView {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    shortName: a.shortName,
    kind: a.kind,
    parentCode: a.parent?.code ?? null,
    validFrom: a.validFrom,
    validUntil: a.validUntil,
    contactEmails: a.contactEmails,
    version: a.version,
  };
}
