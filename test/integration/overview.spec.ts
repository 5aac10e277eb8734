import { CalendarService } from '../../src/calendar/calendar.service.js';
import { workingDaysBetween } from '../../src/calendar/domain/working-days.js';
import { atLocalTime } from '../../src/common/domain/local-time.js';
import { FixedClock } from '../../src/common/clock.js';
import {
  addresseeRows,
  leadAgencyRows,
  statesAt,
} from '../../src/documents/overview/overview-model.js';
import type {
  AddresseeOverview,
  LeadAgencyOverview,
  OverviewView,
} from '../../src/documents/overview/overview.view.js';
import { startTestApp, type TestApp } from '../support/app.js';

const NOW = new Date('2024-01-15T03:00:00Z');
const counts = (partial: Record<string, number>) => ({
  NOT_STARTED: 0,
  PREPARING: 0,
  PILOTING: 0,
  OPERATING: 0,
  COMPLETED: 0,
  SUSPENDED: 0,
  ...partial,
});
/** The states of report 442 on 20/12/2023 (product.md §7). */
const DECEMBER_2023 = counts({ NOT_STARTED: 8, PREPARING: 8, PILOTING: 8, OPERATING: 7 });

describe('leadership overview GET /reports/overview', () => {
  let t: TestApp;
  let lanhdao: string;
  let thuky: string;
  const clock = new FixedClock(NOW);

  const overview = async (query = '') => {
    const res = await t.request<OverviewView>('GET', `/api/v1/reports/overview${query}`, {
      token: lanhdao,
    });
    expect(res.status).toBe(200);
    return res.body;
  };
  const agency = (o: OverviewView, code: string) =>
    o.leadAgencies.find((a) => a.code === code) as LeadAgencyOverview;
  const addressee = (o: OverviewView, code: string) =>
    o.addressees.find((a) => a.code === code) as AddresseeOverview;
  const letterId = async (documentNumber: string, addresseeCode: string) => {
    const res = await t.request(
      'GET',
      `/api/v1/recommendations?addressee=${addresseeCode}&q=${encodeURIComponent(documentNumber)}`,
      { token: thuky },
    );
    const found = res.body.items.filter(
      (r: { documentNumber: string }) => r.documentNumber === documentNumber,
    );
    expect(found).toHaveLength(1);
    return found[0] as { id: string; sentAt: string };
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    lanhdao = await t.login('lanhdao@demo.example');
    thuky = await t.login('thuky@demo.example');
  });
  afterAll(() => t.close());

  it('defaults to the current period and counts every pilot once, under its primary lead agency', async () => {
    const o = await overview();
    expect(o.period).toBe('2024-01');
    expect(o.asOf).toBe(NOW.toISOString());
    expect(o.leadAgencies.reduce((sum, a) => sum + a.total, 0)).toBe(31);
    expect(o.leadAgencies.flatMap((a) => a.pilots).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 31 }, (_, i) => i + 1),
    );
    expect(o.pilots.total).toBe(31);
    expect(o.pilots.byState).toEqual(DECEMBER_2023);
    expect(agency(o, 'SYT')).toMatchObject({
      name: 'Sở Y tế tỉnh Khánh Hòa',
      pilots: [4, 6],
      total: 2,
      byState: counts({ PILOTING: 1, OPERATING: 1 }),
      // Nothing is filed for January yet.
      reportsMissing: 2,
      pilotsWithoutReport: [4, 6],
    });
    // Pilot 14 has three lead agencies; only the first, Trường Đại học Khánh Hòa, counts it.
    expect(agency(o, 'DHKH').pilots).toEqual([14]);
    expect(agency(o, 'CDKTCN')).toBeUndefined();
    expect(agency(o, 'STTTT')).toMatchObject({
      pilots: [16, 17, 18, 19, 20, 27, 28, 29, 30, 31],
      byState: counts({ NOT_STARTED: 5, PREPARING: 3, OPERATING: 2 }),
    });
    expect(o.pilots.reportsMissing).toBe(31);
  });

  it('names the reports missing in December 2023: the pilots the report records nothing for', async () => {
    const o = await overview('?period=2023-12');
    expect(o.period).toBe('2023-12');
    expect(o.statesAt).toBe('2023-12-31T17:00:00.000Z');
    expect(o.pilots.byState).toEqual(DECEMBER_2023);
    const missing = o.leadAgencies
      .filter((a) => a.reportsMissing > 0)
      .map((a) => [a.code, a.pilotsWithoutReport]);
    // Pilot 31 has no result yet but a progress line ("đã đăng ký nhiệm vụ … năm 2024").
    expect(missing).toEqual([
      ['VPUBND', [3]],
      ['C06', [15, 23]],
      ['STTTT', [27, 28, 29, 30]],
    ]);
    expect(agency(o, 'SYT').reportsMissing).toBe(0);
  });

  it('shows what each addressee still owes, and how late', async () => {
    const o = await overview();
    const byt = addressee(o, 'BYT');
    expect(byt).toMatchObject({
      name: 'Bộ Y tế',
      open: 1,
      overdue: 1,
      answered: 0,
      averageWorkingDaysToAnswer: null,
    });
    expect(byt.overdueLetters.map((l) => l.documentNumber)).toEqual(['442/BC-TCTĐA06']);
    // 4338 went to two departments of Bộ Y tế, each owing it.
    for (const [code, name] of [
      ['BYT_CNTT', 'Cục Công nghệ thông tin'],
      ['BYT_YTDP', 'Cục Y tế dự phòng'],
    ]) {
      expect(addressee(o, code)).toMatchObject({ name, open: 1, overdue: 1, answered: 0 });
      expect(addressee(o, code).overdueLetters.map((l) => l.documentNumber)).toEqual([
        '4338/SYT-TCHC',
      ]);
    }
    const calendar = await t.app.get(CalendarService).current();
    const old = addressee(o, 'BYT_CNTT').overdueLetters[0];
    expect(old.letterDate).toBe('2022-10-27');
    expect(old.workingDaysOverdue).toBeGreaterThan(250);
    const recent = byt.overdueLetters[0];
    const { responseDueAt } = (
      await t.request('GET', `/api/v1/recommendations/${recent.id}`, { token: thuky })
    ).body;
    expect(recent.workingDaysOverdue).toBe(
      workingDaysBetween(new Date(responseDueAt), NOW, calendar),
    );
    // Every December letter is open; BCA is named on the most of them.
    expect(o.addressees.reduce((sum, a) => sum + a.open, 0)).toBe(23);
    expect(addressee(o, 'BCA')).toMatchObject({ open: 8, answered: 0 });
    expect(o.addressees[0].overdue).toBeGreaterThanOrEqual(o.addressees.at(-1)!.overdue);
  });

  it('counts answers and the working days they took once the secretariat records them', async () => {
    const covid = await letterId('442/BC-TCTĐA06', 'BYT');
    // Sent 20/12/2023; answered 05/01/2024: 21, 22, 25–29/12 and 2–5/01 (1/01 is New Year's Day).
    const first = await t.request('POST', `/api/v1/recommendations/${covid.id}/responses`, {
      token: thuky,
      body: {
        documentNumber: '15/BYT-CNTT',
        date: '2024-01-05',
        summary: 'Bộ Y tế hướng dẫn xử lý dữ liệu tiêm chủng không thể làm sạch.',
      },
    });
    expect(first.status).toBe(200);
    expect(addressee(await overview(), 'BYT')).toMatchObject({
      open: 1,
      overdue: 0,
      answered: 1,
      averageWorkingDaysToAnswer: 11,
      overdueLetters: [],
    });

    const old = await letterId('4338/SYT-TCHC', 'BYT_CNTT');
    const second = await t.request('POST', `/api/v1/recommendations/${old.id}/responses`, {
      token: thuky,
      body: {
        documentNumber: '20/BYT-DP',
        date: '2024-01-12',
        summary: 'Cục Công nghệ thông tin đã trả lời.',
        addresseeCode: 'BYT_CNTT',
      },
    });
    expect(second.status).toBe(200);
    const calendar = await t.app.get(CalendarService).current();
    const took = workingDaysBetween(new Date(old.sentAt), atLocalTime('2024-01-12'), calendar);
    expect(took).toBeGreaterThan(250);
    // Each addressee on its own clock: the answer of Cục Công nghệ thông tin answers for it
    // alone; Cục Y tế dự phòng still owes 4338 and is still overdue (issue 12, item 1).
    let o = await overview();
    expect(addressee(o, 'BYT_CNTT')).toMatchObject({
      open: 1,
      owing: 0,
      overdue: 0,
      answered: 1,
      averageWorkingDaysToAnswer: took,
      overdueLetters: [],
    });
    expect(addressee(o, 'BYT_YTDP')).toMatchObject({
      open: 1,
      owing: 1,
      overdue: 1,
      answered: 0,
      averageWorkingDaysToAnswer: null,
    });
    const [still] = addressee(o, 'BYT_YTDP').overdueLetters;
    expect(still.documentNumber).toBe('4338/SYT-TCHC');
    expect(still.addresseeStatus).toBe(
      `Cục Công nghệ thông tin: đã trả lời ngày 12/01/2024; Cục Y tế dự phòng: quá hạn ${still.workingDaysOverdue} ngày làm việc`,
    );
    expect(still.workingDaysOverdue).toBeGreaterThan(250);
    // The dashboard counts an overdue letter for an addressee only while that addressee owes.
    const dashboard = await t.request('GET', '/api/v1/dashboard', { token: lanhdao });
    const byAddressee = dashboard.body.overdueRecommendations.byAddressee as {
      code: string;
      count: number;
    }[];
    expect(byAddressee.find((a) => a.code === 'BYT_CNTT')).toBeUndefined();
    expect(byAddressee.find((a) => a.code === 'BYT_YTDP')).toMatchObject({ count: 1 });

    const third = await t.request('POST', `/api/v1/recommendations/${old.id}/responses`, {
      token: thuky,
      body: {
        documentNumber: '21/BYT-DP',
        date: '2024-01-12',
        summary: 'Cục Y tế dự phòng đã trả lời.',
        addresseeCode: 'BYT_YTDP',
      },
    });
    expect(third.status).toBe(200);
    o = await overview();
    for (const code of ['BYT_CNTT', 'BYT_YTDP'])
      expect(addressee(o, code)).toMatchObject({
        open: 1,
        owing: 0,
        overdue: 0,
        answered: 1,
        averageWorkingDaysToAnswer: took,
        overdueLetters: [],
      });
    // Closing an answered letter takes it off the open count.
    const closed = await t.request('POST', `/api/v1/recommendations/${old.id}/close`, {
      token: thuky,
      body: {},
    });
    expect(closed.status).toBe(200);
    expect(addressee(await overview(), 'BYT_CNTT')).toMatchObject({ open: 0, answered: 1 });
    expect(addressee(await overview(), 'BYT')).toMatchObject({ open: 1, answered: 1 });
  });

  it('traces the pilots by state across periods from their state history', async () => {
    let o = await overview();
    // Only December 2023 has reports so far (loaded locked, as report 442 read on its day);
    // January has neither reports nor a lock.
    expect(o.trend).toEqual([
      { period: '2023-12', locked: true, reports: 24, total: 31, byState: DECEMBER_2023 },
    ]);

    // Pilot 3 starts preparing in January and files its first report.
    const pilot3 = (await t.request('GET', '/api/v1/pilots/3', { token: thuky })).body;
    const moved = await t.request('POST', '/api/v1/pilots/3/transitions', {
      token: thuky,
      body: { to: 'PREPARING', version: pilot3.version },
    });
    expect(moved.status).toBe(200);
    const filed = await t.request('POST', '/api/v1/pilots/3/reports', {
      token: thuky,
      body: { period: '2024-01', progress: 'Văn phòng UBND tỉnh đã xây dựng kế hoạch triển khai.' },
    });
    expect(filed.status).toBe(201);
    const locked = await t.request('POST', '/api/v1/periods/2024-01/lock', { token: thuky });
    expect(locked.status).toBe(200);

    o = await overview();
    const january = counts({ NOT_STARTED: 7, PREPARING: 9, PILOTING: 8, OPERATING: 7 });
    expect(o.trend).toEqual([
      { period: '2023-12', locked: true, reports: 24, total: 31, byState: DECEMBER_2023 },
      { period: '2024-01', locked: true, reports: 1, total: 31, byState: january },
    ]);
    expect(o.pilots.byState).toEqual(january);
    expect(agency(o, 'VPUBND')).toMatchObject({ reportsMissing: 2, pilotsWithoutReport: [1, 2] });

    // December is rebuilt as it was: pilot 3 had not moved yet.
    const december = await overview('?period=2023-12');
    expect(december.pilots.byState).toEqual(DECEMBER_2023);
    expect(agency(december, 'VPUBND').byState).toMatchObject({ NOT_STARTED: 1, PREPARING: 0 });
    expect(december.trend.map((p) => p.period)).toEqual(['2023-12']);
  });

  it('refuses a malformed or future period and unknown parameters', async () => {
    for (const query of ['?period=2024-13', '?period=2024-1', '?period=abc', '?state=PILOTING']) {
      const res = await t.request('GET', `/api/v1/reports/overview${query}`, { token: lanhdao });
      expect([query, res.status, res.body.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
    }
    const future = await t.request('GET', '/api/v1/reports/overview?period=2024-02', {
      token: lanhdao,
    });
    expect(future.status).toBe(400);
    expect(future.body.message).toBe('Kỳ 2024-02 chưa đến (kỳ hiện tại 2024-01).');
    const anonymous = await t.request('GET', '/api/v1/reports/overview');
    expect(anonymous.status).toBe(401);
  });
});

