import { ApiProperty } from '@nestjs/swagger';

/** A pilot whose name or progress matches. */
export class PilotHit {
  @ApiProperty({ example: 6 }) number!: number;
  @ApiProperty() name!: string;
  @ApiProperty({
    enum: ['NOT_STARTED', 'PREPARING', 'PILOTING', 'OPERATING', 'COMPLETED', 'SUSPENDED'],
  })
  state!: string;
}

/** A blocker whose title, description or topic matches. */
export class BlockerHit {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null: vướng mắc chung' })
  pilotNumber!: number | null;
  @ApiProperty({ type: String, nullable: true }) topic!: string | null;
  @ApiProperty({ enum: ['OPEN', 'ESCALATED', 'RESOLVED', 'WITHDRAWN'] }) state!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'Kiến nghị gần nhất nêu vướng mắc này (nơi xem một vướng mắc chung)',
  })
  recommendationId!: string | null;
}

/** A letter whose number or summary matches. */
export class RecommendationHit {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null: dự thảo chưa có số' })
  documentNumber!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) letterDate!: string | null;
  @ApiProperty() summary!: string;
  @ApiProperty({ enum: ['DRAFT', 'SENT', 'ANSWERED', 'CLOSED', 'WITHDRAWN'] }) state!: string;
}

/** A monthly report whose progress text matches. */
export class ReportHit {
  @ApiProperty({ example: 6 }) pilotNumber!: number;
  @ApiProperty() pilotName!: string;
  @ApiProperty({ example: '2023-12' }) period!: string;
  @ApiProperty({ description: 'Đoạn văn bản báo cáo quanh chỗ khớp' }) excerpt!: string;
}

/** Each kind's first matches (at most SEARCH_LIMIT) and how many matched in all. */
export class PilotHits {
  @ApiProperty({ type: [PilotHit] }) items!: PilotHit[];
  @ApiProperty() total!: number;
}
export class BlockerHits {
  @ApiProperty({ type: [BlockerHit] }) items!: BlockerHit[];
  @ApiProperty() total!: number;
}
export class RecommendationHits {
  @ApiProperty({ type: [RecommendationHit] }) items!: RecommendationHit[];
  @ApiProperty() total!: number;
}
export class ReportHits {
  @ApiProperty({ type: [ReportHit] }) items!: ReportHit[];
  @ApiProperty() total!: number;
}

export class SearchResultView {
  @ApiProperty({ description: 'Chuỗi tìm, như đã nhận (NFC, bỏ khoảng trắng hai đầu)' }) q!: string;
  @ApiProperty({ type: PilotHits }) pilots!: PilotHits;
  @ApiProperty({ type: BlockerHits }) blockers!: BlockerHits;
  @ApiProperty({ type: RecommendationHits }) recommendations!: RecommendationHits;
  @ApiProperty({ type: ReportHits }) reports!: ReportHits;
}
