import { randomUUID } from 'node:crypto';
import { QUEUE_DASHBOARD_COOKIE } from '../../src/web/queue-dashboard.js';
import { QueueName } from '../../src/queue/queue-names.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { WebClient } from '../support/web.js';

// Issue 10 §8: who may read and who may act on the board, by which credential, and what the
// board's pages may load. The rules do not depend on the queue backend: PostgreSQL only here.
describe('Bull Board access rules', () => {
  let t: TestApp;
  let baseUrl: string;
  let origin: string;
  const tokens: Record<string, string> = {};

  const board = (
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: unknown,
  ) =>
    fetch(new URL(path, baseUrl), {
      method,
      redirect: 'manual',
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  const bearer = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  const escalation = () => t.app.get(QueueService).queue(QueueName.Escalation);

  /** An admin account of its own, so its password can change without touching the others. */
  async function freshAdmin(): Promise<{ id: string; email: string; token: string }> {
    const email = `quan-tri-${randomUUID().slice(0, 8)}@khanhhoa.example`;
    const created = await t.request('POST', '/api/v1/users', {
      token: tokens.admin,
      body: { email, name: 'Quản trị thử', role: 'ADMIN', password: 'mat-khau-quan-tri-1' },
    });
    expect(created.status).toBe(201);
    return { id: created.body.id, email, token: await t.login(email, 'mat-khau-quan-tri-1') };
  }

  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = await t.app.getUrl();
    origin = baseUrl.replace(/\/$/, '');
    for (const who of ['thuky', 'admin']) tokens[who] = await t.login(`${who}@demo.example`);
  });
  afterAll(() => t.close());

  it('refuses a token issued before its user’s password changed, as the API does', async () => {
    const account = await freshAdmin();
    const handOver = await board('GET', `/admin/queues?token=${account.token}`);
    expect(handOver.status).toBe(302);
    const cookie = handOver.headers.get('set-cookie')!.split(';')[0];
    expect((await board('GET', '/admin/queues/api/queues', { cookie })).status).toBe(200);

    // Tokens carry `iat` in whole seconds: the change must fall in a later second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const user = await t.request('GET', `/api/v1/users/${account.id}`, { token: tokens.admin });
    const changed = await t.request('PATCH', `/api/v1/users/${account.id}`, {
      token: tokens.admin,
      body: { version: user.body.version, password: 'mat-khau-da-doi-2' },
    });
    expect(changed.status).toBe(200);

    const api = await t.request('GET', '/api/v1/pilots?limit=1', { token: account.token });
    expect(api.status).toBe(401);
    const header = { authorization: `Bearer ${account.token}` };
    for (const res of [
      await board('GET', '/admin/queues', header),
      await board('GET', '/admin/queues/api/queues', { cookie }),
      await board('GET', `/admin/queues?token=${account.token}`),
      await board('PUT', `/admin/queues/api/queues/${QueueName.Escalation}/pause`, header),
      await board('PUT', `/admin/queues/api/queues/${QueueName.Escalation}/pause`, {
        cookie,
        origin,
      }),
    ]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    }
    expect(await escalation().isPaused()).toBe(false);
  });

  it('takes no write through the board cookie from another site', async () => {
    const handOver = await board('GET', `/admin/queues?token=${tokens.admin}`);
    const cookie = handOver.headers.get('set-cookie')!.split(';')[0];
    const pause = (headers: Record<string, string>) =>
      board('PUT', `/admin/queues/api/queues/${QueueName.Escalation}/pause`, {
        cookie,
        ...headers,
      });
    expect((await pause({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await pause({ origin: 'null' })).status).toBe(403);
    expect((await pause({})).status).toBe(403);
    expect(await escalation().isPaused()).toBe(false);
    expect((await pause({ origin })).status).toBe(200);
    expect(await escalation().isPaused()).toBe(true);
    await escalation().resume();
  });

  it('lets the secretariat read everything and change nothing; the admin may act', async () => {
    const q = QueueName.Escalation;
    const writes: [string, string, unknown?][] = [
      ['PUT', `/admin/queues/api/queues/${q}/pause`],
      ['PUT', `/admin/queues/api/queues/${q}/resume`],
      ['PUT', '/admin/queues/api/queues/pause'],
      ['PUT', `/admin/queues/api/queues/${q}/empty`],
      ['PUT', `/admin/queues/api/queues/${q}/clean/completed`],
      ['PUT', `/admin/queues/api/queues/${q}/retry/failed`],
      ['PUT', `/admin/queues/api/queues/${q}/promote`],
      ['PUT', `/admin/queues/api/queues/${q}/obliterate`],
      ['POST', `/admin/queues/api/queues/${q}/add`, { name: 'x', data: {} }],
      ['PATCH', `/admin/queues/api/queues/${q}/some-job/update-data`, { jobData: {} }],
      ['PUT', `/admin/queues/api/queues/${q}/some-job/remove-unprocessed-children`],
    ];
    const before = await escalation().getJobCounts();
    for (const [method, path, body] of writes) {
      const res = await board(method, path, bearer('thuky'), body);
      expect([method, path, res.status]).toEqual([method, path, 403]);
      expect(await res.json()).toEqual({
        statusCode: 403,
        code: 'FORBIDDEN',
        message: 'Chỉ quản trị mới được thay đổi hàng đợi; thư ký chỉ được xem bảng theo dõi.',
      });
    }
    // The same through the web session, from the board's own page.
    const secretariat = await WebClient.signedIn(t, 'thuky@demo.example');
    const session = { cookie: `de_an_06_session=${secretariat.cookie('de_an_06_session')}` };
    const viaSession = await board('PUT', `/admin/queues/api/queues/${q}/pause`, {
      ...session,
      origin,
    });
    expect(viaSession.status).toBe(403);
    expect(await escalation().isPaused()).toBe(false);
    expect(await escalation().getJobCounts()).toEqual(before);

    for (const path of [
      '/admin/queues',
      '/admin/queues/api/queues',
      '/admin/queues/api/job-schedulers',
      `/admin/queues/api/queues/${q}/workers`,
      '/admin/queues/api/redis/stats',
    ]) {
      expect([path, (await board('GET', path, bearer('thuky'))).status]).toEqual([path, 200]);
    }
    // The page shows the secretariat no buttons it could not use.
    const queues = (await (await board('GET', '/admin/queues/api/queues', session)).json()) as {
      queues: { readOnlyMode: boolean; allowRetries: boolean }[];
    };
    for (const queue of queues.queues)
      expect(queue).toMatchObject({ readOnlyMode: true, allowRetries: false });
    const adminView = (await (
      await board('GET', '/admin/queues/api/queues', bearer('admin'))
    ).json()) as { queues: { readOnlyMode: boolean }[] };
    for (const queue of adminView.queues) expect(queue.readOnlyMode).toBe(false);

    const paused = await board('PUT', `/admin/queues/api/queues/${q}/pause`, bearer('admin'));
    expect(paused.status).toBe(200);
    expect(await escalation().isPaused()).toBe(true);
    const resumed = await board('PUT', `/admin/queues/api/queues/${q}/resume`, bearer('admin'));
    expect(resumed.status).toBe(200);
    expect(await escalation().isPaused()).toBe(false);
  });

  it('serves the board with the service’s security headers and nothing from outside', async () => {
    const page = await board('GET', '/admin/queues', bearer('thuky'));
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("font-src 'self'");
    expect(csp).not.toMatch(/https?:|\*/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).not.toContain('fonts.googleapis.com');
    // Every address the page loads is of this site.
    const loaded = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(loaded.length).toBeGreaterThan(2);
    for (const address of loaded) expect(address).not.toMatch(/^(?:[a-z]+:)?\/\//i);

    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(html)![1];
    const asset = await board('GET', `/admin/queues/${script}`, bearer('thuky'));
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    expect(asset.headers.get('content-security-policy')).toBe(csp);
    const api = await board('GET', '/admin/queues/api/queues', bearer('thuky'));
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends a browser to sign in to the web first, and prefers its session to ?token=', async () => {
    const anonymous = await board('GET', '/admin/queues/queue/escalation', {
      accept: 'text/html,application/xhtml+xml',
    });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(
      `/dang-nhap?tiep=${encodeURIComponent('/admin/queues/queue/escalation')}`,
    );

    const secretariat = await WebClient.signedIn(t, 'thuky@demo.example');
    const withToken = await secretariat.get(`/admin/queues?token=${tokens.admin}`);
    expect(withToken.status).toBe(302);
    expect(withToken.location).toBe('/admin/queues');
    expect(withToken.headers.get('set-cookie')).toBeNull();
    // The session decides who is asking: the secretariat, not the admin of the token.
    const res = await fetch(
      new URL(`/admin/queues/api/queues/${QueueName.Escalation}/pause`, baseUrl),
      {
        method: 'PUT',
        headers: {
          cookie: `de_an_06_session=${secretariat.cookie('de_an_06_session')}; ${QUEUE_DASHBOARD_COOKIE}=${tokens.admin}`,
          origin,
        },
      },
    );
    expect(res.status).toBe(403);
  });
});
