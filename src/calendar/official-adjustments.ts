import type { EntityManager } from 'typeorm';
import type { CalendarAdjustmentKind } from './domain/vietnamese-calendar.js';
import type { LocalDay } from '../common/domain/local-time.js';

export interface OfficialAdjustment {
  day: LocalDay;
  kind: CalendarAdjustmentKind;
  reason: string;
  /** The decision that announced it, when known. */
  reference: string | null;
}

/** Days in lieu of a holiday that falls on the weekly rest day follow from the law itself. */
const IN_LIEU = 'Khoản 3 Điều 111 Bộ luật Lao động 2019';
const NOTICE_2023 = 'Công văn số 8056/VPCP-KGVX ngày 01/12/2022 của Văn phòng Chính phủ';
const NOTICE_2024 = 'Thông báo số 5015/TB-LĐTBXH ngày 22/11/2023 của Bộ Lao động - TB&XH';
const SWAP_2024 = 'Công văn số 2450/VPCP-KGVX ngày 12/4/2024 của Văn phòng Chính phủ';

const off = (day: LocalDay, reason: string, reference: string | null): OfficialAdjustment => ({
  day,
  kind: 'DAY_OFF',
  reason,
  reference,
});
const makeUp = (day: LocalDay, reason: string, reference: string | null): OfficialAdjustment => ({
  day,
  kind: 'WORKING_DAY',
  reason,
  reference,
});

/**
 * The official per-year calendar of public servants (cơ quan hành chính, sự nghiệp) beyond what
 * `date-holidays` gives: extra weekdays off around Tết and 2/9, days in lieu of a holiday on a
 * weekend, and the make-up Saturdays of announced swaps. Days the library already treats as
 * public holidays (1/1, the five days of Tết from the eve, Giỗ Tổ, 30/4, 1/5, 2/9) are not
 * repeated, and no ordinary weekend is listed as a day off. Loaded at start-up; the
 * secretariat adds later years through POST /api/v1/calendar/adjustments.
 */
export const OFFICIAL_ADJUSTMENTS: readonly OfficialAdjustment[] = [
  // 2022 — Tết Nhâm Dần 31/1–4/2 is exactly the library's five days.
  off('2022-01-03', 'Nghỉ bù Tết Dương lịch 1/1/2022 (trùng thứ Bảy)', IN_LIEU),
  off('2022-04-11', 'Nghỉ bù Giỗ Tổ Hùng Vương 10/4/2022 (trùng Chủ nhật)', IN_LIEU),
  off('2022-05-02', 'Nghỉ bù ngày Chiến thắng 30/4/2022 (trùng thứ Bảy)', IN_LIEU),
  off('2022-05-03', 'Nghỉ bù ngày Quốc tế Lao động 1/5/2022 (trùng Chủ nhật)', IN_LIEU),
  off('2022-09-01', 'Nghỉ lễ Quốc khánh 2022 (ngày liền kề trước 2/9)', null),

  // 2023
  off('2023-01-02', 'Nghỉ bù Tết Dương lịch 1/1/2023 (trùng Chủ nhật)', IN_LIEU),
  off('2023-01-20', 'Nghỉ Tết Nguyên đán Quý Mão 2023', NOTICE_2023),
  off('2023-01-26', 'Nghỉ Tết Nguyên đán Quý Mão 2023', NOTICE_2023),
  off('2023-05-02', 'Nghỉ bù Giỗ Tổ Hùng Vương 29/4/2023 (trùng thứ Bảy)', IN_LIEU),
  off('2023-05-03', 'Nghỉ bù ngày Chiến thắng 30/4/2023 (trùng Chủ nhật)', IN_LIEU),
  off('2023-09-01', 'Nghỉ lễ Quốc khánh 2023 (ngày liền kề trước 2/9)', NOTICE_2023),
  off('2023-09-04', 'Nghỉ bù Quốc khánh 2/9/2023 (trùng thứ Bảy)', NOTICE_2023),

  // 2024
  off('2024-02-08', 'Nghỉ Tết Nguyên đán Giáp Thìn 2024', NOTICE_2024),
  off('2024-02-14', 'Nghỉ Tết Nguyên đán Giáp Thìn 2024', NOTICE_2024),
  off(
    '2024-04-29',
    'Hoán đổi ngày làm việc dịp 30/4 và 1/5/2024 (làm bù thứ Bảy 4/5/2024)',
    SWAP_2024,
  ),
  makeUp('2024-05-04', 'Làm bù cho ngày 29/4/2024', SWAP_2024),
  off('2024-09-03', 'Nghỉ lễ Quốc khánh 2024 (ngày liền kề sau 2/9)', NOTICE_2024),

  // 2025 — Tết Ất Tỵ 28–31/1 is in the library.
  off('2025-01-27', 'Nghỉ Tết Nguyên đán Ất Tỵ 2025', null),
  makeUp('2025-04-26', 'Làm bù cho ngày 2/5/2025', null),
  off('2025-05-02', 'Hoán đổi ngày làm việc dịp 30/4 và 1/5/2025 (làm bù thứ Bảy 26/4/2025)', null),
  off('2025-09-01', 'Nghỉ lễ Quốc khánh 2025 (ngày liền kề trước 2/9)', null),

  // 2026 — Tết Bính Ngọ 16–20/2 is in the library.
  off(
    '2026-01-02',
    'Hoán đổi ngày làm việc dịp Tết Dương lịch 2026 (làm bù thứ Bảy 10/1/2026)',
    null,
  ),
  makeUp('2026-01-10', 'Làm bù cho ngày 2/1/2026', null),
  off('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương 26/4/2026 (trùng Chủ nhật)', IN_LIEU),
  makeUp('2026-08-22', 'Làm bù cho ngày 31/8/2026', null),
  off('2026-08-31', 'Hoán đổi ngày làm việc dịp Quốc khánh 2026 (làm bù thứ Bảy 22/8/2026)', null),
  off('2026-09-01', 'Nghỉ lễ Quốc khánh 2026 (ngày liền kề trước 2/9)', null),
];

/**
 * Adds the official adjustments that are missing; a day already in calendar_adjustment (loaded
 * before, or set by the secretariat) is left as it is. Returns how many rows were added.
 */
export async function loadOfficialAdjustments(m: EntityManager): Promise<number> {
  const rows: unknown[] = await m.query(
    `INSERT INTO calendar_adjustment (day, kind, reason, reference)
     SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[])
     ON CONFLICT (day) DO NOTHING
     RETURNING day`,
    [
      OFFICIAL_ADJUSTMENTS.map((a) => a.day),
      OFFICIAL_ADJUSTMENTS.map((a) => a.kind),
      OFFICIAL_ADJUSTMENTS.map((a) => a.reason),
      OFFICIAL_ADJUSTMENTS.map((a) => a.reference),
    ],
  );
  return rows.length;
}
