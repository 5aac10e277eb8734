import { ApiProperty } from '@nestjs/swagger';
import type { AnswerLinkRow, AnswerLinkState } from './answer-links.service.js';

export const ANSWER_LINK_STATES = ['LIVE', 'EXPIRED', 'REVOKED', 'ANSWERED'] as const;

/** A personal answer link as the secretariat sees it: never its token. */
export class AnswerLinkView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  recommendationId!: string;

  @ApiProperty({ example: 'BYT', description: 'Cơ quan nhận kiến nghị, như kiến nghị ghi' })
  addresseeCode!: string;

  @ApiProperty()
  addresseeName!: string;

  @ApiProperty({
    enum: ANSWER_LINK_STATES,
    description:
      'LIVE: còn dùng được; EXPIRED: hết hạn; REVOKED: đã thu hồi; ANSWERED: đã trả lời qua liên kết',
  })
  state!: AnswerLinkState;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  revokedByName!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUsedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  answeredAt!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Người gửi liên kết theo yêu cầu; null: gửi kèm thư nhắc hạn',
  })
  issuedByName!: string | null;
}

/** What sending a link on demand did. */
export class SentAnswerLinkView {
  @ApiProperty({ format: 'uuid' })
  linkId!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ type: [String], description: 'Email đầu mối của cơ quan đang đảm nhận nhiệm vụ' })
  recipients!: string[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toAnswerLinkView(r: AnswerLinkRow): AnswerLinkView {
  return {
    id: r.id,
    recommendationId: r.recommendationId,
    addresseeCode: r.addresseeCode,
    addresseeName: r.addresseeName,
    state: r.state,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    revokedAt: iso(r.revokedAt),
    revokedByName: r.revokedByName,
    lastUsedAt: iso(r.lastUsedAt),
    answeredAt: iso(r.answeredAt),
    issuedByName: r.issuedByName,
  };
}

/** How long a new answer link is valid. */
export class AnswerLinkSettingsView {
  @ApiProperty({
    minimum: 1,
    maximum: 365,
    example: 60,
    description: 'Số ngày hiệu lực của liên kết mới',
  })
  validDays!: number;

  @ApiProperty({ description: 'Phiên bản (0 khi đang dùng mặc định 60 ngày)' })
  version!: number;
}
