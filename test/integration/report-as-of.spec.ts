import fc from 'fast-check';
import JSZip from 'jszip';
import { DataSource } from 'typeorm';
import { backfillTimeTrueHistory } from '../../migrations/1795830000000-TimeTrueHistory.js';
import { backfillBlockerWords } from '../../migrations/1796320000000-BlockerRevision.js';
import { CalendarService } from '../../src/calendar/calendar.service.js';
import { FixedClock } from '../../src/common/clock.js';
import { workingDaysBetween } from '../../src/calendar/domain/working-days.js';
import { localDay } from '../../src/common/domain/local-time.js';
import {
  nextPeriod,
  periodCutoff,
  periodStart,
  shiftPeriod,
} from '../../src/common/domain/periods.js';
import type { MonthlyReportModel } from '../../src/documents/monthly/monthly-report.model.js';
import type { MonthlySource } from '../../src/periods/monthly-source.js';
import { readMonthlySource } from '../../src/periods/monthly-source.reader.js';
import { PeriodCutoffService } from '../../src/periods/period-cutoff.service.js';
import { PILOTS } from '../../src/seed/reference-data.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  newAgency,
  newOfficer,
  newPilot,
  newUser,
  secretariatToken,
  type NewAgency,
  type NewPilot,
} from '../support/factories.js';
import { paragraphs } from '../support/docx.js';
import { referenceMonthlySource } from '../support/reference-source.js';

/**
 * Each period's report as of that period (product.md §3, "Periods are read as of their end";
 * issue 13, item 1): what a period's report says is read as of its cut-off instant from the
 * history, so nothing done after it changes it, locked or not.
 */

/** Section I.5.1 of report 442/BC-TCTĐA06 of 20/12/2023, copied from the report. */
const REPORT_SENTENCE =
  'Đến nay, đã ghi nhận 23 mô hình đã và đang triển khai thực hiện, còn lại 08 mô hình chưa ghi nhận việc triển khai, thực hiện (01 Mô hình do Văn phòng UBND tỉnh chủ trì (Mô hình 3); 02 Mô hình do Cục Cảnh sát QLHC về TTXH – Bộ Công an chủ trì (Mô hình 15 và 23); 05 Mô hình do Sở Thông tin và Truyền thông chủ trì (Mô hình 27, 28, 29, 30, 31)).';
const END_OF_20_12_2023 = '2023-12-20T16:59:59.999Z';

/** A source without the database's ids, its same-day letters in a fixed order. */
function comparable(source: MonthlySource) {
  const noId = <T extends { id: string }>({ id: _id, ...rest }: T) => rest;
  return {
    ...source,
    pilots: source.pilots.map((p) => ({ ...p, openBlockers: p.openBlockers.map(noId) })),
    recommendations: source.recommendations
      .map(noId)
      .sort(
        (a, b) =>
          (a.letterDate ?? '').localeCompare(b.letterDate ?? '') ||
          a.summary.localeCompare(b.summary),
      ),
    changes: {
      ...source.changes,
      blockersCreated: source.changes.blockersCreated.map(noId),
      blockersResolved: source.changes.blockersResolved.map(noId),
    },
    milestones: source.milestones?.map(noId),
  };
}

