import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LiveView {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
}

/** One dependency's answer: up, or down with why. */
export class CheckView {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Khi down: lỗi gặp phải' })
  error?: string;
}

export class ReadyChecksView {
  @ApiProperty({ type: CheckView })
  database!: CheckView;

  @ApiProperty({ type: CheckView })
  queue!: CheckView;

  @ApiProperty({ type: CheckView })
  schedules!: CheckView;
}

export class ReadyView {
  @ApiProperty({
    enum: ['ok', 'degraded'],
    description:
      '"degraded" while a recurring job (reconciliation, digest, report reminders) is missing from the queue store — the workers re-create it within a minute',
  })
  status!: 'ok' | 'degraded';

  @ApiProperty({ type: ReadyChecksView })
  checks!: ReadyChecksView;

  @ApiProperty({
    type: [String],
    description:
      'Điều cần người vận hành xử lý mà không làm dịch vụ ngừng, ví dụ năm chưa có lịch nghỉ Tết chính thức',
  })
  warnings!: string[];
}
