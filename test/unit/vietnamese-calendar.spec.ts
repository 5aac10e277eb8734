import {
  createWorkingCalendar,
  describeDay,
  lunarNewYearEve,
  publicHolidayName,
  yearsWithoutOfficialTet,
} from '../../src/calendar/domain/vietnamese-calendar.js';
import {
  addWorkingDays,
  dayOfWeek,
  nextDay,
  workingDaysBetween,
} from '../../src/calendar/domain/working-days.js';
import { atLocalTime } from '../../src/common/domain/local-time.js';
import { OFFICIAL_ADJUSTMENTS, OFFICIAL_YEARS } from '../../src/calendar/official-adjustments.js';

/**
 * Expected days are worked out by hand from the Government's announcements (product.md §4 for
 * 2024–2026), not from the code.
 */
const calendar = createWorkingCalendar(OFFICIAL_ADJUSTMENTS);
const at = (day: string, time = '08:00') => atLocalTime(day, time);
const plus = (day: string, n: number, time = '08:00') => addWorkingDays(at(day, time), n, calendar);

/** Every Monday–Friday that public servants do not work, per year, all holidays included. */
const WEEKDAYS_OFF: Record<number, string[]> = {
  2022: [
    '2022-01-03', // in lieu of 1/1 (Saturday)
    '2022-01-31', // Tết Nhâm Dần: 29 tháng Chạp …
    '2022-02-01',
    '2022-02-02',
    '2022-02-03',
    '2022-02-04', // … mùng 4
    '2022-04-11', // in lieu of Giỗ Tổ 10/4 (Sunday)
    '2022-05-02', // in lieu of 30/4 (Saturday)
    '2022-05-03', // in lieu of 1/5 (Sunday)
    '2022-09-01',
    '2022-09-02',
  ],
  2023: [
    '2023-01-02', // in lieu of 1/1 (Sunday)
    '2023-01-20', // Tết Quý Mão 20–26/1
    '2023-01-23',
    '2023-01-24',
    '2023-01-25',
    '2023-01-26',
    '2023-05-01',
    '2023-05-02', // in lieu of Giỗ Tổ 29/4 (Saturday)
    '2023-05-03', // in lieu of 30/4 (Sunday)
    '2023-09-01',
    '2023-09-04', // in lieu of 2/9 (Saturday)
  ],
  2024: [
    '2024-01-01',
    '2024-02-08', // Tết Giáp Thìn 8, 9, 12, 13, 14/2
    '2024-02-09',
    '2024-02-12',
    '2024-02-13',
    '2024-02-14',
    '2024-04-18', // Giỗ Tổ
    '2024-04-29', // swapped with Saturday 4/5
    '2024-04-30',
    '2024-05-01',
    '2024-09-02',
    '2024-09-03',
  ],
  2025: [
    '2025-01-01',
    '2025-01-27', // Tết Ất Tỵ 27–31/1
    '2025-01-28',
    '2025-01-29',
    '2025-01-30',
    '2025-01-31',
    '2025-04-07', // Giỗ Tổ
    '2025-04-30',
    '2025-05-01',
    '2025-05-02', // swapped with Saturday 26/4
    '2025-09-01',
    '2025-09-02',
  ],
  2026: [
    '2026-01-01',
    '2026-01-02', // swapped with Saturday 10/1
    '2026-02-16', // Tết Bính Ngọ 16–20/2
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-04-27', // in lieu of Giỗ Tổ 26/4 (Sunday)
    '2026-04-30',
    '2026-05-01',
    '2026-08-31', // swapped with Saturday 22/8
    '2026-09-01',
    '2026-09-02',
    '2026-11-24', // Ngày Văn hóa Việt Nam, a paid day off from 2026
  ],
};

const MAKE_UP_SATURDAYS: Record<number, string[]> = {
  2022: [],
  2023: [],
  2024: ['2024-05-04'],
  2025: ['2025-04-26'],
  2026: ['2026-01-10', '2026-08-22'],
};

