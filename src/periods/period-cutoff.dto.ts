import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';
import { PERIOD_CUTOFF_DAY_MAX, PERIOD_CUTOFF_DAY_MIN } from '../common/domain/periods.js';
import { Int } from '../common/validators.js';

export class PeriodCutoffDto {
  @ApiProperty({ description: 'Phiên bản đang xem (0 khi đang dùng mặc định)' })
  @Int('version', 0, 2_000_000_000)
  version: number;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: PERIOD_CUTOFF_DAY_MIN,
    maximum: PERIOD_CUTOFF_DAY_MAX,
    description: 'Ngày chốt số liệu của kỳ (1–31), hoặc null: cuối tháng',
  })
  @ValidateIf((o: PeriodCutoffDto) => o.periodCutoffDay !== null)
  @IsInt({ message: 'periodCutoffDay phải là số nguyên từ 1 đến 31, hoặc null (cuối tháng)' })
  @Min(PERIOD_CUTOFF_DAY_MIN, { message: `periodCutoffDay phải từ ${PERIOD_CUTOFF_DAY_MIN}` })
  @Max(PERIOD_CUTOFF_DAY_MAX, { message: `periodCutoffDay tối đa ${PERIOD_CUTOFF_DAY_MAX}` })
  periodCutoffDay: number | null;
}
