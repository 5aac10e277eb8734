import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { jobIds } from '../../src/queue/jobs.js';
import { QueueName } from '../../src/queue/queue-names.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * Each addressee on its own clock through the API (issue 12, item 1): acknowledge, an own due
 * time that moves its ladder, release, an unattributed answer listed and assigned.
 */
describe('per-addressee letters through the API', () => {
  const clock = new FixedClock(new Date('2026-12-01T03:00:00Z'));
  let t: TestApp;
  let thuky: string;
  let lanhdao: string;
  let db: DataSource;
  const agencyId = async (code: string) =>
    (await db.query(`SELECT id FROM agency WHERE code = $1`, [code]))[0].id as string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    thuky = await t.login('thuky@demo.example');
    lanhdao = await t.login('lanhdao@demo.example');
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const sendLetter = async () => {
    const res = await t.request('POST', '/api/v1/recommendations', {
      token: thuky,
      body: {
        addresseeCodes: ['BYT', 'BCA'],
        summary:
          'Đề nghị Bộ Y tế và Bộ Công an thống nhất việc đồng bộ dữ liệu khám sức khỏe lái xe.',
        documentNumber: `${Math.floor(Math.random() * 1e6)}/TCTĐA06-CAT`,
        letterDate: '2026-11-02',
        sentAt: '2026-11-02T08:00:00+07:00',
        responseDueAt: '2026-11-23T08:00:00+07:00',
      },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  };
  const get = async (id: string) =>
    (await t.request('GET', `/api/v1/recommendations/${id}`, { token: lanhdao })).body;

  // 23/11/2026 to 1/12: 24/11 is Ngày Văn hóa Việt Nam, a day off from 2026.
  it('acknowledges, moves one addressee’s due time with its ladder, and releases the other', async () => {
    const rec = await sendLetter();
    const before = await get(rec.id);
    expect(before).toMatchObject({ state: 'SENT', overdue: true, workingDaysOverdue: 5 });
    expect(before.addressees).toMatchObject([
      { code: 'BYT', status: 'AWAITING', overdue: true, workingDaysOverdue: 5, ownDueAt: false },
      { code: 'BCA', status: 'AWAITING', overdue: true, workingDaysOverdue: 5 },
    ]);

    const ack = await t.request(
      'POST',
      `/api/v1/recommendations/${rec.id}/addressees/BYT/acknowledge`,
      {
        token: thuky,
        body: { handledBy: 'Cục Công nghệ thông tin – ông Nguyễn Văn Hùng' },
      },
    );
    expect(ack.status).toBe(200);
    expect(ack.body.addressees[0]).toMatchObject({
      status: 'ACKNOWLEDGED',
      handledBy: 'Cục Công nghệ thông tin – ông Nguyễn Văn Hùng',
      overdue: true, // received is not answered: the clock runs on
    });

    // Bộ Y tế is given until 15/12: it is no longer overdue, and its next step moves.
    const due = await t.request('PUT', `/api/v1/recommendations/${rec.id}/addressees/BYT/due`, {
      token: thuky,
      body: { dueAt: '2026-12-15T08:00:00+07:00' },
    });
    expect(due.status).toBe(200);
    expect(due.body.addressees[0]).toMatchObject({
      dueAt: '2026-12-15T01:00:00.000Z',
      ownDueAt: true,
      overdue: false,
    });
    expect(due.body).toMatchObject({ overdue: true, workingDaysOverdue: 5 }); // Bộ Công an still late
    const queue = t.app.get(QueueService).queue(QueueName.Escalation);
    const byt = await agencyId('BYT');
    const job = await queue.getJob(jobIds.escalationStep(rec.id, byt, 1, 2, 0));
    expect(job).toBeTruthy();
    expect(job!.timestamp + (job!.opts.delay ?? 0)).toBeGreaterThan(
      new Date('2026-12-15T01:00:00Z').getTime(),
    );

    const released = await t.request(
      'POST',
      `/api/v1/recommendations/${rec.id}/addressees/BCA/release`,
      {
        token: thuky,
        body: { reason: 'Bộ Y tế chủ trì, Bộ Công an phối hợp: không cần văn bản riêng.' },
      },
    );
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ state: 'SENT', overdue: false, workingDaysOverdue: 0 });
    expect(released.body.addressees[1]).toMatchObject({
      status: 'RELEASED',
      releaseReason: 'Bộ Y tế chủ trì, Bộ Công an phối hợp: không cần văn bản riêng.',
    });
    const bca = await agencyId('BCA');
    for (const level of [1, 2, 3])
      expect(await queue.getJob(jobIds.escalationStep(rec.id, bca, 1, level, 0))).toBeFalsy();

    // Only the secretariat does this; a release twice is refused with the status it has.
    expect(
      (
        await t.request('POST', `/api/v1/recommendations/${rec.id}/addressees/BYT/release`, {
          token: lanhdao,
          body: { reason: 'x' },
        })
      ).status,
    ).toBe(403);
    const again = await t.request(
      'POST',
      `/api/v1/recommendations/${rec.id}/addressees/BCA/release`,
      {
        token: thuky,
        body: { reason: 'Lần nữa' },
      },
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('RECOMMENDATION_TRANSITION_NOT_ALLOWED');
    const stranger = await t.request(
      'POST',
      `/api/v1/recommendations/${rec.id}/addressees/BTC/acknowledge`,
      {
        token: thuky,
        body: {},
      },
    );
    expect(stranger.status).toBe(400);
  });

  it('lists letters with an answer nobody has attributed, and assigns it to its addressee', async () => {
    const rec = await sendLetter();
    // As the migration leaves an answer recorded before per-addressee tracking.
    const [{ id: responseId }] = await db.query(
      `INSERT INTO recommendation_response (recommendation_id, document_number, date, summary, cycle)
       VALUES ($1, '88/BCA-C06', '2026-11-20', 'Bộ Công an đã có ý kiến.', 1) RETURNING id`,
      [rec.id],
    );
    const listed = await t.request('GET', '/api/v1/recommendations?unattributedAnswers=true', {
      token: thuky,
    });
    expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual([rec.id]);
    expect((await get(rec.id)).responses).toMatchObject([
      { id: responseId, addresseeCode: null, answeredBy: null },
    ]);
    const assigned = await t.request('POST', `/api/v1/recommendations/${rec.id}/responses/assign`, {
      token: thuky,
      body: { responseId, addresseeCode: 'BCA' },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.addressees).toMatchObject([
      { code: 'BYT', status: 'AWAITING' },
      { code: 'BCA', status: 'ANSWERED', answeredOn: '2026-11-20', answeredLateWorkingDays: 0 },
    ]);
    expect(assigned.body.responses).toMatchObject([
      { id: responseId, addresseeCode: 'BCA', answeredBy: { code: 'BCA' } },
    ]);
    expect(
      (await t.request('GET', '/api/v1/recommendations?unattributedAnswers=true', { token: thuky }))
        .body.total,
    ).toBe(0);
  });
});