describe('the December 2023 report from a fresh start', () => {
  let t: TestApp;
  let db: DataSource;
  let thuky: string;
  // Today: the reference data is three years old.
  const clock = new FixedClock(new Date('2026-12-02T03:00:00Z'));
  const report = async (period: string) => {
    const res = await t.request<MonthlyReportModel>(
      'GET',
      `/api/v1/reports/monthly?period=${period}`,
      { token: thuky },
    );
    expect(res.status).toBe(200);
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    db = t.app.get(DataSource);
    thuky = await t.login('thuky@demo.example');
  });
  afterAll(() => t.close());

  it('is report 442 as of 20/12/2023: a locked period whose snapshot is the report', async () => {
    const [snapshot, ...more] = await db.query(
      `SELECT s.id, s.taken_at, s.taken_by_id, s.data, rp.locked_at FROM period_snapshot s
         JOIN report_period rp ON rp.period = s.period
        WHERE s.period = '2023-12' AND s.superseded_at IS NULL`,
    );
    expect(more).toEqual([]);
    expect(snapshot).toMatchObject({
      taken_at: new Date(END_OF_20_12_2023),
      locked_at: new Date(END_OF_20_12_2023),
      taken_by_id: null,
    });
    // Exactly what the reference data says as of the end of 20/12/2023 (read here without the
    // database): states, reports, lead agencies, open blockers, letters, days overdue.
    expect(comparable(snapshot.data)).toEqual(
      comparable(referenceMonthlySource(periodCutoff('2023-12', 20))),
    );

    const { body } = await report('2023-12');
    expect(body.provenance).toEqual({
      kind: 'snapshot',
      asOf: END_OF_20_12_2023,
      snapshotId: snapshot.id,
    });
    expect(body.summary).toMatchObject({ total: 31, recorded: 23, notRecorded: 8 });
    expect(body.summary.sentence).toBe(REPORT_SENTENCE);
    expect(body.appendix.rows).toHaveLength(31);
    expect(body.appendix.rows.map((r) => [r.number, r.name, r.state, r.result])).toEqual(
      PILOTS.map((p) => [p.number, p.name, p.state, p.progress]),
    );
    // No letter counted overdue past 20/12/2023: 4338/SYT-TCHC, due 17/11/2022, is 273
    // working days overdue there (about 1,010 today), and nothing had escalated.
    const letters = body.recommendations.rows;
    expect(letters).toHaveLength(15);
    expect(letters[0]).toMatchObject({
      documentNumber: '4338/SYT-TCHC',
      responseDue: '17/11/2022',
      workingDaysOverdue: 273,
      escalationLevel: 0,
    });
    expect(Math.max(...letters.map((r) => r.workingDaysOverdue))).toBe(273);
    // Letters sent after 20/12/2023 do not appear: every one is dated on or before it.
    expect(letters.every((r) => r.letterDay! <= '2023-12-20')).toBe(true);
  });

  it('does not change when pilot 3 moves today, locked or read unlocked as of its cut-off', async () => {
    const before = await report('2023-12');
    const p3 = (await t.request('GET', '/api/v1/pilots/3', { token: thuky })).body;
    const moved = await t.request('POST', '/api/v1/pilots/3/transitions', {
      token: thuky,
      body: { to: 'PREPARING', version: p3.version },
    });
    expect(moved.status).toBe(200);
    expect((await report('2023-12')).raw).toBe(before.raw);

    // Unlocked, December 2023 is read from the history as of its cut-off (31/12/2023 by
    // default): pilot 3 had not started then, and the sentence is the same.
    expect(
      (await t.request('POST', '/api/v1/periods/2023-12/unlock', { token: thuky })).status,
    ).toBe(200);
    const live = (await report('2023-12')).body;
    expect(live.provenance).toEqual({
      kind: 'live',
      asOf: '2023-12-31T16:59:59.999Z',
      snapshotId: null,
    });
    expect(live.appendix.rows[2]).toMatchObject({ number: 3, state: 'NOT_STARTED' });
    expect(live.summary).toMatchObject({ total: 31, recorded: 23, notRecorded: 8 });
    expect(live.summary.notRecordedByAgency.map((g) => g.pilotNumbers)).toEqual([
      [3],
      [15, 23],
      [27, 28, 29, 30, 31],
    ]);
    // Today's view has moved on.
    const today = (await report('2026-12')).body;
    expect(today.appendix.rows[2]).toMatchObject({ number: 3, state: 'PREPARING' });
    expect(today.summary.recorded).toBe(24);
  });

  it("prints a blocker's words as they were at the cut-off, whatever it is edited to later", async () => {
    const docxText = async (period: string) => {
      const res = await fetch(
        new URL(`/api/v1/reports/monthly?period=${period}&format=docx`, await t.app.getUrl()),
        { headers: { authorization: `Bearer ${thuky}` } },
      );
      expect(res.status).toBe(200);
      const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
      return paragraphs(await zip.file('word/document.xml')!.async('string'));
    };
    // December 2023 read from the history as of its cut-off (unlocked by the test above, or here).
    const unlocked = await t.request('POST', '/api/v1/periods/2023-12/unlock', { token: thuky });
    expect([200, 409]).toContain(unlocked.status);
    const [pilot25] = (await db.query(
      `SELECT b.id, b.description FROM blocker b JOIN pilot p ON p.id = b.pilot_id
        WHERE p.number = 25 AND b.authority = 'CENTRAL'`,
    )) as { id: string; description: string }[];
    const was = pilot25.description.split('\n')[0].trim();
    const before = await docxText('2023-12');
    expect(before.some((p) => p.startsWith('+ Mô hình 25 (') && p.endsWith(was))).toBe(true);

    const now =
      'Bộ Tài nguyên và Môi trường đã hướng dẫn một phần; còn chờ hướng dẫn của Bộ Công an.';
    const current = (await t.request('GET', `/api/v1/blockers/${pilot25.id}`, { token: thuky }))
      .body;
    const edited = await t.request('PATCH', `/api/v1/blockers/${pilot25.id}`, {
      token: thuky,
      body: { version: current.version, description: now },
    });
    expect(edited.status).toBe(200);

    // Today's report words it anew; December 2023's, unlocked or locked again, as it was.
    expect((await docxText('2026-12')).some((p) => p.endsWith(`: ${now}`))).toBe(true);
    expect(await docxText('2023-12')).toEqual(before);
    expect((await t.request('POST', '/api/v1/periods/2023-12/lock', { token: thuky })).status).toBe(
      200,
    );
    expect(await docxText('2023-12')).toEqual(before);
    // Its words are kept: the loaded ones, dated when it was raised, then the edit's.
    expect(
      await db.query(
        `SELECT description, at FROM blocker_revision WHERE blocker_id = $1 ORDER BY id`,
        [pilot25.id],
      ),
    ).toEqual([
      {
        description: pilot25.description,
        at: (
          await db.query(`SELECT min(at) AS at FROM blocker_state_change WHERE blocker_id = $1`, [
            pilot25.id,
          ])
        )[0].at,
      },
      { description: now, at: clock.now() },
    ]);
    // A database whose edits predate the revisions rebuilds them from the audit trail (the
    // edit dated when its audit entry was written, by the database's clock).
    const written = await db.query(
      `SELECT blocker_id, title, description, author_id FROM blocker_revision ORDER BY id`,
    );
    await db.query(`DELETE FROM blocker_revision`);
    await backfillBlockerWords(db);
    expect(
      await db.query(
        `SELECT blocker_id, title, description, author_id FROM blocker_revision ORDER BY id`,
      ),
    ).toEqual(written);
    const [audited] = await db.query(
      `SELECT at FROM audit_entry WHERE action = 'blocker.update' AND entity_id = $1`,
      [pilot25.id],
    );
    expect(
      (await db.query(`SELECT at FROM blocker_revision ORDER BY id`)).map(
        (r: { at: Date }) => r.at,
      ),
    ).toEqual([expect.any(Date), audited.at]);
    expect(await docxText('2023-12')).toEqual(before);
  });

  it('shows each addressee of an open letter as it stood at the cut-off, whatever it does later', async () => {
    const calendar = await t.app.get(CalendarService).current();
    const due = new Date('2026-10-20T10:00:00Z');
    const row = (body: MonthlyReportModel) =>
      body.recommendations.rows.find((r) => r.documentNumber === '903/TCTĐA06-CAT')!;
    try {
      // Sent on 01/10/2026 to two ministries; Bộ Công an answers on 04/11/2026, Bộ Y tế not.
      clock.set(new Date('2026-10-01T02:00:00Z'));
      const created = await t.request('POST', '/api/v1/recommendations', {
        token: thuky,
        body: {
          addresseeCodes: ['BCA', 'BYT'],
          summary: 'Đề nghị hướng dẫn xác thực định danh cho dịch vụ công trực tuyến',
          documentNumber: '903/TCTĐA06-CAT',
          letterDate: '2026-10-01',
          sentAt: '2026-10-01T02:00:00Z',
          responseDueAt: due.toISOString(),
        },
      });
      expect(created.status).toBe(201);
      const answer = (addresseeCode: string, date: string) =>
        t.request('POST', `/api/v1/recommendations/${created.body.id}/responses`, {
          token: thuky,
          body: {
            addresseeCode,
            documentNumber: `${date}/${addresseeCode}`,
            date,
            summary: 'Đã trả lời.',
          },
        });
      clock.set(new Date('2026-11-04T03:00:00Z'));
      expect((await answer('BCA', '2026-11-04')).status).toBe(200);
      clock.set(new Date('2026-12-02T03:00:00Z'));

      const octoberEnd = new Date('2026-10-31T16:59:59.999Z');
      const novemberEnd = new Date('2026-11-30T16:59:59.999Z');
      const october = row((await report('2026-10')).body);
      expect(october.addresseeLines).toEqual([
        `Bộ Công an: quá hạn ${workingDaysBetween(due, octoberEnd, calendar)} ngày làm việc`,
        `Bộ Y tế: quá hạn ${workingDaysBetween(due, octoberEnd, calendar)} ngày làm việc`,
      ]);
      const late = workingDaysBetween(due, novemberEnd, calendar);
      const before = await report('2026-11');
      expect(row(before.body)).toMatchObject({
        state: 'SENT',
        status: 'Quá hạn',
        workingDaysOverdue: late,
        addresseeLines: [
          'Bộ Công an: đã trả lời ngày 04/11/2026',
          `Bộ Y tế: quá hạn ${late} ngày làm việc`,
        ],
      });

      // Bộ Y tế answers today: November's report still shows it overdue, as it stood then.
      expect((await answer('BYT', '2026-12-02')).status).toBe(200);
      expect((await report('2026-11')).raw).toBe(before.raw);
      expect(row((await report('2026-12')).body)).toMatchObject({
        state: 'ANSWERED',
        workingDaysOverdue: 0,
        addresseeLines: [
          'Bộ Công an: đã trả lời ngày 04/11/2026',
          'Bộ Y tế: đã trả lời ngày 02/12/2026',
        ],
      });
    } finally {
      clock.set(new Date('2026-12-02T03:00:00Z'));
    }
  });
});

