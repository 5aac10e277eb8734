import { CalendarDay, OneOf, Text } from '../common/validators.js';
import { ADJUSTMENT_KINDS, type AdjustmentKind } from './calendar-adjustment.entity.js';

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
