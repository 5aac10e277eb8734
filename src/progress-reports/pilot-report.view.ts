import { ApiProperty } from '@nestjs/swagger';
import type { PilotReport } from './pilot-report.entity.js';

/** Who filed a report (null: the account is gone). */
export class ReportAuthorView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

export class PilotReportView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ minimum: 1, example: 2 })
  pilotNumber!: number;

  @ApiProperty({ example: '2023-12' })
  period!: string;

  @ApiProperty({ description: 'Kết quả, tiến độ thực hiện trong kỳ' })
  progress!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    nullable: true,
    description: 'Chỉ số của kỳ: tên → giá trị',
    example: { 'Số hồ sơ': 557045 },
  })
  metrics!: Record<string, number> | null;

  @ApiProperty({ type: ReportAuthorView, nullable: true })
  author!: ReportAuthorView | null;

  @ApiProperty()
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ description: 'Kỳ của báo cáo đã chốt số liệu: không sửa được nữa' })
  locked!: boolean;
}

export function toReportView(
  r: PilotReport,
  pilotNumber: number,
  locked: boolean,
): PilotReportView {
  return {
    id: r.id,
    pilotNumber,
    period: r.period,
    progress: r.progress,
    metrics: r.metrics,
    author: r.author ? { id: r.author.id, name: r.author.name } : null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    locked,
  };
}
