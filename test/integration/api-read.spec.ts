import { jest } from '@jest/globals';
import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('read API on the December 2023 data', () => {
  let t: TestApp;
  let token: string;
  const clock = new FixedClock(new Date('2024-01-15T03:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    token = await t.login('lanhdao@demo.example');
  });
  afterAll(() => t.close());

  it('refuses every read without a token, in the error shape', async () => {
    const res = await t.request('GET', '/api/v1/pilots');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      statusCode: 401,
      code: 'UNAUTHORIZED',
      message: 'Bạn cần đăng nhập.',
    });
  });

  it('logs in with the demo password and refuses a wrong one without saying which part was wrong', async () => {
    const ok = await t.request('POST', '/api/v1/auth/login', {
      body: { email: 'SYT@demo.example', password: 'demo-pilot-06' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toEqual({
      id: expect.any(String),
      email: 'syt@demo.example',
      name: 'Cán bộ đầu mối Sở Y tế',
      role: 'AGENCY_OFFICER',
      agencyCode: 'SYT',
      permissions: ['letters.draft', 'letterRequests.file'],
    });
    const wrong = await t.request('POST', '/api/v1/auth/login', {
      body: { email: 'syt@demo.example', password: 'nope' },
    });
    const unknown = await t.request('POST', '/api/v1/auth/login', {
      body: { email: 'ai@demo.example', password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('lists the 31 pilots in number order with their lead agencies and computed fields', async () => {
    const res = await t.request('GET', '/api/v1/pilots?limit=100', { token });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(31);
    expect(res.body.limit).toBe(100);
    expect(res.body.offset).toBe(0);
    expect(res.body.items.map((p: { number: number }) => p.number)).toEqual(
      Array.from({ length: 31 }, (_, i) => i + 1),
    );
    const pilot2 = res.body.items[1];
    expect(pilot2).toMatchObject({
      number: 2,
      state: 'PILOTING',
      version: 1,
      leadAgencies: [{ code: 'VPUBND', name: 'Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa' }],
      lastReportPeriod: '2023-12',
      blocked: true,
      openBlockers: 1,
      overdueRecommendations: 1, // 442/BC-TCTĐA06 of 20/12/2023 was due 15 working days later
    });
    const pilot3 = res.body.items[2];
    expect(pilot3).toMatchObject({
      state: 'NOT_STARTED',
      progress: 'Chưa ghi nhận',
      lastReportPeriod: null,
      blocked: false,
    });
  });

  it('filters pilots by state, lead agency and blocked', async () => {
    const numbers = async (query: string) =>
      (await t.request('GET', `/api/v1/pilots?${query}`, { token })).body.items.map(
        (p: { number: number }) => p.number,
      );
    expect(await numbers('state=OPERATING')).toEqual([1, 4, 16, 20, 21, 22, 24]);
    expect(await numbers('agency=SGTVT')).toEqual([7, 11, 12, 13]);
    expect(await numbers('agency=CDYT')).toEqual([14]);
    expect(await numbers('blocked=true')).toEqual([2, 5, 6, 7, 9, 13, 16, 17, 25]);
    expect(await numbers('blocked=true&state=PREPARING')).toEqual([7, 13, 17, 25]);
    expect(await numbers('q=kham%20chua%20benh%20su%20dung')).toEqual([4]);
  });

  it('counts a recommendation as overdue only once its due time has passed', async () => {
    clock.set(new Date('2023-12-21T03:00:00Z'));
    const before = await t.request('GET', '/api/v1/pilots/2', { token });
    expect(before.body.overdueRecommendations).toBe(0);
    clock.set(new Date('2024-01-15T03:00:00Z'));
    const after = await t.request('GET', '/api/v1/pilots/2', { token });
    expect(after.body.overdueRecommendations).toBe(1);
  });

  it('answers a pilot by number, 404 for an unknown one and 400 for a malformed one', async () => {
    const fourteen = await t.request('GET', '/api/v1/pilots/14', { token });
    expect(fourteen.body.leadAgencies.map((a: { code: string }) => a.code)).toEqual([
      'DHKH',
      'CDKTCN',
      'CDYT',
    ]);
    const missing = await t.request('GET', '/api/v1/pilots/32', { token });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'Không tìm thấy mô hình số 32.',
    });
    for (const bad of ['abc', '0', '-1', '1.5', '99999999999999999999']) {
      const res = await t.request('GET', `/api/v1/pilots/${bad}`, { token });
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('returns Vietnamese names byte-identical (NFC) to the report', async () => {
    const res = await t.request('GET', '/api/v1/pilots/4', { token });
    const expected = 'Khám chữa bệnh sử dụng thẻ CCCD và VNeID';
    expect(res.body.name).toBe(expected);
    expect(
      Buffer.from(res.body.name, 'utf8').equals(Buffer.from(expected.normalize('NFC'), 'utf8')),
    ).toBe(true);
    expect(res.raw).toContain(expected); // not \u-escaped
    expect(res.headers['content-type']).toMatch(/application\/json; charset=utf-8/);
  });

  it('refuses unknown and invalid query parameters with the fields at fault', async () => {
    const unknown = await t.request('GET', '/api/v1/pilots?colour=red', { token });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
    expect(unknown.body.details.fields).toEqual([
      { field: 'colour', problems: ['Trường "colour" không được phép gửi lên.'] },
    ]);
    const bad = await t.request('GET', '/api/v1/pilots?state=DONE&limit=101&blocked=maybe', {
      token,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'blocked',
      'limit',
      'state',
    ]);
  });

  it('lists agencies, blockers and recommendations with their filters', async () => {
    const agencies = await t.request('GET', '/api/v1/agencies', { token });
    // Report 442's 21, the provincial working group and the two departments of Bộ Y tế 4338 went to.
    expect(agencies.body.total).toBe(24);
    expect(agencies.body.items.find((a: { code: string }) => a.code === 'C06')).toMatchObject({
      parentCode: 'BCA',
      kind: 'CENTRAL_AGENCY',
    });

    const central = await t.request('GET', '/api/v1/blockers?authority=CENTRAL', { token });
    expect(central.body.total).toBe(10);
    const vendor = await t.request('GET', '/api/v1/blockers?category=VENDOR', { token });
    expect(vendor.body.items.map((b: { pilotNumber: number }) => b.pilotNumber)).toEqual([7, 13]);

    // Report 442 asks Bộ Y tế, and went to VPCP, Bộ Công an and VP UBND tỉnh (its Nơi nhận).
    const byt = await t.request('GET', '/api/v1/recommendations?addressee=BYT', { token });
    expect(byt.body.items).toEqual([
      expect.objectContaining({
        documentNumber: '442/BC-TCTĐA06',
        addressees: [expect.objectContaining({ code: 'BYT', name: 'Bộ Y tế', status: 'AWAITING' })],
        distribution: [
          { code: 'VPCP', name: 'Văn phòng Chính phủ' },
          { code: 'BCA', name: 'Bộ Công an' },
          { code: 'VPUBND', name: 'Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa' },
        ],
      }),
    ]);
    // The addressee filter is about the addressees only: VP UBND tỉnh is asked nothing.
    const vpubnd = await t.request('GET', '/api/v1/recommendations?addressee=VPUBND', { token });
    expect(vpubnd.body.total).toBe(0);
    // 4338 went to two departments of Bộ Y tế; either finds it.
    const cntt = await t.request('GET', '/api/v1/recommendations?addressee=BYT_CNTT', { token });
    const ytdp = await t.request('GET', '/api/v1/recommendations?addressee=BYT_YTDP', { token });
    expect(ytdp.body.items.map((r: { id: string }) => r.id)).toEqual(
      cntt.body.items.map((r: { id: string }) => r.id),
    );
    const first = cntt.body.items[0];
    expect(first).toMatchObject({
      documentNumber: '4338/SYT-TCHC',
      state: 'SENT',
      letterDate: '2022-10-27',
      sentAt: '2022-10-27T01:00:00.000Z',
      responseDueAt: '2022-11-17T01:00:00.000Z', // + 15 working days (weekends only, for now)
      overdue: true,
      escalationLevel: 0,
      addressees: [
        { code: 'BYT_CNTT', name: 'Cục Công nghệ thông tin' },
        { code: 'BYT_YTDP', name: 'Cục Y tế dự phòng' },
      ],
      distribution: [],
      responses: [],
    });
    expect(first.workingDaysOverdue).toBeGreaterThan(280);
    const pilot25 = await t.request('GET', '/api/v1/recommendations?pilot=25', { token });
    expect(pilot25.body.items.map((r: { documentNumber: string }) => r.documentNumber)).toEqual([
      '3829/STNMT-VPĐKĐĐ',
      '442/BC-TCTĐA06',
    ]);
    // Pilot 17 (SSO) shows its two letters, both overdue, the second issued by the working group.
    const pilot17 = await t.request('GET', '/api/v1/recommendations?pilot=17', { token });
    expect(
      pilot17.body.items.map((r: { documentNumber: string; overdue: boolean }) => [
        r.documentNumber,
        r.overdue,
      ]),
    ).toEqual([
      ['2754/STTTT-TTCNTT&DVHCCTT', true],
      ['5305/TCTĐA06(CAT-STTTT)', true],
    ]);
    const [letter5305] = pilot17.body.items.slice(1);
    const detail = await t.request('GET', `/api/v1/recommendations/${letter5305.id}`, { token });
    expect(detail.body.senderAgency).toEqual({
      code: 'TCTDA06',
      name: 'Tổ công tác Đề án 06 tỉnh Khánh Hòa',
    });
    expect((await t.request('GET', '/api/v1/pilots/17', { token })).body).toMatchObject({
      blocked: true,
      openBlockers: 1,
      overdueRecommendations: 2,
    });
    const notOverdue = await t.request('GET', '/api/v1/recommendations?overdue=false', { token });
    expect(notOverdue.body.total).toBe(0);
  });

  it('computes list fields in a fixed number of SQL statements, whatever the page size', async () => {
    const { DataSource } = await import('typeorm');
    const dataSource = t.app.get(DataSource);
    const spy = jest.spyOn(dataSource, 'query');
    await t.request('GET', '/api/v1/pilots?limit=1', { token });
    const forOne = spy.mock.calls.length;
    spy.mockClear();
    await t.request('GET', '/api/v1/pilots?limit=100', { token });
    const forAll = spy.mock.calls.length;
    spy.mockClear();
    await t.request('GET', '/api/v1/recommendations?limit=1', { token });
    const oneLetter = spy.mock.calls.length;
    spy.mockClear();
    await t.request('GET', '/api/v1/recommendations?limit=100', { token });
    const recommendations = spy.mock.calls.length;
    spy.mockRestore();
    // One statement for the account behind the token, then the list itself.
    expect(forAll).toBe(forOne);
    expect(forAll).toBe(2);
    // Letters: the account, the page, then one statement per related set for the whole page
    // (addressees and distribution, blockers, escalation levels, the succession links and the
    // agencies they name for today's holders) — never one per letter.
    expect(recommendations).toBe(oneLetter);
    expect(recommendations).toBeLessThanOrEqual(9);
  });

  it('answers unknown routes, oversized and malformed bodies in the error shape', async () => {
    const route = await t.request('GET', '/api/v1/nowhere', { token });
    expect(route.body).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'Không tìm thấy địa chỉ yêu cầu.',
    });
    const big = await t.request('POST', '/api/v1/auth/login', {
      payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(1_100_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect([big.status, big.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const broken = await t.request('POST', '/api/v1/auth/login', {
      payload: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect([broken.status, broken.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('publishes the OpenAPI document with every route', async () => {
    const res = await t.request('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/pilots',
        '/api/v1/pilots/{number}',
        '/api/v1/agencies',
        '/api/v1/blockers',
        '/api/v1/recommendations',
        '/api/v1/health/ready',
      ]),
    );
  });

  it('documents the errors of every protected endpoint in OpenAPI', async () => {
    const doc = (await t.request('GET', '/api/docs-json')).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (path.includes('/health/') || path.endsWith('/auth/login')) continue;
      for (const [method, op] of Object.entries(operations)) {
        const needed = ['400', '401', ...(method === 'get' ? [] : ['403'])];
        for (const status of needed)
          if (!op.responses[status]) missing.push(`${method.toUpperCase()} ${path} ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('echoes a request id, keeping a sane one sent by a proxy', async () => {
    const own = await t.request('GET', '/api/v1/health/live', {
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(own.headers['x-request-id']).toBe('abc-123');
    const made = await t.request('GET', '/api/v1/health/live', {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
