import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp, type TestResponse } from '../support/app.js';
import {
  newAgency,
  newBlocker,
  newDraftRecommendation,
  newOfficer,
  newPilot,
  newSentRecommendation,
  newUser,
  type NewAgency,
  type NewBlocker,
  type NewPilot,
  type NewUser,
} from '../support/factories.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';

/*
 * Issue 12, item 6: the officer asks, the secretariat acts. An officer asks the secretariat for a
 * letter about a CENTRAL blocker of a pilot their agency leads; the secretariat is mailed (a real
 * SMTP server here), finds the request in its queue beside every open CENTRAL blocker no sent
 * letter covers, and turns it into a draft letter (the link kept) or declines it; the author may
 * withdraw it.
 */
describe('letter requests: the officer asks, the secretariat acts', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let db: DataSource;
  const clock = new FixedClock(new Date('2024-01-15T03:00:00Z')); // 10:00 in Vietnam
  const users: Record<string, NewUser> = {};
  const tokens: Record<string, string> = {};
  const agencies: Record<string, NewAgency> = {};
  const pilots: Record<string, NewPilot> = {};
  const blockers: Record<string, NewBlocker> = {};

  const as = <T = any>(who: string, method: string, url: string, body?: unknown) =>
    t.request<T>(method, `/api/v1${url}`, { token: tokens[who], body });
  const expectStatus = async (res: Promise<TestResponse>, status: number) => {
    const r = await res;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.raw}`);
    return r.body;
  };
  const trail = async (blockerId: string): Promise<string[]> =>
    (
      await db.query(
        `SELECT action FROM audit_entry WHERE entity_type = 'blocker' AND entity_id = $1 ORDER BY id`,
        [blockerId],
      )
    ).map((r: { action: string }) => r.action);
  const counts = async () =>
    (
      await db.query(
        `SELECT (SELECT count(*)::int FROM letter_request) AS requests,
                (SELECT count(*)::int FROM notification WHERE kind = 'LETTER_REQUEST') AS mails,
                (SELECT count(*)::int FROM audit_entry) AS audit`,
      )
    )[0];
  const requestMails = () =>
    smtp.received.filter((m) => m.parsed.subject?.startsWith('[Đề nghị kiến nghị]'));
  const until = async (condition: () => boolean | Promise<boolean>, ms = 20_000) => {
    const deadline = Date.now() + ms;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const file = (who: string, body: Record<string, unknown>) =>
    as(who, 'POST', '/letter-requests', {
      question: 'Đề nghị Bộ hướng dẫn kết nối dữ liệu khám chữa bệnh với ứng dụng VNeID.',
      impact: 'Bệnh viện phải nhập liệu hai lần nên chưa thể mở rộng mô hình ra toàn tỉnh.',
      ...body,
    });

  const QUESTION = 'Đề nghị Bộ Y tế hướng dẫn đồng bộ dữ liệu từ phần mềm HIS sang hệ thống ASM.';
  const IMPACT =
    'Các bệnh viện phải nhập liệu trùng lặp trên hai phần mềm nên chưa thể triển khai mô hình tại 12 bệnh viện còn lại.';
  let firstRequest: any;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ seed: false, clock, role: 'all', smtpUrl: smtp.url });
    db = t.app.get(DataSource);
    agencies.health = await newAgency(t, { name: 'Sở Y tế', shortName: 'Sở Y tế' });
    agencies.tourism = await newAgency(t, { name: 'Sở Du lịch', shortName: 'Sở Du lịch' });
    agencies.ministry = await newAgency(t, {
      kind: 'MINISTRY',
      name: 'Bộ Y tế',
      shortName: 'Bộ Y tế',
    });
    agencies.police = await newAgency(t, {
      kind: 'MINISTRY',
      name: 'Bộ Công an',
      shortName: 'Bộ Công an',
    });
    agencies.merged = await newAgency(t, {
      kind: 'MINISTRY',
      name: 'Bộ Thông tin và Truyền thông',
      shortName: 'Bộ TT&TT',
    });
    // Merged away on 1/3/2025 in the real world; here it no longer exists by the test's day.
    await db.query(`UPDATE agency SET valid_until = '2023-06-01' WHERE id = $1`, [
      agencies.merged.id,
    ]);
    users.secretariat = await newUser(t, { role: 'SECRETARIAT', name: 'Thư ký Nguyễn Thị Hoa' });
    users.deputy = await newUser(t, { role: 'SECRETARIAT', name: 'Thư ký Trần Văn Bình' });
    users.away = await newUser(t, { role: 'SECRETARIAT', name: 'Thư ký đã nghỉ' });
    users.leadership = await newUser(t, { role: 'LEADERSHIP' });
    users.admin = await newUser(t, { role: 'ADMIN' });
    users.health = await newOfficer(t, agencies.health);
    users.health2 = await newOfficer(t, agencies.health);
    users.tourism = await newOfficer(t, agencies.tourism);
    for (const who of Object.keys(users)) tokens[who] = await t.login(users[who].email);
    await db.query(`UPDATE app_user SET disabled_at = now() WHERE id = $1`, [users.away.id]);

    pilots.health = await newPilot(t, { leadAgencies: [agencies.health] });
    pilots.tourism = await newPilot(t, { leadAgencies: [agencies.tourism] });
    const raise = (pilot: NewPilot, title: string, authority: 'CENTRAL' | 'PROVINCE' = 'CENTRAL') =>
      newBlocker(t, { pilot, title, authority, token: tokens.secretariat });
    blockers.central = await raise(
      pilots.health,
      'Bệnh viện phải nhập liệu trùng lặp trên phần mềm HIS và ASM',
    );
    blockers.province = await raise(
      pilots.health,
      'Thiếu máy đọc thẻ căn cước tại trạm y tế',
      'PROVINCE',
    );
    blockers.tourism = await raise(
      pilots.tourism,
      'Chưa có hướng dẫn đồng bộ dữ liệu lưu trú về hệ thống của Bộ Công an',
    );
    blockers.covered = await raise(pilots.tourism, 'Chưa có định mức đầu tư thiết bị đầu cuối');
    blockers.drafted = await raise(pilots.tourism, 'Chưa có mô hình khung cho giải pháp');
    // Raised on the test's day, a minute apart in the order above (the queue's order and age).
    for (const [i, b] of Object.values(blockers).entries())
      await db.query(
        `UPDATE blocker SET created_at = '2024-01-15T01:00:00Z'::timestamptz + $2 * interval '1 minute' WHERE id = $1`,
        [b.id, i],
      );
    blockers.closed = await newBlocker(t, {
      pilot: pilots.health,
      title: 'Chưa có văn bản hướng dẫn thu phí',
      state: 'RESOLVED',
      token: tokens.secretariat,
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it("files an officer's request for a CENTRAL blocker of their own pilot (201), audited on the blocker, and mails each active secretariat account once", async () => {
    const res = await file('health', {
      blockerId: blockers.central.id,
      addresseeCode: agencies.ministry.code,
      question: QUESTION,
      impact: IMPACT,
    });
    expect(res.status).toBe(201);
    firstRequest = res.body;
    expect(res.body).toMatchObject({
      state: 'OPEN',
      blocker: { id: blockers.central.id, state: 'OPEN', topic: null },
      pilot: { number: pilots.health.number, name: pilots.health.name },
      leadAgencies: [{ code: agencies.health.code, name: 'Sở Y tế' }],
      addressee: { code: agencies.ministry.code, name: 'Bộ Y tế' },
      question: QUESTION,
      impact: IMPACT,
      requestedBy: { id: users.health.id, name: users.health.name },
      requestingAgency: { code: agencies.health.code },
      ageDays: 0,
      closedAt: null,
      closingReason: null,
      recommendation: null,
      allowedCommands: ['withdraw'],
    });
    expect(await trail(blockers.central.id)).toEqual(['blocker.create', 'letterRequest.file']);

    // Two active secretariat accounts; the disabled one and the officer get nothing.
    await until(() => requestMails().length >= 2);
    await until(async () => {
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM notification WHERE kind = 'LETTER_REQUEST' AND status = 'SENT'`,
      );
      return n === 2;
    });
    const mails = requestMails();
    expect(mails.map((m) => m.to).sort()).toEqual(
      [[users.secretariat.email], [users.deputy.email]].sort(),
    );
    const mail = mails.find((m) => m.to[0] === users.secretariat.email)!;
    expect(mail.parsed.subject).toBe(
      `[Đề nghị kiến nghị] Đề nghị gửi kiến nghị đến Bộ Y tế – mô hình số ${pilots.health.number}`,
    );
    const text = mail.parsed.text!;
    expect(text).toContain(`Kính gửi: ${users.secretariat.name}`);
    expect(text).toContain(`${users.health.name} (Sở Y tế) đề nghị Tổ công tác gửi kiến nghị`);
    expect(text).toContain(`Vướng mắc: ${blockers.central.title}`);
    expect(text).toContain(`Đề nghị: ${QUESTION}`);
    expect(text).toContain(`Vì sao cản trở mô hình: ${IMPACT}`);
    expect(text).toContain('/kien-nghi/de-nghi');
    expect(mail.parsed.html).toContain(QUESTION);
    const rows = await db.query(
      `SELECT idempotency_key AS key FROM notification WHERE kind = 'LETTER_REQUEST' ORDER BY key`,
    );
    expect(rows.map((r: { key: string }) => r.key)).toEqual(
      [users.secretariat.email, users.deputy.email]
        .map((e) => `letter-request:${firstRequest.id}:${e}`)
        .sort(),
    );
  });

  it('refuses another agency’s pilot (403), a PROVINCE or closed blocker, a merged-away or unknown agency (400), a second open request (409), and changes nothing', async () => {
    const before = await counts();
    const refusals: [string, Record<string, unknown>, number, string][] = [
      [
        'tourism',
        { blockerId: blockers.central.id, addresseeCode: agencies.ministry.code },
        403,
        'FORBIDDEN',
      ],
      [
        'health',
        { blockerId: blockers.tourism.id, addresseeCode: agencies.police.code },
        403,
        'FORBIDDEN',
      ],
      [
        'leadership',
        { blockerId: blockers.central.id, addresseeCode: agencies.police.code },
        403,
        'FORBIDDEN',
      ],
      [
        'admin',
        { blockerId: blockers.central.id, addresseeCode: agencies.police.code },
        403,
        'FORBIDDEN',
      ],
      [
        'health',
        { blockerId: blockers.province.id, addresseeCode: agencies.ministry.code },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'health',
        { blockerId: blockers.closed.id, addresseeCode: agencies.ministry.code },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'health',
        { blockerId: blockers.central.id, addresseeCode: agencies.merged.code },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'health',
        { blockerId: blockers.central.id, addresseeCode: 'KHONGCO' },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'health',
        { blockerId: blockers.central.id, addresseeCode: 'byt' },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'health',
        {
          blockerId: '00000000-0000-4000-8000-000000000000',
          addresseeCode: agencies.ministry.code,
        },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'health',
        { blockerId: 'khong-phai-uuid', addresseeCode: agencies.ministry.code },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'health',
        { blockerId: blockers.central.id, addresseeCode: agencies.ministry.code, question: '  ' },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'health',
        { blockerId: blockers.central.id, addresseeCode: agencies.ministry.code, state: 'DRAFTED' },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'health',
        { blockerId: blockers.central.id, addresseeCode: agencies.ministry.code },
        409,
        'CONFLICT',
      ],
    ];
    for (const [who, body, status, code] of refusals) {
      const res = await file(who, body);
      expect({ who, body, status: res.status, code: res.body.code }).toEqual({
        who,
        body,
        status,
        code,
      });
      expect(res.body.message).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
    }
    const merged = await file('health', {
      blockerId: blockers.central.id,
      addresseeCode: agencies.merged.code,
    });
    expect(merged.body.details.fields).toEqual([
      {
        field: 'addresseeCode',
        problems: [
          'Bộ Thông tin và Truyền thông không còn tồn tại từ ngày 01/06/2023: hãy chọn cơ quan đang đảm nhận nhiệm vụ.',
        ],
      },
    ]);
    const province = await file('health', {
      blockerId: blockers.province.id,
      addresseeCode: agencies.ministry.code,
    });
    expect(province.body.details.fields[0].field).toBe('blockerId');
    expect(await counts()).toEqual(before);
  });

  it('lets two officers race for the same request: one is filed, the other is told it exists', async () => {
    const both = await Promise.all([
      file('health', { blockerId: blockers.central.id, addresseeCode: agencies.police.code }),
      file('health2', { blockerId: blockers.central.id, addresseeCode: agencies.police.code }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const filed = both.find((r) => r.status === 201)!;
    await expectStatus(
      as('secretariat', 'POST', `/letter-requests/${filed.body.id}/decline`, {
        reason: 'Trùng với đề nghị gửi Bộ Y tế.',
      }),
      200,
    );
  });

  it('queues the open requests and the open CENTRAL blockers no sent letter covers, oldest first, for the secretariat alone', async () => {
    await newSentRecommendation(t, {
      blockers: [blockers.covered],
      addresseeCodes: [agencies.police.code],
    });
    const draft = await newDraftRecommendation(t, {
      blockers: [blockers.drafted],
      addresseeCodes: [agencies.police.code],
    });
    clock.set(new Date('2024-01-18T03:00:00Z'));
    try {
      const queue = await expectStatus(as('secretariat', 'GET', '/letter-requests/queue'), 200);
      expect(queue.requests.map((r: any) => [r.id, r.ageDays])).toEqual([[firstRequest.id, 3]]);
      expect(queue.requests[0]).toMatchObject({
        pilot: { number: pilots.health.number },
        leadAgencies: [{ code: agencies.health.code }],
        allowedCommands: ['draft', 'decline'],
      });
      // Not the one with a request waiting, the covered one, the PROVINCE one or the closed one.
      expect(
        queue.uncoveredBlockers.map((b: any) => [b.blocker.title, b.pilot.number, b.draftIds]),
      ).toEqual([
        [blockers.tourism.title, pilots.tourism.number, []],
        [blockers.drafted.title, pilots.tourism.number, [draft.id]],
      ]);
      expect(queue.uncoveredBlockers[0]).toMatchObject({
        leadAgencies: [{ code: agencies.tourism.code, name: 'Sở Du lịch' }],
        ageDays: 3,
      });
    } finally {
      clock.set(new Date('2024-01-15T03:00:00Z'));
    }
    for (const who of ['health', 'leadership', 'admin']) {
      const res = await as(who, 'GET', '/letter-requests/queue');
      expect([who, res.status, res.body.code]).toEqual([who, 403, 'FORBIDDEN']);
    }
  });

  it('turns a request into a DRAFT letter to the requested agency about the blocker, keeps the link, and takes it off the queue', async () => {
    const refused = await as('health', 'POST', `/letter-requests/${firstRequest.id}/draft`, {});
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    const stale = await as('secretariat', 'POST', `/letter-requests/${firstRequest.id}/draft`, {
      version: firstRequest.version + 1,
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);

    const res = await as('secretariat', 'POST', `/letter-requests/${firstRequest.id}/draft`, {
      version: firstRequest.version,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'DRAFTED',
      recommendation: { state: 'DRAFT', documentNumber: null },
      closedAt: '2024-01-15T03:00:00.000Z',
      allowedCommands: [],
    });
    const letter = await expectStatus(
      as('secretariat', 'GET', `/recommendations/${res.body.recommendation.id}`),
      200,
    );
    expect(letter).toMatchObject({
      state: 'DRAFT',
      summary: `${QUESTION}\n\nLý do: ${IMPACT}`,
      addressees: [{ code: agencies.ministry.code, name: 'Bộ Y tế' }],
      blockers: [{ id: blockers.central.id, pilotNumber: pilots.health.number }],
    });
    // The officer sees where their request went.
    const seen = await expectStatus(
      as('health', 'GET', `/letter-requests/${firstRequest.id}`),
      200,
    );
    expect(seen.recommendation.id).toBe(letter.id);
    expect((await trail(blockers.central.id)).at(-1)).toBe('letterRequest.draft');
    const [created] = await db.query(
      `SELECT action FROM audit_entry WHERE entity_type = 'recommendation' AND entity_id = $1`,
      [letter.id],
    );
    expect(created.action).toBe('recommendation.create');

    // Off the queue as a request; its blocker is listed again, uncovered, with the draft.
    const queue = await expectStatus(as('secretariat', 'GET', '/letter-requests/queue'), 200);
    expect(queue.requests).toEqual([]);
    expect(
      queue.uncoveredBlockers.find((b: any) => b.blocker.id === blockers.central.id).draftIds,
    ).toEqual([letter.id]);

    for (const [who, command, body] of [
      ['secretariat', 'draft', {}],
      ['secretariat', 'decline', { reason: 'Đã soạn dự thảo.' }],
      ['health', 'withdraw', {}],
    ] as const) {
      const again = await as(who, 'POST', `/letter-requests/${firstRequest.id}/${command}`, body);
      expect([command, again.status, again.body.code, again.body.details?.reason]).toEqual([
        command,
        409,
        'CONFLICT',
        'LETTER_REQUEST_TRANSITION_NOT_ALLOWED',
      ]);
    }
  });

  it('drafts with the summary the secretariat writes, and refuses a request whose agency has since ceased to exist', async () => {
    const request = await expectStatus(
      file('health', { blockerId: blockers.central.id, addresseeCode: agencies.police.code }),
      201,
    );
    const summary = 'Đề nghị Bộ Công an hướng dẫn tích hợp dữ liệu khám chữa bệnh lên VNeID.';
    const drafted = await expectStatus(
      as('secretariat', 'POST', `/letter-requests/${request.id}/draft`, { summary }),
      200,
    );
    const letter = await expectStatus(
      as('secretariat', 'GET', `/recommendations/${drafted.recommendation.id}`),
      200,
    );
    expect(letter.summary).toBe(summary);

    const ministry = await newAgency(t, { kind: 'MINISTRY' });
    const later = await expectStatus(
      file('health', { blockerId: blockers.central.id, addresseeCode: ministry.code }),
      201,
    );
    await db.query(`UPDATE agency SET valid_until = '2024-01-10' WHERE id = $1`, [ministry.id]);
    const before = await counts();
    const refused = await as('secretariat', 'POST', `/letter-requests/${later.id}/draft`, {});
    expect([refused.status, refused.body.code]).toEqual([409, 'CONFLICT']);
    expect(refused.body.message).toContain('không còn tồn tại');
    expect(await counts()).toEqual(before);
    await expectStatus(
      as('secretariat', 'POST', `/letter-requests/${later.id}/decline`, {
        reason: 'Cơ quan đã sáp nhập; Tổ công tác sẽ gửi cơ quan đang đảm nhận.',
      }),
      200,
    );
  });

  it('declines with a reason (the secretariat), withdraws by its author alone, and a closed request frees the way for a new one', async () => {
    const body = { blockerId: blockers.central.id, addresseeCode: agencies.police.code };
    const declined = await expectStatus(file('health', body), 201);
    const notOfficer = await as('health', 'POST', `/letter-requests/${declined.id}/decline`, {
      reason: 'x',
    });
    expect([notOfficer.status, notOfficer.body.code]).toEqual([403, 'FORBIDDEN']);
    const noReason = await as('secretariat', 'POST', `/letter-requests/${declined.id}/decline`, {});
    expect([noReason.status, noReason.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const reason = 'Vướng mắc đã được Bộ Công an hướng dẫn tại Văn bản 123/C06-TTDLDC.';
    const done = await expectStatus(
      as('secretariat', 'POST', `/letter-requests/${declined.id}/decline`, { reason }),
      200,
    );
    expect(done).toMatchObject({ state: 'DECLINED', closingReason: reason, recommendation: null });

    const withdrawn = await expectStatus(file('health', body), 201);
    for (const who of ['health2', 'secretariat', 'tourism', 'leadership']) {
      const res = await as(who, 'POST', `/letter-requests/${withdrawn.id}/withdraw`, {});
      expect([who, res.status, res.body.code]).toEqual([who, 403, 'FORBIDDEN']);
    }
    const own = await expectStatus(
      as('health', 'POST', `/letter-requests/${withdrawn.id}/withdraw`, {
        reason: 'Đơn vị tự tháo gỡ được.',
      }),
      200,
    );
    expect(own).toMatchObject({ state: 'WITHDRAWN', closingReason: 'Đơn vị tự tháo gỡ được.' });
    expect((await trail(blockers.central.id)).slice(-4)).toEqual([
      'letterRequest.file',
      'letterRequest.decline',
      'letterRequest.file',
      'letterRequest.withdraw',
    ]);
  });

  it("lists requests: the officer sees their agency's, another agency's officer none of them; filters by pilot and state", async () => {
    const mine = await expectStatus(as('health', 'GET', '/letter-requests?limit=100'), 200);
    expect(mine.total).toBeGreaterThanOrEqual(5);
    expect(mine.items.every((r: any) => r.pilot.number === pilots.health.number)).toBe(true);
    const theirs = await expectStatus(as('tourism', 'GET', '/letter-requests'), 200);
    expect(theirs).toMatchObject({ items: [], total: 0 });
    const hidden = await as('tourism', 'GET', `/letter-requests/${firstRequest.id}`);
    expect([hidden.status, hidden.body.code]).toEqual([404, 'NOT_FOUND']);
    const all = await expectStatus(as('leadership', 'GET', '/letter-requests?limit=100'), 200);
    expect(all.total).toBe(mine.total);
    const drafted = await expectStatus(
      as('secretariat', 'GET', `/letter-requests?state=DRAFTED&pilot=${pilots.health.number}`),
      200,
    );
    expect(drafted.items.map((r: any) => r.state)).toEqual(['DRAFTED', 'DRAFTED']);
    const none = await expectStatus(
      as('secretariat', 'GET', `/letter-requests?pilot=${pilots.tourism.number}`),
      200,
    );
    expect(none.total).toBe(0);
    const bad = await as('secretariat', 'GET', '/letter-requests?state=SENT');
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
