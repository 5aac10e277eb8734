import { ApiProperty } from '@nestjs/swagger';
import type { LocalDay } from '../common/domain/local-time.js';
import { ADJUSTMENT_KINDS, type AdjustmentKind } from './calendar-adjustment.entity.js';

/** A day the secretariat (or the official calendar) made a day off or a working day. */
export class AdjustmentView {
  @ApiProperty({ type: String, format: 'date', example: '2024-02-08' })
  day!: LocalDay;

  @ApiProperty({ enum: ADJUSTMENT_KINDS })
  kind!: AdjustmentKind;

  @ApiProperty({ example: 'Nghỉ Tết Nguyên đán' })
  reason!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Văn bản căn cứ' })
  reference!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  createdById!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ description: 'Phiên bản; sửa hoặc xóa cần gửi kèm' })
  version!: number;

  @ApiProperty({
    description:
      'Điều chỉnh chính thức có sẵn (không do ai thêm): sửa được (khi đó thành của thư ký), không xóa được',
  })
  builtIn!: boolean;
}

/** The adjustment behind a day, as the day list shows it. */
export class DayAdjustmentView {
  @ApiProperty({ enum: ADJUSTMENT_KINDS })
  kind!: AdjustmentKind;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ type: String, nullable: true })
  reference!: string | null;
}

export class CalendarDayView {
  @ApiProperty({ type: String, format: 'date', example: '2024-02-08' })
  day!: LocalDay;

  @ApiProperty()
  working!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Lý do điều chỉnh, tên ngày lễ, "Thứ Bảy"/"Chủ nhật", hoặc null',
  })
  reason!: string | null;

  @ApiProperty({ type: DayAdjustmentView, nullable: true })
  adjustment!: DayAdjustmentView | null;
}

export class WorkingDaysView {
  @ApiProperty({ type: String, format: 'date' })
  from!: LocalDay;

  @ApiProperty({ type: String, format: 'date' })
  to!: LocalDay;

  @ApiProperty({ description: 'Số ngày làm việc trong khoảng' })
  workingDays!: number;

  @ApiProperty({ type: [CalendarDayView] })
  days!: CalendarDayView[];
}

/** Whether the official adjustments of the years letters are now due in are loaded. */
export class CalendarStatusView {
  @ApiProperty({
    type: [Number],
    example: [2026, 2027],
    description: 'Các năm được kiểm tra: năm nay, và từ 1/10 cả năm sau',
  })
  checkedYears!: number[];

  @ApiProperty({
    type: [Number],
    example: [2027],
    description: 'Các năm chưa có lịch nghỉ Tết Nguyên đán chính thức',
  })
  missingOfficialTet!: number[];

  @ApiProperty({ type: [String], description: 'Cảnh báo cho thư ký, tiếng Việt' })
  warnings!: string[];
}