describe('the Vietnamese working calendar with the official adjustments', () => {
  it.each([2022, 2023, 2024, 2025, 2026])(
    'in %i, rests exactly on the announced weekdays and works exactly the make-up Saturdays',
    (year) => {
      const weekdaysOff: string[] = [];
      const weekendsWorked: string[] = [];
      for (let day = `${year}-01-01`; day <= `${year}-12-31`; day = nextDay(day)) {
        const weekend = dayOfWeek(day) === 0 || dayOfWeek(day) === 6;
        if (!weekend && !calendar.isWorkingDay(day)) weekdaysOff.push(day);
        if (weekend && calendar.isWorkingDay(day)) weekendsWorked.push(day);
      }
      expect(weekdaysOff).toEqual(WEEKDAYS_OFF[year]);
      expect(weekendsWorked).toEqual(MAKE_UP_SATURDAYS[year]);
    },
  );

  it('lists only what the library lacks: no library holiday, no weekend off, no weekday "worked"', () => {
    for (const a of OFFICIAL_ADJUSTMENTS) {
      const weekend = dayOfWeek(a.day) === 0 || dayOfWeek(a.day) === 6;
      expect({ day: a.day, holiday: publicHolidayName(a.day) }).toEqual({
        day: a.day,
        holiday: null,
      });
      expect({ day: a.day, kind: a.kind }).toEqual({
        day: a.day,
        kind: weekend ? 'WORKING_DAY' : 'DAY_OFF',
      });
      expect(a.reason.normalize('NFC')).toBe(a.reason);
    }
    expect(new Set(OFFICIAL_ADJUSTMENTS.map((a) => a.day)).size).toBe(OFFICIAL_ADJUSTMENTS.length);
  });

  it('adds working days across Tết Giáp Thìn 2024 (8–14/2)', () => {
    expect(plus('2024-02-07', 1)).toEqual(at('2024-02-15')); // Wed → Thu after Tết
    expect(plus('2024-02-07', 2)).toEqual(at('2024-02-16'));
    expect(plus('2024-02-07', 5)).toEqual(at('2024-02-21'));
    expect(plus('2024-02-06', 1)).toEqual(at('2024-02-07'));
  });

  it('counts no Tết day between two times across Tết 2024', () => {
    // (2/2, 23/2]: 5, 6, 7/2, then 15, 16/2 and 19–23/2.
    expect(workingDaysBetween(at('2024-02-02'), at('2024-02-23'), calendar)).toBe(10);
    expect(workingDaysBetween(at('2024-02-07'), at('2024-02-14', '17:00'), calendar)).toBe(0);
    expect(workingDaysBetween(at('2024-02-07'), at('2024-02-16'), calendar)).toBe(2);
  });

  it('adds working days across Tết Ất Tỵ 2025 (27–31/1) and Tết Bính Ngọ 2026 (16–20/2)', () => {
    expect(plus('2025-01-24', 1)).toEqual(at('2025-02-03'));
    expect(plus('2025-01-23', 2)).toEqual(at('2025-02-03'));
    expect(workingDaysBetween(at('2025-01-24'), at('2025-02-02'), calendar)).toBe(0);
    expect(plus('2026-02-13', 1)).toEqual(at('2026-02-23'));
    expect(plus('2026-02-12', 3)).toEqual(at('2026-02-24'));
  });

  it('adds working days across 30/4–1/5 in 2024 (swap with Saturday 4/5) and 2025', () => {
    expect(plus('2024-04-26', 1)).toEqual(at('2024-05-02'));
    expect(plus('2024-04-26', 3)).toEqual(at('2024-05-04')); // the make-up Saturday
    expect(plus('2024-04-26', 4)).toEqual(at('2024-05-06'));
    expect(plus('2025-04-25', 1)).toEqual(at('2025-04-26')); // the make-up Saturday
    expect(plus('2025-04-25', 3)).toEqual(at('2025-04-29'));
    expect(plus('2025-04-25', 4)).toEqual(at('2025-05-05'));
  });

  it('adds working days across 2/9 in 2025 (1–2/9) and 2026 (31/8–2/9, Saturday 22/8 worked)', () => {
    expect(plus('2025-08-29', 1)).toEqual(at('2025-09-03'));
    expect(plus('2026-08-21', 1)).toEqual(at('2026-08-22'));
    expect(plus('2026-08-28', 1)).toEqual(at('2026-09-03'));
  });

  it('works the make-up Saturdays and rests the swapped days', () => {
    for (const day of ['2024-05-04', '2025-04-26', '2026-01-10', '2026-08-22'])
      expect([day, calendar.isWorkingDay(day)]).toEqual([day, true]);
    for (const day of ['2024-04-29', '2025-05-02', '2026-01-02', '2026-08-31'])
      expect([day, calendar.isWorkingDay(day)]).toEqual([day, false]);
    expect(plus('2025-12-31', 1)).toEqual(at('2026-01-05'));
    expect(plus('2026-01-09', 1)).toEqual(at('2026-01-10'));
  });

  it('puts the deadlines of the 2022–2023 letters on the right day', () => {
    // 5772/TCTĐA06-CAT of Monday 09/10/2023: no holiday before the end of October.
    expect(plus('2023-10-09', 15)).toEqual(at('2023-10-30'));
    // 2754/STTTT of Wednesday 30/8/2023 skips 1/9 and 4/9 (in lieu of Saturday 2/9).
    expect(plus('2023-08-30', 15)).toEqual(at('2023-09-22'));
    // 4338/SYT-TCHC of 27/10/2022.
    expect(plus('2022-10-27', 15)).toEqual(at('2022-11-17'));
    // 442/BC-TCTĐA06 of 20/12/2023 skips 1/1/2024.
    expect(plus('2023-12-20', 15)).toEqual(at('2024-01-11'));
    expect(plus('2023-01-19', 1)).toEqual(at('2023-01-27'));
    expect(plus('2023-04-28', 1)).toEqual(at('2023-05-04'));
    expect(plus('2023-08-31', 1)).toEqual(at('2023-09-05'));
    expect(plus('2022-04-29', 1)).toEqual(at('2022-05-04'));
    expect(plus('2022-08-31', 1)).toEqual(at('2022-09-05'));
  });

  it('returns the time itself when adding 0, even on a holiday or an adjusted day off', () => {
    for (const day of ['2024-02-10', '2024-02-08', '2024-05-04', '2024-09-01']) {
      const time = at(day, '10:30');
      expect(addWorkingDays(time, 0, calendar)).toEqual(time);
    }
  });

  it('describes a day with the adjustment reason, the holiday name or the weekend', () => {
    const d = (day: string) => calendar.describeDay(day);
    expect(d('2024-02-08')).toEqual({
      day: '2024-02-08',
      working: false,
      reason: 'Nghỉ Tết Nguyên đán Giáp Thìn 2024',
    });
    expect(d('2024-02-09')).toEqual({
      day: '2024-02-09',
      working: false,
      reason: 'Giao thừa Tết Nguyên Đán',
    });
    expect(d('2024-02-10').reason).toBe('Tết Nguyên Đán');
    expect(d('2024-02-13').reason).toBe('Tết Nguyên Đán');
    expect(d('2024-05-04')).toEqual({
      day: '2024-05-04',
      working: true,
      reason: 'Làm bù cho ngày 29/4/2024',
    });
    expect(d('2024-09-02')).toEqual({ day: '2024-09-02', working: false, reason: 'Quốc khánh' });
    expect(d('2024-05-11')).toEqual({ day: '2024-05-11', working: false, reason: 'Thứ Bảy' });
    expect(d('2024-05-12')).toEqual({ day: '2024-05-12', working: false, reason: 'Chủ nhật' });
    expect(d('2024-05-13')).toEqual({ day: '2024-05-13', working: true, reason: null });
  });

  it('lets an adjustment override the library both ways', () => {
    const custom = createWorkingCalendar([
      { day: '2024-09-02', kind: 'WORKING_DAY', reason: 'Trực' },
      { day: '2024-05-13', kind: 'DAY_OFF', reason: 'Nghỉ thêm' },
    ]);
    expect(custom.isWorkingDay('2024-09-02')).toBe(true);
    expect(custom.isWorkingDay('2024-05-13')).toBe(false);
    expect(custom.isWorkingDay('2024-02-08')).toBe(true); // not in this list of adjustments
    expect(
      describeDay('2024-05-13', [{ day: '2024-05-13', kind: 'DAY_OFF', reason: 'X' }]),
    ).toEqual({ day: '2024-05-13', working: false, reason: 'X' });
    expect(describeDay('2024-02-12')).toEqual({
      day: '2024-02-12',
      working: false,
      reason: 'Tết Nguyên Đán',
    });
  });
});

