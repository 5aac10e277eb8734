import { ApiProperty } from '@nestjs/swagger';

/** A digest just queued: to how many, and what it counts. */
export class DigestSummary {
  @ApiProperty({ description: 'Số người nhận' })
  recipients!: number;

  @ApiProperty({ description: 'Kiến nghị quá hạn' })
  overdue!: number;

  @ApiProperty({ description: 'Mô hình có vướng mắc' })
  blockedPilots!: number;

  @ApiProperty({ description: 'Mô hình chưa báo cáo' })
  pilotsWithoutReport!: number;
}
