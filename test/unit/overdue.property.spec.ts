import fc from 'fast-check';
import pg from 'pg';
import { createWorkingCalendar } from '../../src/calendar/domain/vietnamese-calendar.js';
import { weekendCalendar, type WorkingCalendar } from '../../src/calendar/domain/working-days.js';
import {
  calendarDaysOverdue,
  isOverdue,
  overdueSql,
  overdueStatus,
  workingDaysOverdue,
} from '../../src/recommendations/domain/overdue.js';
import type { RecommendationState } from '../../src/recommendations/domain/recommendation-state.js';
import {
  ADDRESSEE_STATUSES,
  owesAnswer,
} from '../../src/recommendations/domain/addressee-status.js';

/**
 * The overdue rule (src/recommendations/domain/overdue.ts) against a model written from
 * product.md: only a SENT letter waits for an answer; it is overdue once the due time of one of
 * its addressees that still owe an answer has passed, by the working days from the day after the due day up to today (Asia/Ho_Chi_Minh).
 */

fc.configureGlobal({ seed: 0x06_2024, numRuns: 200 });

const DAY_MS = 86_400_000;
const FIRST_INSTANT = Date.parse('2000-01-01T00:00:00+07:00');
const LAST_INSTANT = Date.parse('2100-12-31T23:59:59.999+07:00');
const STATES: RecommendationState[] = ['DRAFT', 'SENT', 'ANSWERED', 'CLOSED', 'WITHDRAWN'];

const hoChiMinhDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** A letter in any state, due (or not) in 2000–2100, looked at up to 200 days either side. */
const caseArb = fc
  .record({
    state: fc.constantFrom(...STATES),
    dueMs: fc.option(fc.integer({ min: FIRST_INSTANT, max: LAST_INSTANT }), { freq: 8 }),
    offsetMs: fc.oneof(
      fc.integer({ min: -200 * DAY_MS, max: 200 * DAY_MS }),
      fc.integer({ min: -2, max: 2 }), // around the due instant itself
    ),
    vietnamese: fc.boolean(),
  })
  .map(({ state, dueMs, offsetMs, vietnamese }) => {
    const responseDueAt = dueMs === null ? null : new Date(dueMs);
    const base = dueMs ?? FIRST_INSTANT + 50 * 365 * DAY_MS;
    const now = new Date(Math.min(LAST_INSTANT, Math.max(FIRST_INSTANT, base + offsetMs)));
    const calendar: WorkingCalendar = vietnamese ? createWorkingCalendar([]) : weekendCalendar;
    return { letter: { state, responseDueAt }, now, calendar };
  });

/** The model's count: working days d with dueDay < d ≤ today, walking calendar days. */
function naiveWorkingDaysAfter(dueAt: Date, now: Date, calendar: WorkingCalendar): number {
  const today = hoChiMinhDay.format(now);
  let day = hoChiMinhDay.format(dueAt);
  let count = 0;
  while (day < today) {
    day = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    if (calendar.isWorkingDay(day)) count += 1;
  }
  return count;
}

