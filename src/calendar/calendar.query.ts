import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { FIRST_YEAR, LAST_YEAR } from '../common/domain/accepted-years.js';
import { CalendarDay } from '../common/validators.js';

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
