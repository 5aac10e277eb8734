import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  Max,
  Min,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import { Period, Text } from '../common/validators.js';

/**
 * The metrics exactly as sent. class-transformer copies a plain object key by key and skips the
 * names Object.prototype has as functions (`toString`, `constructor`, …), so the DTO takes its
 * own copy of every own entry of the parsed body instead.
 */
const keepEveryMetric = ({ obj }: { obj: Record<string, unknown> }) => {
  const sent = obj.metrics;
  return sent !== null && typeof sent === 'object' && !Array.isArray(sent)
    ? Object.fromEntries(Object.entries(sent))
    : sent;
};

/** `{ "name": number, … }`: at most 50 named, finite numbers. */
function IsMetrics(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isMetrics',
      target: target.constructor,
      propertyName,
      options: {
        message: 'metrics phải là đối tượng gồm tối đa 50 chỉ số dạng { "tên": số }',
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= 50 &&
          Object.entries(value).every(
            ([k, v]) =>
              k.length >= 1 && k.length <= 64 && typeof v === 'number' && Number.isFinite(v),
          ),
      },
    });
}

export class PilotReportDto {
  @Period()
  period: string;

  @Text('progress', { max: 20_000, example: 'Đã triển khai tại 176/176 cơ sở khám chữa bệnh.' })
  progress: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { coSoTrienKhai: 176 },
    description: 'Các chỉ số có tên, giá trị là số',
  })
  @IsOptional()
  @Transform(keepEveryMetric)
  @IsMetrics()
  metrics?: Record<string, number>;

  /**
   * The version of the report being edited; 0 when filing the period's first report, so a report
   * filed meanwhile by someone else answers 409 instead of being overwritten. Absent: last write wins.
   */
  @ApiPropertyOptional({
    description:
      'Phiên bản báo cáo đang sửa; 0 khi nộp báo cáo đầu tiên của kỳ (nếu đã có người nộp: 409 VERSION_CONFLICT)',
  })
  @IsOptional()
  @IsInt({ message: 'version phải là số nguyên' })
  @Min(0, { message: 'version phải từ 0' })
  @Max(2_000_000_000, { message: 'version quá lớn' })
  version?: number;
}
