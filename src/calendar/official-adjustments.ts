import type { EntityManager } from 'typeorm';
import type { CalendarAdjustmentKind } from './domain/vietnamese-calendar.js';
import type { LocalDay } from '../common/domain/local-time.js';

export interface OfficialAdjustment {
  day: LocalDay;
  kind: CalendarAdjustmentKind;
  reason: string;
  /** The notice that announced it, or the law it follows from. */
  reference: string;
}

/** Days in lieu of a holiday that falls on the weekly rest day follow from the law itself. */
const IN_LIEU = 'Khoản 3 Điều 111 Bộ luật Lao động 2019';
const NOTICE_2023 = 'Công văn số 8056/VPCP-KGVX ngày 01/12/2022 của Văn phòng Chính phủ';
const NOTICE_2024 = 'Thông báo số 5015/TB-LĐTBXH ngày 22/11/2023 của Bộ Lao động - TB&XH';
const SWAP_2024 = 'Công văn số 2450/VPCP-KGVX ngày 12/4/2024 của Văn phòng Chính phủ';
const NOTICE_2022 = 'Công văn số 245/VPCP-KGVX của Văn phòng Chính phủ';
const NOTICE_2025 = 'Công văn số 8726/VPCP-KGVX của Văn phòng Chính phủ';
// product.md §10 names both for 2026 without saying which day each settles: both are cited.
const NOTICE_2026 =
  'Công văn số 12729/VPCP-KGVX của Văn phòng Chính phủ; Thông báo số 9441/TB-BNV của Bộ Nội vụ';

const off = (day: LocalDay, reason: string, reference: string): OfficialAdjustment => ({
  day,
  kind: 'DAY_OFF',
  reason,
  reference,
});
const makeUp = (day: LocalDay, reason: string, reference: string): OfficialAdjustment => ({
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
  off('2022-09-01', 'Nghỉ lễ Quốc khánh 2022 (ngày liền kề trước 2/9)', NOTICE_2022),

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
  off('2025-01-27', 'Nghỉ Tết Nguyên đán Ất Tỵ 2025', NOTICE_2025),
  makeUp('2025-04-26', 'Làm bù cho ngày 2/5/2025', NOTICE_2025),
  off(
    '2025-05-02',
    'Hoán đổi ngày làm việc dịp 30/4 và 1/5/2025 (làm bù thứ Bảy 26/4/2025)',
    NOTICE_2025,
  ),
  off('2025-09-01', 'Nghỉ lễ Quốc khánh 2025 (ngày liền kề trước 2/9)', NOTICE_2025),

  // 2026 — Tết Bính Ngọ 16–20/2 is in the library.
  off(
    '2026-01-02',
    'Hoán đổi ngày làm việc dịp Tết Dương lịch 2026 (làm bù thứ Bảy 10/1/2026)',
    NOTICE_2026,
  ),
  makeUp('2026-01-10', 'Làm bù cho ngày 2/1/2026', NOTICE_2026),
  off('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương 26/4/2026 (trùng Chủ nhật)', IN_LIEU),
  makeUp('2026-08-22', 'Làm bù cho ngày 31/8/2026', NOTICE_2026),
  off(
    '2026-08-31',
    'Hoán đổi ngày làm việc dịp Quốc khánh 2026 (làm bù thứ Bảy 22/8/2026)',
    NOTICE_2026,
  ),
  off('2026-09-01', 'Nghỉ lễ Quốc khánh 2026 (ngày liền kề trước 2/9)', NOTICE_2026),
];

/** The years whose official adjustments the table holds in full (2022 had none beyond the library). */
export const OFFICIAL_YEARS: readonly number[] = [2022, 2023, 2024, 2025, 2026];

/**
 * The table's version: raise it with every correction, so that databases loaded from an
 * earlier table are brought up to date at start-up. 2: sources for every row (10 had none).
 */
export const OFFICIAL_ADJUSTMENTS_VERSION = 2;
const VERSION_SETTING = 'calendar.officialAdjustmentsVersion';

export interface OfficialLoad {
  /** The version the database held before (0: never recorded, a database from before versions). */
  from: number;
  to: number;
  added: number;
  updated: number;
  removed: number;
}

/**
 * Brings the built-in rows of calendar_adjustment (those no one created: created_by_id is null)
 * to the table: missing days are added always; when the database holds an older version of the
 * table, changed rows are corrected and rows the table no longer has are removed. A day the
 * secretariat set (created_by_id not null) is never touched, even where the table has it too.
 */
export async function loadOfficialAdjustments(m: EntityManager): Promise<OfficialLoad> {
  const [stored] = (await m.query(`SELECT value FROM setting WHERE key = $1 FOR UPDATE`, [
    VERSION_SETTING,
  ])) as { value: number }[];
  const from = stored ? Number(stored.value) : 0;
  const upgrade = from < OFFICIAL_ADJUSTMENTS_VERSION;
  const columns = [
    OFFICIAL_ADJUSTMENTS.map((a) => a.day),
    OFFICIAL_ADJUSTMENTS.map((a) => a.kind),
    OFFICIAL_ADJUSTMENTS.map((a) => a.reason),
    OFFICIAL_ADJUSTMENTS.map((a) => a.reference),
  ];
  const written = (await m.query(
    `INSERT INTO calendar_adjustment (day, kind, reason, reference)
     SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[])
     ON CONFLICT (day) DO UPDATE
       SET kind = EXCLUDED.kind, reason = EXCLUDED.reason, reference = EXCLUDED.reference
       WHERE $5 AND calendar_adjustment.created_by_id IS NULL
         AND (calendar_adjustment.kind, calendar_adjustment.reason, calendar_adjustment.reference)
             IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.reason, EXCLUDED.reference)
     RETURNING (xmax = 0) AS inserted`,
    [...columns, upgrade],
  )) as { inserted: boolean }[];
  // (A DELETE through TypeORM answers [rows, count]; the count comes back as a row instead.)
  const [{ removed }] = upgrade
    ? ((await m.query(
        `WITH gone AS (
           DELETE FROM calendar_adjustment
           WHERE created_by_id IS NULL AND NOT (day = ANY($1::date[]))
           RETURNING day)
         SELECT count(*)::int AS removed FROM gone`,
        [columns[0]],
      )) as { removed: number }[])
    : [{ removed: 0 }];
  if (upgrade)
    await m.query(
      `INSERT INTO setting (key, value) VALUES ($1, $2::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, version = setting.version + 1,
         updated_at = now()`,
      [VERSION_SETTING, JSON.stringify(OFFICIAL_ADJUSTMENTS_VERSION)],
    );
  return {
    from,
    to: Math.max(from, OFFICIAL_ADJUSTMENTS_VERSION),
    added: written.filter((r) => r.inserted).length,
    updated: written.filter((r) => !r.inserted).length,
    removed,
  };
}
