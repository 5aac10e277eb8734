import type { PipeTransform } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { fieldError } from '../common/domain-error.js';
import { EntityVersion, isAcceptedDay, OneOf, Text } from '../common/validators.js';
import { ADJUSTMENT_KINDS, type AdjustmentKind } from './calendar-adjustment.entity.js';

/** A day in the path (`YYYY-MM-DD`, a real one within the accepted years), else 400. */
export const AdjustmentDayPipe: PipeTransform<string, string> = {
  transform(value: string): string {
    if (!isAcceptedDay(value)) {
      throw fieldError('day', 'day phải có dạng YYYY-MM-DD', 'Ngày không hợp lệ (cần YYYY-MM-DD).');
    }
    return value;
  },
};

/** A correction of one day's adjustment; what is left out stays. */
export class UpdateAdjustmentDto {
  @EntityVersion()
  version: number;

  @OneOf('kind', ADJUSTMENT_KINDS, { optional: true })
  kind?: AdjustmentKind;

  @Text('reason', { max: 500, optional: true })
  reason?: string;

  @Text('reference', { max: 300, optional: true, description: 'Văn bản công bố điều chỉnh' })
  reference?: string;
}

/** The version a deletion checks, in the query (a DELETE carries no body). */
export class AdjustmentVersionQuery {
  @ApiProperty({ description: 'Phiên bản đang xem; sai lệch trả về 409 VERSION_CONFLICT' })
  @Type(() => Number)
  @IsInt({ message: 'version phải là số nguyên' })
  @Min(1, { message: 'version phải từ 1' })
  @Max(2_000_000_000, { message: 'version quá lớn' })
  version: number;
}