describe('the calendar’s sources and what it does not know yet', () => {
  it('names the notice or the law behind every built-in adjustment', () => {
    const unsourced = OFFICIAL_ADJUSTMENTS.filter((a) => !a.reference?.trim()).map((a) => a.day);
    expect(unsourced).toEqual([]);
  });

  it('rests on 24/11 from 2026 on (Ngày Văn hóa Việt Nam), not before', () => {
    expect(publicHolidayName('2025-11-24')).toBeNull();
    for (const year of [2026, 2027, 2030, 2099])
      expect(publicHolidayName(`${year}-11-24`)).toBe('Ngày Văn hóa Việt Nam');
    expect(createWorkingCalendar([]).isWorkingDay('2027-11-24')).toBe(false); // a Wednesday
  });

  it('knows each Giao thừa from the library', () => {
    expect(lunarNewYearEve(2024)).toBe('2024-02-09');
    expect(lunarNewYearEve(2027)).toBe('2027-02-05');
  });

  it('flags a year whose Tết has no official adjustment within ten days of Giao thừa', () => {
    expect(yearsWithoutOfficialTet([2026, 2027], [], OFFICIAL_YEARS)).toEqual([2027]);
    expect(yearsWithoutOfficialTet([2027], ['2027-01-25'], [])).toEqual([2027]); // 11 days before
    expect(yearsWithoutOfficialTet([2027], ['2027-01-26'], [])).toEqual([]);
    expect(yearsWithoutOfficialTet([2027], ['2027-01-24'], [])).toEqual([2027]);
    expect(yearsWithoutOfficialTet([2027], ['2027-02-15'], [])).toEqual([]);
    expect(yearsWithoutOfficialTet([2027], ['2027-02-16'], [])).toEqual([2027]);
    expect(yearsWithoutOfficialTet([2027], ['2026-02-10'], [])).toEqual([2027]); // last year's
  });
});