describe('the period cut-off day', () => {
  let t: TestApp;
  let thuky: string;
  const clock = new FixedClock(new Date('2024-01-10T03:00:00Z')); // 10:00 on 10/01/2024

  beforeAll(async () => {
    t = await startTestApp({ clock, seed: false });
    thuky = await secretariatToken(t);
  });
  afterAll(() => t.close());

  it('is the end of the month by default; only the secretariat sets it, audited and versioned', async () => {
    const get = () => t.request('GET', '/api/v1/periods/cutoff', { token: thuky });
    expect((await get()).body).toEqual({ periodCutoffDay: null, version: 0 });
    const pilot = await newPilot(t, { state: 'PREPARING' });
    const officer = await t.login((await newOfficer(t, pilot.leadAgencies[0])).email);
    const refused = await t.request('PUT', '/api/v1/periods/cutoff', {
      token: officer,
      body: { periodCutoffDay: 15, version: 0 },
    });
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    for (const bad of [0, 32, 1.5, '15', undefined]) {
      const res = await t.request('PUT', '/api/v1/periods/cutoff', {
        token: thuky,
        body: { periodCutoffDay: bad, version: 0 },
      });
      expect([bad, res.status, res.body.code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
    }
    const set = await t.request('PUT', '/api/v1/periods/cutoff', {
      token: thuky,
      body: { periodCutoffDay: 15, version: 0 },
    });
    expect([set.status, set.body]).toEqual([200, { periodCutoffDay: 15, version: 1 }]);
    const stale = await t.request('PUT', '/api/v1/periods/cutoff', {
      token: thuky,
      body: { periodCutoffDay: 20, version: 0 },
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    expect((await get()).body).toEqual({ periodCutoffDay: 15, version: 1 });
    const [entry] = await t.app
      .get(DataSource)
      .query(
        `SELECT action, before, after FROM audit_entry WHERE entity_id = 'reports.periodCutoffDay'`,
      );
    expect(entry).toEqual({
      action: 'period.cutoffDay',
      before: { periodCutoffDay: null },
      after: { periodCutoffDay: 15 },
    });

    // January 2024 is read as of the end of 15/01 once that has passed: a move on 16/01 is
    // February's news.
    const n = pilot.number;
    const move = async (to: string) => {
      const [{ version }] = await t.app
        .get(DataSource)
        .query(`SELECT version FROM pilot WHERE id = $1`, [pilot.id]);
      const res = await t.request('POST', `/api/v1/pilots/${n}/transitions`, {
        token: thuky,
        body: { to, version, reason: 'Theo chỉ đạo' },
      });
      expect(res.status).toBe(200);
    };
    const january = async () =>
      (
        await t.request<MonthlyReportModel>('GET', '/api/v1/reports/monthly?period=2024-01', {
          token: thuky,
        })
      ).body;
    await move('PILOTING'); // 10/01
    expect((await january()).provenance.asOf).toBe('2024-01-10T03:00:00.000Z');
    clock.set(new Date('2024-01-16T01:00:00Z')); // 08:00 on 16/01
    await move('OPERATING');
    const read = await january();
    expect(read.provenance.asOf).toBe('2024-01-15T16:59:59.999Z');
    expect(read.appendix.rows.find((r) => r.number === n)?.state).toBe('PILOTING');
    expect(read.changes.stateMoves.rows.map((r) => [r.pilotNumber, r.to])).toEqual([
      [n, 'Đang thí điểm'],
    ]);
    // A lock after the cut-off freezes the data as of the cut-off, not as of the lock.
    expect((await t.request('POST', '/api/v1/periods/2024-01/lock', { token: thuky })).status).toBe(
      200,
    );
    const locked = await january();
    expect(locked.provenance).toMatchObject({ kind: 'snapshot', asOf: '2024-01-15T16:59:59.999Z' });
    expect(locked.appendix.rows.find((r) => r.number === n)?.state).toBe('PILOTING');
  });
});

// ---------------------------------------------------------------------------------------------
// Property: for random histories, a past period's report source is the same before and after
// any random sequence of later changes.

type PState = 'NOT_STARTED' | 'PREPARING' | 'PILOTING' | 'OPERATING' | 'COMPLETED' | 'SUSPENDED';
const P_STATES: PState[] = [
  'NOT_STARTED',
  'PREPARING',
  'PILOTING',
  'OPERATING',
  'COMPLETED',
  'SUSPENDED',
];

type Command =
  | { kind: 'move'; pilot: number; to: PState }
  | { kind: 'raise'; pilot: number | null }
  | { kind: 'blocker'; which: number; command: 'resolve' | 'withdraw' | 'reopen' }
  | { kind: 'draft'; blockers: number[] }
  | { kind: 'record'; blockers: number[]; backdateHours: number }
  | {
      kind: 'letter';
      which: number;
      command: 'send' | 'responses' | 'close' | 'withdraw' | 'reopen';
    }
  | { kind: 'fire'; which: number }
  | { kind: 'report'; pilot: number; next: boolean; text: number }
  | {
      kind: 'succession';
      /** The letters' ministry, or the primary lead agency of pilot 0 or 1. */
      of: 'ministry' | 0 | 1;
      how: 'MERGE' | 'SPLIT' | 'RENAME';
      /** Its effective day, counted from today's. */
      daysAhead: number;
    };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('move' as const),
    pilot: fc.nat(1),
    to: fc.constantFrom(...P_STATES),
  }),
  fc.record({ kind: fc.constant('raise' as const), pilot: fc.option(fc.nat(1), { nil: null }) }),
  fc.record({
    kind: fc.constant('blocker' as const),
    which: fc.nat(5),
    command: fc.constantFrom('resolve' as const, 'withdraw' as const, 'reopen' as const),
  }),
  fc.record({
    kind: fc.constant('draft' as const),
    blockers: fc.uniqueArray(fc.nat(5), { maxLength: 2 }),
  }),
  fc.record({
    kind: fc.constant('record' as const),
    blockers: fc.uniqueArray(fc.nat(5), { maxLength: 2 }),
    backdateHours: fc.nat(400),
  }),
  fc.record({
    kind: fc.constant('letter' as const),
    which: fc.nat(5),
    command: fc.constantFrom(
      'send' as const,
      'responses' as const,
      'close' as const,
      'withdraw' as const,
      'reopen' as const,
    ),
  }),
  fc.record({ kind: fc.constant('fire' as const), which: fc.nat(5) }),
  fc.record({
    kind: fc.constant('report' as const),
    pilot: fc.nat(1),
    next: fc.boolean(),
    text: fc.nat(99),
  }),
  fc.record({
    kind: fc.constant('succession' as const),
    of: fc.constantFrom('ministry' as const, 0 as const, 1 as const),
    how: fc.constantFrom('MERGE' as const, 'SPLIT' as const, 'RENAME' as const),
    daysAhead: fc.nat(2),
  }),
);

describe('a past period’s report, whatever happens later', () => {
  let t: TestApp;
  let db: DataSource;
  let token: string;
  let admin: string;
  const clock = new FixedClock(new Date('2024-01-01T00:00:00+07:00'));
  let runs = 0;
  const seen = { moves: 0, openBlockers: 0, resolved: 0, letters: 0, escalated: 0, reports: 0 };
  /** Successions recorded after a cut-off, of the letters' ministry and of lead agencies. */
  const laterSuccessions = { ministry: 0, lead: 0 };

  beforeAll(async () => {
    t = await startTestApp({ clock, seed: false });
    db = t.app.get(DataSource);
    token = await secretariatToken(t);
    admin = await t.login((await newUser(t, { role: 'ADMIN' })).email);
  });
  afterAll(async () => {
    console.warn(
      `report as of: ${runs} random histories; sources with ${JSON.stringify(seen)} (totals); ` +
        `successions after the cut-off: ${JSON.stringify(laterSuccessions)}`,
    );
    await t.close();
  });

  /** The period's source as the report reads it now, and the report itself. */
  const read = async (period: string) => {
    const asOf = await t.app.get(PeriodCutoffService).asOf(period, clock.now());
    const calendar = await t.app.get(CalendarService).current();
    const source = await db.transaction('REPEATABLE READ', (m) =>
      readMonthlySource(m, period, asOf, calendar),
    );
    const res = await t.request('GET', `/api/v1/reports/monthly?period=${period}`, { token });
    expect(res.status).toBe(200);
    return { source, report: res.raw };
  };

  it('is the same before and after any later changes (random histories)', async () => {
    let cutoffVersion = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.integer({ min: 1, max: 31 }), { nil: null }),
        fc.tuple(fc.constantFrom(...P_STATES), fc.constantFrom(...P_STATES)),
        fc.array(commandArb, { minLength: 3, maxLength: 12 }),
        fc.array(commandArb, { minLength: 1, maxLength: 12 }),
        async (cutoffDay, startStates, history, later) => {
          // Each run has a period of its own, after the previous run's, and the clock only moves on.
          const period = shiftPeriod('2024-01', 3 * runs);
          runs += 1;
          const set = await t.request('PUT', '/api/v1/periods/cutoff', {
            token,
            body: { periodCutoffDay: cutoffDay, version: cutoffVersion },
          });
          expect(set.status).toBe(200);
          cutoffVersion = set.body.version;
          const start = periodStart(period);
          const cutoff = periodCutoff(period, cutoffDay);
          clock.set(start);
          const pilots = [
            await newPilot(t, { state: startStates[0], since: start }),
            await newPilot(t, { state: startStates[1], since: start }),
          ];
          // Each run's letters go to a ministry of its own, which a succession may end.
          const ministry = await newAgency(t, { kind: 'MINISTRY' });
          const run: Run = { pilots, ministry, blockers: [], letters: [], period, later: false };

          // The history: spread over the period up to its cut-off.
          const step = (cutoff.getTime() - start.getTime()) / (history.length + 1);
          for (const [i, command] of history.entries()) {
            clock.set(new Date(start.getTime() + Math.floor(step * (i + 1))));
            await perform(run, command);
          }
          // Read as soon as the cut-off has passed, then change things from that instant on.
          clock.set(new Date(cutoff.getTime() + 1));
          const before = await read(period);
          run.later = true;
          for (const [j, command] of later.entries()) {
            clock.set(new Date(cutoff.getTime() + 1 + j * 3 * 3_600_000));
            await perform(run, command);
          }
          clock.set(new Date(cutoff.getTime() + 40 * 86_400_000));
          const after = await read(period);
          expect(after.source).toEqual(before.source);
          expect(after.report).toBe(before.report);

          const s = before.source;
          seen.moves += s.changes.stateMoves.length;
          seen.openBlockers += s.pilots.reduce((n, p) => n + p.openBlockers.length, 0);
          seen.resolved += s.changes.blockersResolved.length;
          seen.letters += s.recommendations.length;
          seen.escalated += s.recommendations.filter((r) => r.escalationLevel > 0).length;
          seen.reports += s.pilots.filter((p) => p.report !== null).length;
        },
      ),
      { numRuns: 25, seed: 0x442_2023, endOnFailure: true },
    );
    // Not vacuous: the sources held every kind of fact the report reads, and the agencies they
    // name were merged, split or renamed after cut-offs.
    for (const [what, n] of Object.entries({ ...seen, ...laterSuccessions }))
      expect([what, n > 0]).toEqual([what, true]);
  }, 600_000);

  /** One command through the API (as the secretariat); refusals are part of random histories. */
  interface Run {
    pilots: NewPilot[];
    ministry: NewAgency;
    blockers: string[];
    letters: string[];
    period: string;
    /** Past the period's cut-off. */
    later: boolean;
  }

  async function perform(run: Run, c: Command): Promise<void> {
    const now = clock.now();
    const request = async (method: string, url: string, body?: unknown) => {
      const res = await t.request(method, url, { token, body });
      // Refused or not, never a server error.
      expect([url, res.status < 500]).toEqual([url, true]);
      return res;
    };
    const pick = <T>(list: T[], i: number): T | undefined =>
      list.length ? list[i % list.length] : undefined;
    switch (c.kind) {
      case 'move': {
        const pilot = run.pilots[c.pilot];
        const [{ version }] = await db.query(`SELECT version FROM pilot WHERE id = $1`, [pilot.id]);
        await request('POST', `/api/v1/pilots/${pilot.number}/transitions`, {
          to: c.to,
          version,
          reason: 'Theo chỉ đạo của Tổ công tác',
        });
        return;
      }
      case 'raise': {
        const res = await request('POST', '/api/v1/blockers', {
          ...(c.pilot === null
            ? { topic: `Chủ đề chung ${run.period}` }
            : { pilotNumber: run.pilots[c.pilot].number }),
          title: `Vướng mắc ${run.blockers.length + 1} kỳ ${run.period}`,
          description: 'Cần hướng dẫn của bộ, ngành.',
          category: 'GUIDANCE',
          authority: 'CENTRAL',
        });
        if (res.status === 201) run.blockers.push(res.body.id);
        return;
      }
      case 'blocker': {
        const id = pick(run.blockers, c.which);
        if (!id) return;
        await request(
          'POST',
          `/api/v1/blockers/${id}/${c.command}`,
          c.command === 'resolve'
            ? { resolution: `Đã giải quyết lúc ${now.toISOString()}` }
            : { reason: `Lý do lúc ${now.toISOString()}` },
        );
        return;
      }
      case 'draft':
      case 'record': {
        const blockerIds = [
          ...new Set(c.blockers.map((i) => pick(run.blockers, i)).filter(Boolean)),
        ];
        const sentAt = new Date(
          now.getTime() - (c.kind === 'record' ? c.backdateHours : 0) * 3_600_000,
        );
        const res = await request('POST', '/api/v1/recommendations', {
          addresseeCodes: [run.ministry.code],
          blockerIds,
          summary: `Kiến nghị ${run.letters.length + 1} kỳ ${run.period}`,
          ...(c.kind === 'record'
            ? {
                documentNumber: `${run.letters.length + 1}/TCTĐA06-CAT`,
                letterDate: localDay(sentAt),
                sentAt: sentAt.toISOString(),
              }
            : {}),
        });
        if (res.status === 201) run.letters.push(res.body.id);
        return;
      }
      case 'letter': {
        const id = pick(run.letters, c.which);
        if (!id) return;
        const day = localDay(now);
        const bodies = {
          send: { documentNumber: `G-${now.getTime()}/TCTĐA06-CAT`, letterDate: day },
          responses: { documentNumber: `${now.getTime()}/BCA-C06`, date: day, summary: 'Trả lời' },
          close: {},
          withdraw: { reason: 'Không còn cần' },
          reopen: { reason: 'Trả lời chưa đủ' },
        };
        await request('POST', `/api/v1/recommendations/${id}/${c.command}`, bodies[c.command]);
        return;
      }
      case 'fire': {
        // What a firing step writes (no worker runs here): the next level of the letter's cycle
        // on the ladder of each addressee that still owes an answer.
        const id = pick(run.letters, c.which);
        if (!id) return;
        await db.query(
          `INSERT INTO escalation_event (recommendation_id, agency_id, cycle, level, repeat, level_name, outcome,
                                         due_at, occurred_at, working_days_overdue)
           SELECT r.id, ra.agency_id, r.cycle, coalesce(max(e.level), 0) + 1, 0,
                  'Mức ' || (coalesce(max(e.level), 0) + 1), 'FIRED', $2, $2, 0
             FROM recommendation r
             JOIN recommendation_addressee ra ON ra.recommendation_id = r.id
                                             AND ra.status IN ('AWAITING', 'ACKNOWLEDGED')
             LEFT JOIN escalation_event e ON e.recommendation_id = r.id AND e.cycle = r.cycle
                                         AND e.agency_id = ra.agency_id
            WHERE r.id = $1 AND r.state = 'SENT'
            GROUP BY r.id, r.cycle, ra.agency_id`,
          [id, now],
        );
        return;
      }
      case 'report': {
        const pilot = run.pilots[c.pilot];
        await request('POST', `/api/v1/pilots/${pilot.number}/reports`, {
          period: c.next ? nextPeriod(run.period) : run.period,
          progress: `Kết quả ${c.text} ghi lúc ${now.toISOString()}`,
          metrics: { soCoSo: c.text },
        });
        return;
      }
      case 'succession': {
        // The agency's duties pass to new agencies of its kind from today or a day or two on;
        // refused (409) once it has already ceased.
        const old = c.of === 'ministry' ? run.ministry : run.pilots[c.of].leadAgencies[0];
        const kind = c.of === 'ministry' ? 'MINISTRY' : 'PROVINCIAL_DEPARTMENT';
        const main = await newAgency(t, { kind });
        const links = [{ fromCode: old.code, toCode: main.code, isMain: true }];
        if (c.how === 'SPLIT')
          links.push({
            fromCode: old.code,
            toCode: (await newAgency(t, { kind })).code,
            isMain: false,
            scope: 'một phần nhiệm vụ',
          } as (typeof links)[number]);
        const res = await t.request('POST', '/api/v1/agency-successions', {
          token: admin,
          body: {
            kind: c.how,
            effectiveOn: localDay(new Date(now.getTime() + c.daysAhead * 86_400_000)),
            legalBasis: `Quyết định ${run.letters.length + 1}/QĐ-TTg ngày ${localDay(now)}`,
            links:
              c.how === 'RENAME'
                ? links.map(({ fromCode, toCode }) => ({ fromCode, toCode }))
                : links,
          },
        });
        // Refused (never a server error) once the agency has already ceased.
        expect([res.status === 201 || (res.status >= 400 && res.status < 500), res.body]).toEqual([
          true,
          res.body,
        ]);
        if (res.status === 201 && run.later)
          laterSuccessions[c.of === 'ministry' ? 'ministry' : 'lead'] += 1;
        return;
      }
    }
  }
});

