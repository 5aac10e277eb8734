import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  newAgency,
  newBlocker,
  newOfficer,
  newPilot,
  newSentRecommendation,
  newUser,
  type NewAgency,
  type NewPilot,
  type NewUser,
} from '../support/factories.js';

describe('workflow through the API', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const clock = new FixedClock(new Date('2024-01-15T03:00:00Z'));
  const as = (who: string) => tokens[who];
  const pilot = async (n: number) =>
    (await t.request('GET', `/api/v1/pilots/${n}`, { token: as('thuky') })).body;
  const audit = (type: string, id: string) =>
    t.app
      .get(DataSource)
      .query(
        `SELECT action, actor_email, request_id, before, after FROM audit_entry WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`,
        [type, id],
      );

  // Who acts, and the pilots each test starts from (made here, not read from the seed).
  const users: Record<string, NewUser> = {};
  const agencies: Record<string, NewAgency> = {};
  const pilots: Record<string, NewPilot> = {};

  beforeAll(async () => {
    t = await startTestApp({ clock, seed: false });
    agencies.transport = await newAgency(t, {
      name: 'Sở Giao thông vận tải',
      shortName: 'Sở GTVT',
    });
    agencies.health = await newAgency(t, { name: 'Sở Y tế', shortName: 'Sở Y tế' });
    for (const [code, name] of [
      ['police', 'Bộ Công an'],
      ['c06', 'Cục Cảnh sát QLHC về TTXH'],
      ['ministryOfHealth', 'Bộ Y tế'],
    ])
      agencies[code] = await newAgency(t, { kind: 'MINISTRY', name, shortName: name });
    users.thuky = await newUser(t, { role: 'SECRETARIAT' });
    users.lanhdao = await newUser(t, { role: 'LEADERSHIP' });
    users.sgtvt = await newOfficer(t, agencies.transport);
    users.syt = await newOfficer(t, agencies.health);
    for (const who of Object.keys(users)) tokens[who] = await t.login(users[who].email);

    const transport = [agencies.transport];
    const health = [agencies.health];
    const december = [{ period: '2023-12' }];
    pilots.piloting = await newPilot(t, { state: 'PILOTING', leadAgencies: transport });
    pilots.preparing = await newPilot(t, { state: 'PREPARING', leadAgencies: transport });
    pilots.notStarted = await newPilot(t, { state: 'NOT_STARTED' });
    pilots.reported = await newPilot(t, {
      state: 'OPERATING',
      leadAgencies: health,
      reports: december,
    });
    pilots.blocked = await newPilot(t, { state: 'OPERATING', reports: december });
    await newBlocker(t, { pilot: pilots.blocked });
    pilots.versioned = await newPilot(t, { state: 'PREPARING', leadAgencies: transport });
    pilots.reporting = await newPilot(t, {
      state: 'PILOTING',
      leadAgencies: transport,
      reports: december,
    });
    pilots.health = await newPilot(t, { state: 'PILOTING', leadAgencies: health });
    pilots.foreign = await newPilot(t, { state: 'PILOTING' });
    await newBlocker(t, { pilot: pilots.foreign });
  });
  afterAll(() => t.close());

  describe('pilot lifecycle', () => {
    it('moves a pilot its agency leads, records who, when and why, and bumps the version', async () => {
      const n = pilots.piloting.number;
      const before = await pilot(n);
      expect(before.state).toBe('PILOTING');
      const res = await t.request('POST', `/api/v1/pilots/${n}/transitions`, {
        token: as('sgtvt'),
        body: { to: 'OPERATING', version: before.version },
        headers: { 'x-request-id': 'req-pilot-11' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        number: n,
        state: 'OPERATING',
        version: before.version + 1,
      });
      const history = await t.request('GET', `/api/v1/pilots/${n}/history`, {
        token: as('lanhdao'),
      });
      expect(history.body.items.at(-1)).toMatchObject({
        from: 'PILOTING',
        to: 'OPERATING',
        reason: null,
        actor: { name: users.sgtvt.name },
        at: '2024-01-15T03:00:00.000Z',
      });
      const trail = await audit('pilot', String(n));
      expect(trail).toEqual([
        expect.objectContaining({
          action: 'pilot.transition',
          actor_email: users.sgtvt.email,
          request_id: 'req-pilot-11',
          before: { state: 'PILOTING', version: 1 },
        }),
      ]);
    });

    it('asks for a reason where the table says so, in Vietnamese', async () => {
      const n = pilots.preparing.number;
      const p = await pilot(n);
      expect(p.state).toBe('PREPARING');
      const res = await t.request('POST', `/api/v1/pilots/${n}/transitions`, {
        token: as('sgtvt'),
        body: { to: 'SUSPENDED', version: p.version },
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toBe(
        'Cần nêu lý do khi chuyển mô hình từ "Đang chuẩn bị" sang "Tạm dừng".',
      );
      const ok = await t.request('POST', `/api/v1/pilots/${n}/transitions`, {
        token: as('sgtvt'),
        body: { to: 'SUSPENDED', reason: '  Chờ kinh phí  ', version: p.version },
      });
      expect(ok.status).toBe(200);
      const history = await t.request('GET', `/api/v1/pilots/${n}/history`, { token: as('sgtvt') });
      expect(history.body.items.at(-1).reason).toBe('Chờ kinh phí');
    });

    it('refuses a move outside the table with 409 and the allowed targets', async () => {
      const n = pilots.notStarted.number;
      const p = await pilot(n);
      expect(p.state).toBe('NOT_STARTED');
      const res = await t.request('POST', `/api/v1/pilots/${n}/transitions`, {
        token: as('thuky'),
        body: { to: 'COMPLETED', version: p.version },
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'PILOT_TRANSITION_NOT_ALLOWED',
        details: {
          from: 'NOT_STARTED',
          to: 'COMPLETED',
          allowed: ['PREPARING', 'PILOTING', 'SUSPENDED'],
        },
      });
      expect((await pilot(n)).state).toBe('NOT_STARTED');
    });

    it('completes a pilot only without open blockers and with a recent report', async () => {
      // OPERATING, led by the health department, a 2023-12 report (the period before 2024-01), no blocker.
      const n = pilots.reported.number;
      let p = await pilot(n);
      const done = await t.request('POST', `/api/v1/pilots/${n}/transitions`, {
        token: as('syt'),
        body: { to: 'COMPLETED', version: p.version },
      });
      expect(done.status).toBe(200);
      // OPERATING with a 2023-12 report, but an open blocker.
      p = await pilot(pilots.blocked.number);
      const blocked = await t.request(
        'POST',
        `/api/v1/pilots/${pilots.blocked.number}/transitions`,
        {
          token: as('thuky'),
          body: { to: 'COMPLETED', version: p.version },
        },
      );
      expect(blocked.status).toBe(409);
      expect(blocked.body.details).toMatchObject({ openBlocker: true, missingReport: false });
      // Back from COMPLETED: the secretariat only, with a reason.
      p = await pilot(n);
      const officer = await t.request('POST', `/api/v1/pilots/${n}/transitions`, {
        token: as('syt'),
        body: { to: 'OPERATING', reason: 'Mở rộng', version: p.version },
      });
      expect(officer.status).toBe(403);
      const secretariat = await t.request('POST', `/api/v1/pilots/${n}/transitions`, {
        token: as('thuky'),
        body: { to: 'OPERATING', reason: 'Mở rộng', version: p.version },
      });
      expect(secretariat.status).toBe(200);
    });

    it('answers a stale version with 409 VERSION_CONFLICT and changes nothing', async () => {
      const n = pilots.versioned.number;
      const p = await pilot(n);
      const res = await t.request('POST', `/api/v1/pilots/${n}/transitions`, {
        token: as('sgtvt'),
        body: { to: 'PILOTING', version: p.version + 5 },
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('VERSION_CONFLICT');
      expect(await pilot(n)).toEqual(p);
    });

    it('refuses state, version or audit fields smuggled into a body', async () => {
      const n = pilots.versioned.number;
      const p = await pilot(n);
      const res = await t.request('POST', `/api/v1/pilots/${n}/transitions`, {
        token: as('sgtvt'),
        body: { to: 'PILOTING', version: p.version, state: 'COMPLETED', actorId: 'x' },
      });
      expect(res.status).toBe(400);
      expect(res.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        'actorId',
        'state',
      ]);
    });
  });

  describe('monthly reports and period locks', () => {
    it('files and edits a report; the newest becomes the pilot progress; a locked period answers 409 PERIOD_LOCKED', async () => {
      const n = pilots.reporting.number; // led by the transport department, a 2023-12 report
      const created = await t.request('POST', `/api/v1/pilots/${n}/reports`, {
        token: as('sgtvt'),
        body: {
          period: '2024-01',
          progress: 'Đã làm việc với Công ty Phương Trang.',
          metrics: { chuyenXe: 12 },
        },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        pilotNumber: n,
        period: '2024-01',
        metrics: { chuyenXe: 12 },
        version: 1,
        author: { name: users.sgtvt.name },
      });
      expect((await pilot(n)).progress).toBe('Đã làm việc với Công ty Phương Trang.');
      expect((await pilot(n)).lastReportPeriod).toBe('2024-01');

      const edited = await t.request('POST', `/api/v1/pilots/${n}/reports`, {
        token: as('sgtvt'),
        body: { period: '2024-01', progress: 'Bản sửa.', version: 1 },
      });
      expect(edited.status).toBe(200);
      expect(edited.body.version).toBe(2);
      // An older period does not replace the newest progress.
      await t.request('POST', `/api/v1/pilots/${n}/reports`, {
        token: as('thuky'),
        body: { period: '2023-11', progress: 'Kỳ cũ.' },
      });
      expect((await pilot(n)).progress).toBe('Bản sửa.');

      expect(
        (await t.request('POST', '/api/v1/periods/2024-01/lock', { token: as('sgtvt') })).status,
      ).toBe(403);
      const lock = await t.request('POST', '/api/v1/periods/2024-01/lock', { token: as('thuky') });
      expect(lock.body).toMatchObject({ period: '2024-01', locked: true });
      const refused = await t.request('POST', `/api/v1/pilots/${n}/reports`, {
        token: as('sgtvt'),
        body: { period: '2024-01', progress: 'Sau khi chốt.' },
      });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('PERIOD_LOCKED');
      const list = await t.request('GET', `/api/v1/pilots/${n}/reports`, { token: as('lanhdao') });
      expect(
        list.body.map((r: { period: string; locked: boolean }) => [r.period, r.locked]),
      ).toEqual([
        ['2024-01', true],
        ['2023-12', false], // made with the pilot
        ['2023-11', false],
      ]);
      await t.request('POST', '/api/v1/periods/2024-01/unlock', { token: as('thuky') });
      expect((await audit('period', '2024-01')).map((a: { action: string }) => a.action)).toEqual([
        'period.lock',
        'period.unlock',
      ]);
    });

    it('refuses a future period and malformed metrics', async () => {
      const n = pilots.reporting.number;
      const future = await t.request('POST', `/api/v1/pilots/${n}/reports`, {
        token: as('sgtvt'),
        body: { period: '2024-02', progress: 'x' },
      });
      expect([future.status, future.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const metrics = await t.request('POST', `/api/v1/pilots/${n}/reports`, {
        token: as('sgtvt'),
        body: { period: '2024-01', progress: 'x', metrics: { a: 'nhiều' } },
      });
      expect(metrics.status).toBe(400);
    });
  });

  describe('blockers and recommendations', () => {
    it('raises a blocker, drafts and sends a letter, records the answer, and the blocker follows', async () => {
      const raised = await t.request('POST', '/api/v1/blockers', {
        token: as('syt'),
        body: {
          pilotNumber: pilots.health.number,
          title: 'Chưa có hướng dẫn đồng bộ HIS',
          description: 'Cần Bộ Công an hướng dẫn.',
          category: 'GUIDANCE',
          authority: 'CENTRAL',
        },
      });
      expect(raised.status).toBe(201);
      expect(raised.body).toMatchObject({
        pilotNumber: pilots.health.number,
        state: 'OPEN',
        version: 1,
      });
      const blockerId = raised.body.id;

      const draft = await t.request('POST', '/api/v1/recommendations', {
        token: as('syt'),
        body: {
          blockerIds: [blockerId],
          addresseeCodes: [agencies.police.code, agencies.c06.code],
          summary: 'Đề nghị hướng dẫn đồng bộ dữ liệu lưu trú từ HIS.',
        },
      });
      expect(draft.status).toBe(201);
      expect(draft.body).toMatchObject({
        state: 'DRAFT',
        senderAgency: { code: agencies.health.code },
        addressees: [{ code: agencies.police.code }, { code: agencies.c06.code }],
        overdue: false,
      });
      const id = draft.body.id;

      expect(
        (
          await t.request('POST', `/api/v1/recommendations/${id}/send`, {
            token: as('syt'),
            body: { documentNumber: '1/SYT', letterDate: '2024-01-15' },
          })
        ).status,
      ).toBe(403);
      const sent = await t.request('POST', `/api/v1/recommendations/${id}/send`, {
        token: as('thuky'),
        body: { documentNumber: '120/TCTĐA06-CAT', letterDate: '2024-01-15' },
      });
      expect(sent.status).toBe(200);
      expect(sent.body).toMatchObject({
        state: 'SENT',
        documentNumber: '120/TCTĐA06-CAT',
        sentAt: '2024-01-15T03:00:00.000Z',
        responseDueAt: '2024-02-05T03:00:00.000Z',
      });
      expect(
        (await t.request('GET', `/api/v1/blockers/${blockerId}`, { token: as('syt') })).body.state,
      ).toBe('ESCALATED');

      clock.set(new Date('2024-02-07T03:00:00Z'));
      const late = await t.request('GET', `/api/v1/recommendations/${id}`, {
        token: as('lanhdao'),
      });
      expect(late.body).toMatchObject({ overdue: true, workingDaysOverdue: 2 });

      // Two addressees: an answer must say whose it is, and answers only for that one.
      const unsaid = await t.request('POST', `/api/v1/recommendations/${id}/responses`, {
        token: as('thuky'),
        body: { documentNumber: '1/X', date: '2024-02-06', summary: 'Không rõ của ai.' },
      });
      expect(unsaid.status).toBe(400);
      expect(unsaid.body.details.fields[0].field).toBe('addresseeCode');
      const byC06 = await t.request('POST', `/api/v1/recommendations/${id}/responses`, {
        token: as('thuky'),
        body: {
          addresseeCode: agencies.c06.code,
          documentNumber: '88/C06-TTDLDC',
          date: '2024-02-06',
          summary: 'Cục C06 hướng dẫn đồng bộ qua API.',
        },
      });
      expect(byC06.body).toMatchObject({
        state: 'SENT',
        overdue: true, // Bộ Công an still owes its answer, 2 working days late
        workingDaysOverdue: 2,
        addressees: [
          { code: agencies.police.code, status: 'AWAITING', overdue: true, workingDaysOverdue: 2 },
          {
            code: agencies.c06.code,
            status: 'ANSWERED',
            overdue: false,
            answeredOn: '2024-02-06',
            answeredLateWorkingDays: 1,
            responses: [{ documentNumber: '88/C06-TTDLDC', channel: 'SECRETARIAT' }],
          },
        ],
      });
      expect(
        (await t.request('GET', `/api/v1/blockers/${blockerId}`, { token: as('syt') })).body.state,
      ).toBe('ESCALATED');
      const answered = await t.request('POST', `/api/v1/recommendations/${id}/responses`, {
        token: as('thuky'),
        body: {
          addresseeCode: agencies.police.code,
          documentNumber: '90/BCA-C06',
          date: '2024-02-07',
          summary: 'Bộ Công an thống nhất với hướng dẫn của Cục C06.',
        },
      });
      expect(answered.body).toMatchObject({
        state: 'ANSWERED',
        overdue: false,
        responses: [
          {
            documentNumber: '88/C06-TTDLDC',
            date: '2024-02-06',
            addresseeCode: agencies.c06.code,
            answeredBy: { code: agencies.c06.code },
          },
          { documentNumber: '90/BCA-C06', addresseeCode: agencies.police.code },
        ],
      });
      expect(
        (await t.request('GET', `/api/v1/blockers/${blockerId}`, { token: as('syt') })).body.state,
      ).toBe('OPEN');

      const reopened = await t.request('POST', `/api/v1/recommendations/${id}/reopen`, {
        token: as('thuky'),
        body: { reason: 'Chưa có tài liệu API.' },
      });
      expect(reopened.body).toMatchObject({
        state: 'SENT',
        cycle: 2,
        responseDueAt: '2024-03-06T03:00:00.000Z' /* 15 working days; Tết 8–14/2 off */,
      });
      expect(
        (await t.request('GET', `/api/v1/blockers/${blockerId}`, { token: as('syt') })).body.state,
      ).toBe('ESCALATED');

      const bad = await t.request('POST', `/api/v1/recommendations/${id}/close`, {
        token: as('thuky'),
        body: {},
      });
      expect(bad.status).toBe(409);
      expect(bad.body).toMatchObject({
        code: 'RECOMMENDATION_TRANSITION_NOT_ALLOWED',
        details: { from: 'SENT', allowed: ['respond', 'withdraw'] },
      });

      const partly = await t.request('POST', `/api/v1/recommendations/${id}/responses`, {
        token: as('thuky'),
        body: {
          addresseeCode: agencies.c06.code,
          documentNumber: '95/C06',
          date: '2024-02-20',
          summary: 'Đã gửi tài liệu.',
        },
      });
      // One of two has answered the new cycle: the secretariat may judge it enough and close.
      expect(partly.body).toMatchObject({
        state: 'SENT',
        allowedCommands: ['respond', 'withdraw', 'close'],
      });
      const closed = await t.request('POST', `/api/v1/recommendations/${id}/close`, {
        token: as('thuky'),
        body: { note: 'Đã đủ.' },
      });
      expect(closed.body.state).toBe('CLOSED');
      expect(closed.body.addressees).toMatchObject([
        {
          code: agencies.police.code,
          status: 'RELEASED',
          releaseReason: 'Kiến nghị được đóng khi cơ quan khác đã trả lời: Đã đủ.',
        },
        { code: agencies.c06.code, status: 'ANSWERED' },
      ]);
      const resolved = await t.request('POST', `/api/v1/blockers/${blockerId}/resolve`, {
        token: as('syt'),
        body: { resolution: 'Đã đồng bộ qua API của C06.' },
      });
      expect(resolved.body).toMatchObject({
        state: 'RESOLVED',
        resolution: 'Đã đồng bộ qua API của C06.',
      });
      const again = await t.request('POST', `/api/v1/blockers/${blockerId}/resolve`, {
        token: as('syt'),
        body: { resolution: 'x' },
      });
      expect(again.body).toMatchObject({
        code: 'BLOCKER_TRANSITION_NOT_ALLOWED',
        details: { allowed: ['reopen'] },
      });
      const reopenedBlocker = await t.request('POST', `/api/v1/blockers/${blockerId}/reopen`, {
        token: as('syt'),
        body: { reason: 'Lỗi đồng bộ trở lại.' },
      });
      expect(reopenedBlocker.body.state).toBe('OPEN');

      const trail = (await audit('recommendation', id)).map((a: { action: string }) => a.action);
      expect(trail).toEqual([
        'recommendation.create',
        'recommendation.send',
        'recommendation.respond', // Cục C06
        'recommendation.respond', // Bộ Công an: nobody owes any more
        'recommendation.answered',
        'recommendation.reopen',
        'recommendation.respond', // Cục C06 again; then the secretariat closes early
        'recommendation.addressee.release',
        'recommendation.answered',
        'recommendation.close',
      ]);
      clock.set(new Date('2024-01-15T03:00:00Z'));
    });

    it('records a letter sent before the system existed, due 15 working days later by default', async () => {
      const res = await t.request('POST', '/api/v1/recommendations', {
        token: as('thuky'),
        body: {
          addresseeCodes: [agencies.ministryOfHealth.code],
          summary: 'Kiến nghị cũ.',
          documentNumber: '10/SYT',
          letterDate: '2023-12-01',
          sentAt: '2023-12-01T08:00:00+07:00',
        },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        state: 'SENT',
        responseDueAt: '2023-12-22T01:00:00.000Z',
        overdue: true,
      });
      const officer = await t.request('POST', '/api/v1/recommendations', {
        token: as('syt'),
        body: {
          addresseeCodes: [agencies.ministryOfHealth.code],
          summary: 'x',
          documentNumber: '1/SYT',
          letterDate: '2023-12-01',
          sentAt: '2023-12-01T08:00:00+07:00',
        },
      });
      expect(officer.status).toBe(403);
    });

    it('refuses unknown addressees, malformed ids and another agency’s blockers', async () => {
      const unknown = await t.request('POST', '/api/v1/recommendations', {
        token: as('thuky'),
        body: { addresseeCodes: ['BXYZ'], summary: 'x' },
      });
      expect([unknown.status, unknown.body.message]).toEqual([
        400,
        'Không có cơ quan với mã: BXYZ.',
      ]);
      expect(
        (await t.request('GET', '/api/v1/recommendations/not-a-uuid', { token: as('thuky') }))
          .status,
      ).toBe(400);
      expect(
        (
          await t.request('GET', '/api/v1/recommendations/6f1c2b1e-0000-4000-8000-000000000000', {
            token: as('thuky'),
          })
        ).status,
      ).toBe(404);
      const foreignBlockers = await t.request(
        'GET',
        `/api/v1/blockers?pilot=${pilots.foreign.number}`,
        { token: as('syt') },
      );
      const foreign = await t.request('POST', '/api/v1/recommendations', {
        token: as('syt'),
        body: {
          blockerIds: [foreignBlockers.body.items[0].id],
          addresseeCodes: [agencies.police.code],
          summary: 'x',
        },
      });
      expect(foreign.status).toBe(403);
    });

    it('keeps a letter’s Nơi nhận apart from its addressees, checked like them', async () => {
      const moh = agencies.ministryOfHealth.code;
      const police = agencies.police.code;
      const created = await t.request('POST', '/api/v1/recommendations', {
        token: as('thuky'),
        // An addressee may be on the Nơi nhận too, as Bộ Công an is on report 442's.
        body: { addresseeCodes: [moh], distributionCodes: [police, moh], summary: 'Có nơi nhận.' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        addressees: [{ code: moh, name: 'Bộ Y tế' }],
        distribution: [
          { code: police, name: 'Bộ Công an' },
          { code: moh, name: 'Bộ Y tế' },
        ],
      });
      const [entry] = await audit('recommendation', created.body.id);
      expect(entry.after).toMatchObject({
        addresseeCodes: [moh],
        distributionCodes: [police, moh],
      });
      const without = await t.request('POST', '/api/v1/recommendations', {
        token: as('thuky'),
        body: { addresseeCodes: [moh], summary: 'Không có nơi nhận.' },
      });
      expect(without.body.distribution).toEqual([]);

      const letters = async () =>
        (await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM recommendation`))[0].n;
      const count = await letters();
      const refused = async (distributionCodes: unknown) =>
        (
          await t.request('POST', '/api/v1/recommendations', {
            token: as('thuky'),
            body: { addresseeCodes: [moh], distributionCodes, summary: 'x' },
          })
        ).body;
      expect(await refused(['BXYZ'])).toEqual({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Không có cơ quan với mã: BXYZ.',
        details: {
          fields: [{ field: 'distributionCodes', problems: ['Không có cơ quan với mã: BXYZ.'] }],
        },
      });
      for (const [codes, problem] of [
        [[police, police], 'distributionCodes không được lặp mã'],
        [['bca'], 'distributionCodes chỉ gồm mã cơ quan viết hoa, ví dụ BYT'],
        [Array.from({ length: 21 }, (_, i) => `B${i}`), 'distributionCodes tối đa 20 mã'],
        ['BCA', 'distributionCodes phải là danh sách mã cơ quan'],
      ] as const) {
        const body = await refused(codes);
        expect(body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
        expect(body.details.fields).toEqual([
          { field: 'distributionCodes', problems: expect.arrayContaining([problem]) },
        ]);
      }
      expect(await letters()).toBe(count);
    });
  });

  describe('search and dashboard', () => {
    it('finds Vietnamese text with or without diacritics', async () => {
      const clinic = await newPilot(t, {
        name: 'Khám chữa bệnh bằng căn cước gắn chip tại Bệnh viện Đa khoa tỉnh',
      });
      await newBlocker(t, { topic: 'Làm sạch dữ liệu tiêm chủng COVID-19' });
      await newSentRecommendation(t, {
        documentNumber: '5772/TCTĐA06-CAT',
        sentAt: '2023-12-20T08:00:00+07:00',
      });
      for (const q of ['kham chua benh', 'Khám chữa bệnh', 'KHAM CHUA BENH']) {
        const res = await t.request('GET', `/api/v1/pilots?q=${encodeURIComponent(q)}`, {
          token: as('lanhdao'),
        });
        expect(res.body.items.map((p: { number: number }) => p.number)).toContain(clinic.number);
      }
      const blockers = await t.request(
        'GET',
        `/api/v1/blockers?q=${encodeURIComponent('tiem chung')}`,
        { token: as('lanhdao') },
      );
      expect(blockers.body.items.map((b: { topic: string }) => b.topic)).toContain(
        'Làm sạch dữ liệu tiêm chủng COVID-19',
      );
      const letters = await t.request(
        'GET',
        `/api/v1/recommendations?q=${encodeURIComponent('tctda06-cat')}`,
        { token: as('lanhdao') },
      );
      expect(letters.body.items.map((r: { documentNumber: string }) => r.documentNumber)).toContain(
        '5772/TCTĐA06-CAT',
      );
      // LIKE wildcards typed by a user are taken literally: no pilot text contains "_".
      const literal = await t.request('GET', `/api/v1/pilots?q=${encodeURIComponent('_')}`, {
        token: as('lanhdao'),
      });
      expect(literal.body.total).toBe(0);
    });

    it('sums up states, blockers, overdue letters and missing reports', async () => {
      const reported = await newPilot(t, { reports: [{ period: '2024-01' }] });
      const unreported = await newPilot(t);
      await newSentRecommendation(t, {
        addresseeCodes: [agencies.ministryOfHealth.code],
        sentAt: '2023-12-01T08:00:00+07:00', // due 15 working days later, long past on 15/01/2024
      });
      const total = async (query: string) =>
        (await t.request('GET', `/api/v1/${query}`, { token: as('lanhdao') })).body.total;
      const res = await t.request('GET', '/api/v1/dashboard', { token: as('lanhdao') });
      expect(res.status).toBe(200);
      const d = res.body;
      expect(d.period).toBe('2024-01');
      expect(
        Object.values(d.pilotsByState as Record<string, number>).reduce((a, b) => a + b, 0),
      ).toBe(await total('pilots'));
      expect(d.openBlockers.byAuthority.CENTRAL).toBeGreaterThan(0);
      expect(d.openBlockers.byAuthority.CENTRAL).toBe(
        (await total('blockers?authority=CENTRAL&state=OPEN')) +
          (await total('blockers?authority=CENTRAL&state=ESCALATED')),
      );
      expect(
        d.overdueRecommendations.byAddressee.find(
          (a: { code: string }) => a.code === agencies.ministryOfHealth.code,
        ),
      ).toBeTruthy();
      expect(d.overdueRecommendations.byLevel).toEqual([
        { level: 0, count: d.overdueRecommendations.total },
      ]);
      const withoutReport = d.pilotsWithoutReport.map((p: { number: number }) => p.number);
      expect(withoutReport).not.toContain(reported.number);
      expect(withoutReport).toContain(unreported.number);
    });
  });
});
