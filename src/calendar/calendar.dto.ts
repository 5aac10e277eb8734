import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { FIRST_YEAR, LAST_YEAR } from '../common/domain/accepted-years.js';
import { CalendarDay, OneOf, Text } from '../common/validators.js';
import { ADJUSTMENT_KINDS, type AdjustmentKind } from './calendar-adjustment.entity.js';

/** The longest range GET /calendar/working-days lists, in days (both ends included). */
export const MAX_RANGE_DAYS = 400;

export class WorkingDaysQuery {
  @CalendarDay('from')
  from: string;

  @CalendarDay('to')
  to: string;
}

export class AdjustmentsQuery {
  @ApiProperty({ example: 2024, description: 'Năm dương lịch' })
  @Type(() => Number)
  @IsInt({ message: 'year phải là số năm, ví dụ 2024' })
  @Min(FIRST_YEAR, { message: `year phải từ ${FIRST_YEAR}` })
  @Max(LAST_YEAR, { message: `year tối đa ${LAST_YEAR}` })
  year: number;
}

export class CreateAdjustmentDto {
  @CalendarDay('day')
  day: string;

  @OneOf('kind', ADJUSTMENT_KINDS)
  kind: AdjustmentKind;

  @Text('reason', { max: 500, example: 'Nghỉ Tết Nguyên đán Giáp Thìn 2024' })
  reason: string;

  @Text('reference', {
    max: 300,
    optional: true,
    example: 'Thông báo số 5015/TB-LĐTBXH ngày 22/11/2023',
    description: 'Văn bản công bố điều chỉnh',
  })
  reference?: string;
}