// ---------------------------------------------------------------------------------------------
// The migration's backfill of the rows that existed before the history tables.

describe('the history backfill', () => {
  let t: TestApp;
  let db: DataSource;
  let thuky: string;
  const clock = new FixedClock(new Date('2024-01-15T03:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    db = t.app.get(DataSource);
    thuky = await t.login('thuky@demo.example');
  });
  afterAll(() => t.close());

  const ok = async (method: string, url: string, body?: unknown) => {
    const res = await t.request(method, url, { token: thuky, body });
    expect([url, res.status]).toEqual([url, expect.any(Number)]);
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${res.raw}`);
    return res.body;
  };

  /**
   * Every history row, in order, without ids; a time written by the service under the test's
   * clock (January 2024) or by the audit trail (the database's clock) is "service" — they differ
   * only by whose clock it is.
   */
  const histories = async () => {
    const when = (at: Date) => (at >= new Date('2024-01-01T00:00:00Z') ? 'service' : at);
    const letters = await db.query(
      `SELECT recommendation_id AS of, from_state, to_state, at, response_due_at, cycle, actor_id
         FROM recommendation_state_change h ORDER BY recommendation_id, h.at, h.id`,
    );
    const blockers = await db.query(
      `SELECT blocker_id AS of, from_state, to_state, at, note, actor_id
         FROM blocker_state_change h ORDER BY blocker_id, h.at, h.id`,
    );
    const reports = await db.query(
      `SELECT report_id AS of, progress, metrics, at, author_id
         FROM pilot_report_revision h ORDER BY report_id, h.at, h.id`,
    );
    return {
      letters: letters.map((r: { at: Date }) => ({ ...r, at: when(r.at) })),
      blockers: blockers.map((r: { at: Date }) => ({ ...r, at: when(r.at) })),
      reports: reports.map((r: { at: Date }) => ({ ...r, at: when(r.at) })),
    };
  };

  it('rebuilds the history the services and the reference loader wrote, from the audit trail and the columns', async () => {
    // Through the service: a report filed and edited; a blocker raised, escalated and resolved,
    // a seeded one resolved and reopened, a seeded escalated one withdrawn; a letter drafted,
    // sent, answered, reopened, answered twice and closed; one recorded as sent and withdrawn; a
    // seeded one answered.
    await ok('POST', '/api/v1/pilots/4/reports', { period: '2024-01', progress: 'Bản 1' });
    await ok('POST', '/api/v1/pilots/4/reports', {
      period: '2024-01',
      progress: 'Bản 2',
      metrics: { coSo: 180 },
    });
    const [b7] = (await ok('GET', '/api/v1/blockers?pilot=7')).items;
    await ok('POST', `/api/v1/blockers/${b7.id}/resolve`, { resolution: 'Đã hướng dẫn.' });
    await ok('POST', `/api/v1/blockers/${b7.id}/reopen`, { reason: 'Chưa xong.' });
    const [covid] = (await ok('GET', '/api/v1/blockers?q=COVID')).items;
    expect(covid.state).toBe('ESCALATED');
    await ok('POST', `/api/v1/blockers/${covid.id}/withdraw`, { reason: 'Không còn.' });
    const raised = await ok('POST', '/api/v1/blockers', {
      pilotNumber: 6,
      title: 'Thiếu nhân lực',
      description: 'Chưa bố trí được nhân lực.',
      category: 'STAFFING',
      authority: 'CENTRAL',
    });
    const draft = await ok('POST', '/api/v1/recommendations', {
      addresseeCodes: ['BCA'],
      blockerIds: [raised.id],
      summary: 'Đề nghị hỗ trợ nhân lực.',
    });
    await ok('POST', `/api/v1/recommendations/${draft.id}/send`, {
      documentNumber: '10/TCTĐA06-CAT',
      letterDate: '2024-01-15',
    });
    const answer = { documentNumber: '1/BCA', date: '2024-01-15', summary: 'Trả lời' };
    await ok('POST', `/api/v1/recommendations/${draft.id}/responses`, answer);
    await ok('POST', `/api/v1/recommendations/${draft.id}/reopen`, { reason: 'Chưa đủ.' });
    await ok('POST', `/api/v1/recommendations/${draft.id}/responses`, answer);
    await ok('POST', `/api/v1/recommendations/${draft.id}/responses`, answer);
    await ok('POST', `/api/v1/recommendations/${draft.id}/close`, {});
    await ok('POST', `/api/v1/blockers/${raised.id}/resolve`, { resolution: 'Đã bố trí.' });
    const recorded = await ok('POST', '/api/v1/recommendations', {
      addresseeCodes: ['BCA'],
      summary: 'Đề nghị khác.',
      documentNumber: '11/TCTĐA06-CAT',
      letterDate: '2024-01-10',
      sentAt: '2024-01-10T08:00:00+07:00',
    });
    await ok('POST', `/api/v1/recommendations/${recorded.id}/withdraw`, { reason: 'Rút.' });
    const [r4338] = (await ok('GET', '/api/v1/recommendations?q=4338')).items;
    // 4338 went to two addressees: an answer names the one it answers for (issue 12, item 1).
    await ok('POST', `/api/v1/recommendations/${r4338.id}/responses`, {
      ...answer,
      addresseeCode: 'BYT_CNTT',
    });

    const december = async () =>
      readMonthlySource(
        db.manager,
        '2023-12',
        periodCutoff('2023-12', null),
        await t.app.get(CalendarService).current(),
      );
    const written = await histories();
    const decemberWritten = await december();
    await db.query(
      `TRUNCATE recommendation_state_change, blocker_state_change, pilot_report_revision`,
    );
    await backfillTimeTrueHistory(db);
    const rebuilt = await histories();
    expect(rebuilt.reports).toEqual(written.reports);
    expect(rebuilt.blockers).toEqual(written.blockers);
    expect(rebuilt.letters).toEqual(written.letters);
    // And a past period reads the same from either (letters sent at one instant, such as 442's
    // ten, in the order the backfill wrote their moves: it cannot know the order of recording).
    expect(comparable(await december())).toEqual(comparable(decemberWritten));
    // What was checked: every loaded row, and each kind of move.
    expect(written.letters.length).toBeGreaterThan(15 + 6);
    expect(written.blockers.filter((b: { note: string | null }) => b.note)).toHaveLength(4);
    expect(written.reports.filter((r: { at: unknown }) => r.at === 'service')).toHaveLength(2);
  });
});
