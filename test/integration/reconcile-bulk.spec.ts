import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { CalendarService } from '../../src/calendar/calendar.service.js';
import { localDay } from '../../src/common/domain/local-time.js';
import { DEFAULT_POLICY } from '../../src/escalation/domain/policy.js';
import { fireTime } from '../../src/escalation/domain/steps.js';
import { EscalationScheduler } from '../../src/escalation/escalation-scheduler.js';
import { jobIds } from '../../src/queue/jobs.js';
import { QueueInventory } from '../../src/queue/queue-inventory.js';
import { QueueName } from '../../src/queue/queue-names.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { queueBackends } from '../support/redis.js';

const DAY_MS = 86_400_000;
const LEVELS = [1, 2, 3];

/**
 * Reconciliation is set-based (src/escalation/escalation-scheduler.ts): a few hundred letters
 * whose jobs are missing, correct, at the wrong time or left over are put right with a bounded
 * number of statements — no job read one by one, additions in one addBulk — and the queue then
 * holds exactly the steps still to come, at their times; a second pass finds nothing to do.
 */
describe.each(queueBackends())('bulk reconciliation on %s', (_kind, redisUrl) => {
  let t: TestApp;

  beforeAll(async () => {
    const database = await createTestDatabase();
    const admin = new DataSource({ type: 'postgres', url: database.url });
    await admin.initialize();
    // Only this test's letters run ladders.
    await admin.query(`UPDATE recommendation SET state = 'CLOSED' WHERE state = 'SENT'`);
    await admin.destroy();
    // No worker: nothing fires or reconciles beside the test.
    t = await startTestApp({ database, role: 'api', redisUrl });
  });
  afterAll(async () => {
    await t?.close();
    await t?.database.drop();
  });

  it('adds the missing, moves the mistimed and removes the stale step jobs, in bulk', async () => {
    const ds = t.app.get(DataSource);
    const queues = t.app.get(QueueService);
    const queue = queues.queue(QueueName.Escalation);
    const scheduler = t.app.get(EscalationScheduler);
    const calendar = await t.app.get(CalendarService).current();
    const [{ id: addressee }] = await ds.query(`SELECT id FROM agency WHERE code = 'BYT'`);
    const [{ id: sender }] = await ds.query(`SELECT id FROM agency WHERE code = 'CAT'`);

    // 300 SENT letters to Bộ Y tế, due 5 to 34 days ahead, and 40 answered ones.
    const insert = async (n: number, state: string, status: string) => {
      const rows: { id: string; response_due_at: Date }[] = await ds.query(
        `INSERT INTO recommendation (state, summary, document_number, letter_date, sender_agency_id, sent_at, response_due_at, cycle)
         SELECT $1, 'Kiến nghị đối chiếu ' || g, 'RB-' || $1 || '-' || g || '/TCTĐA06-CAT', current_date, $2, now(),
                now() + make_interval(days => 5 + g % 30), 1
           FROM generate_series(0, $3 - 1) AS g
         RETURNING id, response_due_at`,
        [state, sender, n],
      );
      await ds.query(
        `INSERT INTO recommendation_addressee (recommendation_id, agency_id, position, status)
         SELECT unnest($1::uuid[]), $2, 0, $3`,
        [rows.map((r) => r.id), addressee, status],
      );
      return rows.map((r) => ({ id: r.id, due: new Date(r.response_due_at) }));
    };
    const open = await insert(300, 'SENT', 'AWAITING');
    const answered = await insert(40, 'ANSWERED', 'ANSWERED');
    const [missing, correct, mistimed, recorded] = [
      open.slice(0, 100),
      open.slice(100, 200),
      open.slice(200, 260),
      open.slice(260),
    ];
    // The last 40 have fired level 1 already (and the first 10 of them level 3, once).
    await ds.query(
      `INSERT INTO escalation_event (recommendation_id, agency_id, cycle, level, repeat, level_name, outcome, due_at, occurred_at, working_days_overdue)
       SELECT r, $2, 1, 1, 0, 'Nhắc hạn', 'FIRED', now(), now(), 0 FROM unnest($1::uuid[]) AS r`,
      [recorded.map((r) => r.id), addressee],
    );
    await ds.query(
      `INSERT INTO escalation_event (recommendation_id, agency_id, cycle, level, repeat, level_name, outcome, due_at, occurred_at, working_days_overdue)
       SELECT r, $2, 1, 3, 0, 'Báo cáo lãnh đạo', 'FIRED', now(), now(), 0 FROM unnest($1::uuid[]) AS r`,
      [recorded.slice(0, 10).map((r) => r.id), addressee],
    );

    const step = (id: string, level: number, repeat = 0, cycle = 1) =>
      jobIds.escalationStep(id, addressee, cycle, level, repeat);
    // Worked out before any job is timed: the first walk over a year's holidays takes a while.
    const times = new Map<string, number>();
    const fireAt = (due: Date, level: number, repeat = 0) => {
      const key = `${due.getTime()}-${level}-${repeat}`;
      if (!times.has(key))
        times.set(key, fireTime(DEFAULT_POLICY, due, { level, repeat }, calendar).getTime());
      return times.get(key)!;
    };
    for (const r of [...open, ...answered]) for (const l of LEVELS) fireAt(r.due, l);
    for (const r of recorded) fireAt(r.due, 3, 1);
    const job = (id: string, delay: number, data: object = {}) => ({
      name: 'escalation.fire' as const,
      data: { recommendationId: 'x', agencyId: addressee, cycle: 1, level: 1, repeat: 0, ...data },
      opts: { jobId: id, delay: Math.max(1, Math.round(delay)) },
    });
    // What the queue holds before: right jobs, jobs a day late, and jobs of no step to come —
    // an answered letter's, an old cycle's, a level no policy has, a recorded step's, an id
    // from before ladders were per addressee. Beside them a job that is not a step.
    await queue.waitUntilReady(); // the delays count from the add, right after
    const now = Date.now();
    const right = (r: { id: string; due: Date }) =>
      LEVELS.map((l) => job(step(r.id, l), fireAt(r.due, l) - now));
    const stale = [
      ...answered.flatMap(right),
      ...correct.slice(0, 20).map((r) => job(step(r.id, 1, 0, 0), DAY_MS)),
      ...correct.slice(20, 40).map((r) => job(step(r.id, 7), DAY_MS)),
      ...recorded.map((r) => job(step(r.id, 1), DAY_MS)),
      ...correct.slice(40, 50).map((r) => job(`esc-${r.id}-c1-l1-r0`, DAY_MS)),
    ];
    await queue.addBulk([
      ...correct.flatMap(right),
      ...mistimed.flatMap((r) =>
        LEVELS.map((l) => job(step(r.id, l), fireAt(r.due, l) - now + DAY_MS)),
      ),
      ...stale,
    ]);
    await queue.add(
      'escalation.reconcile',
      { reason: 'test' },
      { jobId: 'reconcile-kept', delay: DAY_MS },
    );

    // What should be there after: three steps per open letter but for those recorded.
    const expected = new Map<string, number>();
    for (const r of [...missing, ...correct, ...mistimed])
      for (const l of LEVELS) expected.set(step(r.id, l), fireAt(r.due, l));
    for (const [i, r] of recorded.entries()) {
      expected.set(step(r.id, 2), fireAt(r.due, 2));
      if (i < 10) expected.set(step(r.id, 3, 1), fireAt(r.due, 3, 1));
      else expected.set(step(r.id, 3), fireAt(r.due, 3));
    }

    const queries = jest.spyOn(ds, 'query');
    const getJob = jest.spyOn(Queue.prototype, 'getJob');
    const add = jest.spyOn(Queue.prototype, 'add');
    const addBulk = jest.spyOn(Queue.prototype, 'addBulk');
    let counts;
    try {
      counts = await scheduler.reconcile();
      // Set-based: the ladders, their records and the unsent mail; no job fetched one by one.
      expect(queries.mock.calls.length).toBeLessThanOrEqual(4);
      expect(getJob).not.toHaveBeenCalled();
      expect(add).not.toHaveBeenCalled();
      expect(addBulk).toHaveBeenCalledTimes(1);
    } finally {
      for (const spy of [queries, getJob, add, addBulk]) spy.mockRestore();
    }
    expect(counts).toMatchObject({
      stepsExpected: expected.size,
      // The recorded letters' levels 2 and 3 (or 3's first repeat) are new.
      stepsAdded: missing.length * 3 + recorded.length * 2,
      stepsRescheduled: mistimed.length * 3,
      orphansRemoved: stale.length,
      mailsRequeued: 0,
    });

    const held = await t.app
      .get(QueueInventory)
      .pending(QueueName.Escalation, jobIds.escalationStepPrefix);
    expect([...held.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [id, h] of held) {
      expect(h.state).toBe('delayed');
      expect(Math.abs(h.runsAt! - expected.get(id)!)).toBeLessThan(1000);
    }
    expect(await (await queue.getJob('reconcile-kept'))?.getState()).toBe('delayed');

    const again = await scheduler.reconcile();
    expect(again).toMatchObject({ stepsAdded: 0, stepsRescheduled: 0, orphansRemoved: 0 });
  });

  it('keeps an answer whose ladder could not be resynced (2xx, logged), and the next reconciliation removes its steps', async () => {
    const ds = t.app.get(DataSource);
    const scheduler = t.app.get(EscalationScheduler);
    const thuky = await t.login('thuky@demo.example');
    const sentAt = new Date(Date.now() - 2 * DAY_MS);
    const made = await t.request('POST', '/api/v1/recommendations', {
      token: thuky,
      body: {
        addresseeCodes: ['BYT'],
        summary: 'Kiến nghị được trả lời khi hàng đợi không kết nối được',
        documentNumber: `RS-${Date.now()}/TCTĐA06-CAT`,
        letterDate: localDay(sentAt),
        sentAt: sentAt.toISOString(),
        responseDueAt: new Date(Date.now() + 20 * DAY_MS).toISOString(),
      },
    });
    expect(made.status).toBe(201);
    const id: string = made.body.id;
    const steps = async () =>
      [
        ...(
          await t.app.get(QueueInventory).pending(QueueName.Escalation, jobIds.escalationStepPrefix)
        ).keys(),
      ].filter((job) => job.includes(id));
    expect(await steps()).toHaveLength(LEVELS.length);

    // The queue store is unreachable for the resync after this answer's commit.
    const sync = jest
      .spyOn(scheduler, 'sync')
      .mockRejectedValueOnce(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    const warn = jest.spyOn(Logger.prototype, 'warn');
    let res;
    try {
      res = await t.request('POST', `/api/v1/recommendations/${id}/responses`, {
        token: thuky,
        body: { documentNumber: '15/BYT-CNTT', date: localDay(new Date()), summary: 'Đã trả lời' },
      });
      expect(sync).toHaveBeenCalledWith(id);
      expect(warn.mock.calls.map((c) => String(c[0]))).toContainEqual(
        expect.stringMatching(new RegExp(`Ladder of ${id} not resynced.*ECONNREFUSED`)),
      );
    } finally {
      sync.mockRestore();
      warn.mockRestore();
    }
    expect([res.status, res.body.state]).toEqual([200, 'ANSWERED']);
    expect(res.body.addressees).toEqual([
      expect.objectContaining({ code: 'BYT', status: 'ANSWERED' }),
    ]);
    // Nothing lost: the answer, the addressee's stopped clock and the trail are stored.
    const [stored] = await ds.query(
      `SELECT (SELECT count(*)::int FROM recommendation_response WHERE recommendation_id = $1 AND document_number = '15/BYT-CNTT') AS responses,
              (SELECT count(*)::int FROM audit_entry WHERE entity_id = $1::text AND action = 'recommendation.respond') AS audited`,
      [id],
    );
    expect(stored).toEqual({ responses: 1, audited: 1 });
    // The steps are left behind until the reconciliation, which removes them.
    expect(await steps()).toHaveLength(LEVELS.length);
    const counts = await scheduler.reconcile();
    expect(counts.orphansRemoved).toBeGreaterThanOrEqual(LEVELS.length);
    expect(await steps()).toEqual([]);
    expect(
      (await t.request('GET', `/api/v1/recommendations/${id}`, { token: thuky })).body,
    ).toMatchObject({
      state: 'ANSWERED',
      responses: [expect.objectContaining({ documentNumber: '15/BYT-CNTT' })],
    });
  });

  it('keeps a letter created as sent, a new due time, a withdrawal and a close whose steps could not be queued (2xx, logged); the next reconciliation puts the jobs right', async () => {
    const ds = t.app.get(DataSource);
    const scheduler = t.app.get(EscalationScheduler);
    const calendar = await t.app.get(CalendarService).current();
    const thuky = await t.login('thuky@demo.example');
    const agency = async (code: string) =>
      ((await ds.query(`SELECT id FROM agency WHERE code = $1`, [code])) as { id: string }[])[0].id;
    const [byt, syt] = [await agency('BYT'), await agency('SYT')];
    const sentAt = new Date(Date.now() - 2 * DAY_MS);
    const dueAt = new Date(Date.now() + 20 * DAY_MS);
    let serial = 0;
    const create = async (addresseeCodes: string[]) => {
      serial += 1;
      return t.request('POST', '/api/v1/recommendations', {
        token: thuky,
        body: {
          addresseeCodes,
          summary: `Kiến nghị số ${serial} thay đổi khi hàng đợi không kết nối được`,
          documentNumber: `RQ-${serial}-${Date.now()}/TCTĐA06-CAT`,
          letterDate: localDay(sentAt),
          sentAt: sentAt.toISOString(),
          responseDueAt: dueAt.toISOString(),
        },
      });
    };
    const steps = async (id: string) =>
      [
        ...(
          await t.app.get(QueueInventory).pending(QueueName.Escalation, jobIds.escalationStepPrefix)
        ).entries(),
      ]
        .filter(([job]) => job.includes(id))
        .map(([job, held]) => ({ job, runsAt: held.runsAt }));
    const ladder = (id: string, agencyId: string, due: Date) =>
      LEVELS.map((level) => ({
        job: jobIds.escalationStep(id, agencyId, 1, level, 0),
        runsAt: fireTime(DEFAULT_POLICY, due, { level, repeat: 0 }, calendar).getTime(),
      }));
    const sameJobs = (
      held: { job: string; runsAt: number | null }[],
      wanted: { job: string; runsAt: number }[],
    ) => {
      expect(held.map((h) => h.job).sort()).toEqual(wanted.map((w) => w.job).sort());
      for (const w of wanted)
        expect(Math.abs(held.find((h) => h.job === w.job)!.runsAt! - w.runsAt)).toBeLessThan(1000);
    };

    // Three letters whose steps are queued while the queue store answers; one of them to two
    // addressees, of whom Bộ Y tế answers.
    const [withdrawn, moved, closed] = [
      (await create(['BYT'])).body.id as string,
      (await create(['BYT'])).body.id as string,
      (await create(['BYT', 'SYT'])).body.id as string,
    ];
    const answered = await t.request('POST', `/api/v1/recommendations/${closed}/responses`, {
      token: thuky,
      body: {
        addresseeCode: 'BYT',
        documentNumber: '21/BYT-CNTT',
        date: localDay(new Date()),
        summary: 'Bộ Y tế đã trả lời',
      },
    });
    expect(answered.status).toBe(200);
    sameJobs(await steps(withdrawn), ladder(withdrawn, byt, dueAt));
    sameJobs(await steps(moved), ladder(moved, byt, dueAt));
    sameJobs(await steps(closed), ladder(closed, syt, dueAt));

    // Then the queue store stops answering: every call the scheduler makes to it fails.
    const down = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    const outage = [
      jest.spyOn(Queue.prototype, 'getJob').mockImplementation(down),
      jest.spyOn(Queue.prototype, 'add').mockImplementation(down),
      jest.spyOn(Queue.prototype, 'addBulk').mockImplementation(down),
    ];
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const newDue = new Date(Date.now() + 40 * DAY_MS);
    let created, due, withdrawal, close;
    try {
      created = await create(['BYT']);
      due = await t.request('PUT', `/api/v1/recommendations/${moved}/addressees/BYT/due`, {
        token: thuky,
        body: { dueAt: newDue.toISOString() },
      });
      withdrawal = await t.request('POST', `/api/v1/recommendations/${withdrawn}/withdraw`, {
        token: thuky,
        body: { reason: 'Rút để gộp vào văn bản khác' },
      });
      close = await t.request('POST', `/api/v1/recommendations/${closed}/close`, {
        token: thuky,
        body: { note: 'Câu trả lời của Bộ Y tế đã đủ' },
      });
      expect(outage[0]).toHaveBeenCalled();
      const warned = warn.mock.calls.map((c) => String(c[0]));
      for (const [id, what] of [
        [created.body.id, 'not scheduled after its creation'],
        [moved, 'not resynced after a change of due time'],
        [withdrawn, 'not resynced after the command withdraw'],
        [closed, 'not resynced after the command close'],
      ])
        expect(warned).toContainEqual(
          expect.stringMatching(new RegExp(`Ladder of ${id} ${what}.*ECONNREFUSED`)),
        );
    } finally {
      for (const spy of [...outage, warn]) spy.mockRestore();
    }
    // Every change answered and stored.
    expect([created.status, created.body.state]).toEqual([201, 'SENT']);
    expect(due.status).toBe(200);
    expect(due.body.addressees).toEqual([
      expect.objectContaining({ code: 'BYT', dueAt: newDue.toISOString() }),
    ]);
    expect([withdrawal.status, withdrawal.body.state]).toEqual([200, 'WITHDRAWN']);
    expect([close.status, close.body.state]).toEqual([200, 'CLOSED']);
    expect(close.body.addressees).toEqual([
      expect.objectContaining({ code: 'BYT', status: 'ANSWERED' }),
      expect.objectContaining({ code: 'SYT', status: 'RELEASED' }),
    ]);
    const audited: { action: string }[] = await ds.query(
      `SELECT action FROM audit_entry WHERE entity_id = ANY($1::text[]) ORDER BY action`,
      [[created.body.id, moved, withdrawn, closed]],
    );
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'recommendation.addressee.due',
        'recommendation.close',
        'recommendation.withdraw',
      ]),
    );

    // The queue still holds the jobs from before the outage; the reconciliation puts them right.
    expect(await steps(created.body.id)).toEqual([]);
    expect(await steps(withdrawn)).toHaveLength(LEVELS.length);
    await scheduler.reconcile();
    sameJobs(await steps(created.body.id), ladder(created.body.id, byt, dueAt));
    sameJobs(await steps(moved), ladder(moved, byt, newDue));
    expect(await steps(withdrawn)).toEqual([]);
    expect(await steps(closed)).toEqual([]);
  });
});
