import { FixedClock } from '../../src/common/clock.js';
import { QUEUE_DASHBOARD_COOKIE } from '../../src/web/queue-dashboard.js';
import { QueueName } from '../../src/queue/queue-names.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startSmtpServer } from '../support/smtp.js';
import { queueBackends } from '../support/redis.js';
import { WebClient } from '../support/web.js';

describe.each(queueBackends())('Bull Board at /admin/queues (%s)', (_kind, redisUrl) => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let baseUrl: string;
  const tokens: Record<string, string> = {};

  /** Without following redirects, so the Set-Cookie and Location of the token hand-over show. */
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(new URL(path, baseUrl), { headers, redirect: 'manual' });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({
      role: 'all',
      smtpUrl: smtp.url,
      redisUrl,
      clock: new FixedClock(new Date('2024-01-15T03:00:00Z')),
    });
    baseUrl = await t.app.getUrl();
    for (const who of ['thuky', 'lanhdao', 'admin', 'syt'])
      tokens[who] = await t.login(`${who}@demo.example`);
  });
  // With workers on the seeded database at 15/01/2024, closing waits for the catch-up's jobs in
  // flight; a CI run under load once took more than the default minute (all tests had passed).
  afterAll(async () => {
    await t.close();
    await smtp.close();
  }, 180_000);

  it('answers 401 in the API error shape without a token, or with a bad one', async () => {
    const variants: Record<string, string>[] = [{}, { authorization: 'Bearer not-a-jwt' }];
    for (const headers of variants) {
      const res = await get('/admin/queues', headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        statusCode: 401,
        code: 'UNAUTHORIZED',
        message: expect.stringMatching(/đăng nhập/),
      });
    }
    const cookie = await get('/admin/queues/api/queues', {
      cookie: `${QUEUE_DASHBOARD_COOKIE}=forged`,
    });
    expect(cookie.status).toBe(401);
  });

  it('answers 403 to leadership and officers, even through ?token=', async () => {
    for (const who of ['lanhdao', 'syt']) {
      const header = await get('/admin/queues', { authorization: `Bearer ${tokens[who]}` });
      expect(header.status).toBe(403);
      expect(await header.json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      const query = await get(`/admin/queues?token=${tokens[who]}`);
      expect(query.status).toBe(403);
      expect(query.headers.get('set-cookie')).toBeNull();
    }
  });

  it('serves the board to the secretariat and admins with a bearer header', async () => {
    for (const who of ['thuky', 'admin']) {
      const res = await get('/admin/queues', { authorization: `Bearer ${tokens[who]}` });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      const page = await res.text();
      expect(page).toContain('<base href="/admin/queues/" />');
      expect(page).toContain('Hàng đợi – Đề án 06');
    }
  });

  it('trades ?token= for an HttpOnly, SameSite=Strict cookie and drops it from the address', async () => {
    const res = await get(`/admin/queues?token=${tokens.thuky}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/admin/queues');
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(new RegExp(`^${QUEUE_DASHBOARD_COOKIE}=`));
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    expect(setCookie).toMatch(/; Path=\/admin\/queues(;|$)/);
    const cookie = setCookie.split(';')[0];

    const page = await get('/admin/queues', { cookie });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(await page.text())![1];
    expect((await get(`/admin/queues/${script}`, { cookie })).status).toBe(200);
    expect((await get(`/admin/queues/${script}`)).status).toBe(401);

    // The page's own API calls and static files carry the same cookie.
    const api = await get('/admin/queues/api/queues', { cookie });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string; counts: object }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['escalation', 'notifications']);
    for (const q of body.queues) expect(q.counts).toEqual(expect.any(Object));

    const other = await get('/admin/queues/queue/escalation?token=' + tokens.thuky + '&x=1');
    expect(other.status).toBe(302);
    expect(other.headers.get('location')).toBe('/admin/queues/queue/escalation?x=1');
  });

  it('lists the schedulers, jobs and datastore of the backend', async () => {
    const headers = { authorization: `Bearer ${tokens.thuky}` };
    const schedulers = await get('/admin/queues/api/job-schedulers', headers);
    expect(schedulers.status).toBe(200);
    const text = await schedulers.text();
    expect(text).toContain('leadership-digest');
    expect(text).toContain('report-reminders');
    expect(text).toContain('escalation-reconcile');

    const jobs = await get(
      '/admin/queues/api/queues?activeQueue=escalation&status=latest&page=1&jobsPerPage=10',
      headers,
    );
    expect(jobs.status).toBe(200);
    const escalation = (
      (await jobs.json()) as { queues: { name: string; jobs: unknown[] }[] }
    ).queues.find((q) => q.name === 'escalation')!;
    expect(escalation.jobs.length).toBeGreaterThan(0);

    // Redis lists the workers' connections; BullMQ's PostgreSQL backend names them without an
    // address, which bull-board takes as "cannot tell": the workers panel stays empty there.
    const workers = await get('/admin/queues/api/queues/escalation/workers', headers);
    expect(workers.status).toBe(200);
    const { workers: listed } = (await workers.json()) as { workers: unknown[] | null };
    if (redisUrl) expect(listed!.length).toBeGreaterThan(0);
    else expect(listed).toBeNull();

    const stats = await get('/admin/queues/api/redis/stats', headers);
    expect(stats.status).toBe(200);
    // Without Redis INFO the board asks PostgreSQL instead.
    expect(await stats.json()).toMatchObject({
      backend: redisUrl ? 'redis' : 'postgres',
      version: expect.any(String),
    });
  });

  it('lets in a secretariat signed in to the web interface, and refuses leadership’s session', async () => {
    const secretariat = await WebClient.signedIn(t, 'thuky@demo.example');
    expect((await secretariat.get('/admin/queues')).status).toBe(200);
    const leadership = await WebClient.signedIn(t, 'lanhdao@demo.example');
    expect((await leadership.get('/admin/queues')).status).toBe(403);
    // The board's actions with the session cookie: only from the board's own origin, and only
    // for an admin (the secretariat reads).
    const admin = await WebClient.signedIn(t, 'admin@demo.example');
    const pause = (client: WebClient, origin?: string) =>
      fetch(new URL(`/admin/queues/api/queues/${QueueName.Escalation}/pause`, baseUrl), {
        method: 'PUT',
        headers: {
          cookie: `de_an_06_session=${client.cookie('de_an_06_session')}`,
          ...(origin ? { origin } : {}),
        },
      });
    expect((await pause(admin, 'https://evil.example')).status).toBe(403);
    expect((await pause(admin)).status).toBe(403);
    expect((await pause(secretariat, baseUrl.replace(/\/$/, ''))).status).toBe(403);
    expect((await pause(admin, baseUrl.replace(/\/$/, ''))).status).toBeLessThan(400);
    await t.app.get(QueueService).queue(QueueName.Escalation).resume();
    await secretariat.post('/dang-xuat', {});
    expect((await secretariat.get('/admin/queues')).status).toBe(401);
  });

  it('leaves the API and its guard as they were', async () => {
    const res = await t.request('GET', '/api/v1/pilots?limit=1', { token: tokens.thuky });
    expect(res.status).toBe(200);
    const anonymous = await t.request('GET', '/api/v1/notifications');
    expect(anonymous.status).toBe(401);
  });
});