describe('overdue (property-based)', () => {
  it('a letter is overdue exactly when it is SENT and its due time has passed', () => {
    fc.assert(
      fc.property(caseArb, ({ letter, now }) => {
        const expected =
          letter.state === 'SENT' && letter.responseDueAt !== null && now > letter.responseDueAt;
        expect(isOverdue(letter, now)).toBe(expected);
      }),
    );
  });

  it('overdueStatus counts the working days after the due day up to today, 0 unless overdue', () => {
    fc.assert(
      fc.property(caseArb, ({ letter, now, calendar }) => {
        const status = overdueStatus(letter, now, calendar);
        expect(status.overdue).toBe(isOverdue(letter, now));
        expect(status.workingDaysOverdue).toBe(
          status.overdue ? naiveWorkingDaysAfter(letter.responseDueAt!, now, calendar) : 0,
        );
        if (letter.responseDueAt) {
          expect(workingDaysOverdue(letter.responseDueAt, now, calendar)).toBe(
            now > letter.responseDueAt
              ? naiveWorkingDaysAfter(letter.responseDueAt, now, calendar)
              : 0,
          );
        }
      }),
    );
  });

  it('days overdue never go down as time passes, and working days never outrun calendar days + 1', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 30 * DAY_MS }), (c, laterMs) => {
        const due = c.letter.responseDueAt;
        fc.pre(due !== null);
        const later = new Date(Math.min(LAST_INSTANT, c.now.getTime() + laterMs));
        const now = workingDaysOverdue(due!, c.now, c.calendar);
        expect(workingDaysOverdue(due!, later, c.calendar)).toBeGreaterThanOrEqual(now);
        expect(calendarDaysOverdue(due!, later)).toBeGreaterThanOrEqual(
          calendarDaysOverdue(due!, c.now),
        );
        // A working day is a calendar day; the first one may begin less than 24 hours after.
        expect(now).toBeLessThanOrEqual(calendarDaysOverdue(due!, c.now) + 1);
        expect(calendarDaysOverdue(due!, c.now)).toBe(
          Math.max(0, Math.floor((c.now.getTime() - due!.getTime()) / DAY_MS)),
        );
      }),
    );
  });

  it('overdueSql says what isOverdue says, on PostgreSQL, per addressee', async () => {
    // Each letter with two addressees, each in any status and with or without a due time of its
    // own: the letter is overdue when one that still owes an answer is past its due time.
    const addresseeArb = fc.record({
      status: fc.constantFrom(...ADDRESSEE_STATUSES),
      ownDueMs: fc.option(fc.integer({ min: -30 * DAY_MS, max: 30 * DAY_MS }), { freq: 2 }),
    });
    const cases = fc.sample(fc.tuple(caseArb, addresseeArb, addresseeArb), {
      seed: 0x06_2024,
      numRuns: 400,
    });
    const ownDue = (c: (typeof cases)[number][0], a: { ownDueMs: number | null }) =>
      a.ownDueMs === null || c.letter.responseDueAt === null
        ? null
        : new Date(c.letter.responseDueAt.getTime() + a.ownDueMs);
    const client = new pg.Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
    await client.connect();
    try {
      await client.query('BEGIN');
      // The rule reads recommendation_addressee: a temporary one, shaped as the real one.
      await client.query(
        `CREATE TEMP TABLE recommendation_addressee (recommendation_id int, agency_id int, status text, due_at timestamptz) ON COMMIT DROP`,
      );
      await client.query(
        `INSERT INTO recommendation_addressee
         SELECT i, n, status, due_at FROM unnest($1::int[], $2::int[], $3::text[], $4::timestamptz[]) AS x(i, n, status, due_at)`,
        [
          cases.flatMap((_, i) => [i, i]),
          cases.flatMap(() => [1, 2]),
          cases.flatMap(([, a, b]) => [a.status, b.status]),
          cases.flatMap(([c, a, b]) => [ownDue(c, a), ownDue(c, b)]),
        ],
      );
      const { rows } = await client.query<{ i: number; overdue: boolean }>(
        `SELECT r.id AS i, coalesce((${overdueSql('r', 'r.now')}), false) AS overdue
           FROM unnest($1::int[], $2::text[], $3::timestamptz[], $4::timestamptz[])
             AS r(id, state, response_due_at, now)
          ORDER BY r.id`,
        [
          cases.map((_, i) => i),
          cases.map(([c]) => c.letter.state),
          cases.map(([c]) => c.letter.responseDueAt),
          cases.map(([c]) => c.now),
        ],
      );
      const expected = cases.map(([c, ...addressees]) =>
        addressees.some(
          (a) =>
            owesAnswer(a.status) &&
            isOverdue(
              { state: c.letter.state, responseDueAt: ownDue(c, a) ?? c.letter.responseDueAt },
              c.now,
            ),
        ),
      );
      expect(rows.map((r) => r.overdue)).toEqual(expected);
      expect(expected.filter(Boolean).length).toBeGreaterThan(20); // the property is not vacuous
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });
});