describe('overview arithmetic', () => {
  const at = (s: string) => new Date(s);

  it('rebuilds each pilot state at a period end from its history', () => {
    const changes = [
      { pilotId: 'a', toState: 'NOT_STARTED' as const, at: at('2023-12-20T01:00:00Z') },
      { pilotId: 'b', toState: 'PREPARING' as const, at: at('2023-12-20T01:00:00Z') },
      { pilotId: 'a', toState: 'PILOTING' as const, at: at('2023-12-31T16:59:59Z') },
      { pilotId: 'b', toState: 'PILOTING' as const, at: at('2023-12-31T17:00:00Z') },
      { pilotId: 'c', toState: 'OPERATING' as const, at: at('2024-01-10T01:00:00Z') },
    ];
    const end = at('2023-12-31T17:00:00Z'); // 1/1/2024 00:00 in Asia/Ho_Chi_Minh
    expect(Object.fromEntries(statesAt(changes, end))).toEqual({ a: 'PILOTING', b: 'PREPARING' });
    const rows = leadAgencyRows(
      [
        { id: 'b', number: 2, agencyCode: 'SYT', agencyName: 'Sở Y tế', agencyShortName: 'SYT' },
        { id: 'a', number: 1, agencyCode: 'SYT', agencyName: 'Sở Y tế', agencyShortName: 'SYT' },
        { id: 'c', number: 3, agencyCode: 'CAT', agencyName: 'Công an', agencyShortName: 'CAT' },
      ],
      statesAt(changes, end),
      new Set(['a']),
    );
    expect(rows).toEqual([
      expect.objectContaining({
        code: 'SYT',
        pilots: [1, 2],
        total: 2,
        reportsMissing: 1,
        pilotsWithoutReport: [2],
      }),
    ]);
  });

  it('averages the working days to the first answer, and leaves it null without answers', () => {
    const weekdays = { isWorkingDay: (d: string) => ![0, 6].includes(new Date(d).getUTCDay()) };
    const letter = {
      agencyName: 'Bộ Y tế',
      agencyShortName: 'BYT',
      agencyKind: 'MINISTRY',
      documentNumber: '1/X',
      letterDate: '2024-01-01',
      sentAt: at('2024-01-01T01:00:00Z'), // Monday
      dueAt: at('2024-01-22T01:00:00Z'),
      escalationLevel: 0,
      addressees: [],
    };
    const answered = { ...letter, addresseeStatus: 'ANSWERED' as const };
    const awaiting = { ...letter, addresseeStatus: 'AWAITING' as const };
    const rows = addresseeRows(
      [
        { ...answered, agencyCode: 'BYT', id: '1', state: 'ANSWERED', firstAnswer: '2024-01-05' },
        { ...answered, agencyCode: 'BYT', id: '2', state: 'CLOSED', firstAnswer: '2024-01-10' },
        { ...awaiting, agencyCode: 'BYT', id: '3', state: 'SENT', firstAnswer: null },
        { ...awaiting, agencyCode: 'BCA', id: '4', state: 'SENT', firstAnswer: null },
      ],
      at('2024-01-24T01:00:00Z'),
      weekdays,
    );
    expect(
      rows.map((r) => [r.code, r.open, r.overdue, r.answered, r.averageWorkingDaysToAnswer]),
    ).toEqual([
      ['BYT', 2, 1, 2, 5.5], // 4 (2–5/01) and 7 (2–10/01) working days
      ['BCA', 1, 1, 0, null],
    ]);
  });
});
