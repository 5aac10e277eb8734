import { startTestApp, type TestApp } from '../support/app.js';
import { WebClient } from '../support/web.js';

/**
 * Every form of the interface, posted the ways a browser never would: the same field twice,
 * objects and arrays in JSON, a body that is not a form, far too much text. Each answer is a
 * 4xx page, never a 500, and nothing the API holds has changed.
 */
describe('web interface: malformed form posts', () => {
  let app: TestApp;
  let web: WebClient;
  let token: string;
  const ids: Record<string, string> = {};

  /** What the API holds, read as the secretariat. */
  const state = async () => {
    const read = async (path: string) => (await app.request('GET', path, { token })).raw;
    return Promise.all(
      [
        '/api/v1/pilots?limit=100',
        '/api/v1/recommendations?limit=100',
        '/api/v1/blockers?limit=100',
        '/api/v1/escalation-policy',
        '/api/v1/calendar/adjustments?year=2026',
        '/api/v1/agencies?limit=100',
        '/api/v1/periods',
        '/api/v1/pilots/6/reports',
      ].map(read),
    );
  };

  beforeAll(async () => {
    app = await startTestApp();
    token = await app.login('thuky@demo.example');
    web = await WebClient.signedIn(app, 'thuky@demo.example');
    const blockers = (await app.request('GET', '/api/v1/blockers?pilot=6', { token })).body.items;
    ids.blocker = blockers[0].id;
    const letters = (await app.request('GET', '/api/v1/recommendations?limit=1', { token })).body
      .items;
    ids.letter = letters[0].id;
  });
  afterAll(() => app?.close());

  const forms = () => [
    '/mo-hinh/6/chuyen-trang-thai',
    '/mo-hinh/6/bao-cao',
    '/mo-hinh/6/vuong-mac',
    `/vuong-mac/${ids.blocker}/giai-quyet`,
    `/vuong-mac/${ids.blocker}/rut`,
    '/kien-nghi',
    ...['gui', 'tra-loi', 'dong', 'rut', 'mo-lai'].map((a) => `/kien-nghi/${ids.letter}/${a}`),
    '/cai-dat/don-doc',
    '/cai-dat/lich-lam-viec',
    '/cai-dat/don-vi/BYT',
    '/cai-dat/nguoi-dung',
  ];

  it('answers every form with a 4xx page and changes nothing', async () => {
    const before = await state();
    const csrf = { 'x-csrf-token': web.csrf! };
    const variants: { name: string; send: (path: string) => Promise<number> }[] = [
      {
        // The first of each is read (as browsers' form parsers do); the version is stale.
        name: 'every field twice',
        send: async (path) =>
          (
            await web.post(path, {
              to: ['SUSPENDED', 'OPERATING'],
              reason: ['một', 'hai'],
              version: ['999', '998'],
              period: ['2024-01', '2024-02'],
              progress: ['a', 'b'],
              title: ['a', 'b'],
              summary: ['a', 'b'],
              addresseeCodes: ['BYT', 'BYT'],
              documentNumber: ['1', '2'],
              date: ['01/01/2024', '02/01/2024'],
              day: ['01/01/2026', '02/01/2026'],
              contactEmails: ['a@b.vn', 'c@d.vn'],
              responseWorkingDays: ['1', '2'],
              email: ['a@b.vn', 'c@d.vn'],
            })
          ).status,
      },
      {
        name: 'JSON with objects where text goes',
        send: async (path) =>
          (
            await web.post(path, {}, { csrf: false, headers: csrf }).then(() =>
              fetch(new URL(path, web.baseUrl), {
                method: 'POST',
                redirect: 'manual',
                headers: {
                  ...csrf,
                  'content-type': 'application/json',
                  cookie: `de_an_06_session=${web.cookie('de_an_06_session')}`,
                },
                body: JSON.stringify({
                  to: { $ne: null },
                  reason: ['x'],
                  version: { n: 1 },
                  levels: 'all',
                  summary: 42,
                }),
              }),
            )
          ).status,
      },
      {
        name: 'a body that is not a form',
        send: async (path) =>
          (
            await fetch(new URL(path, web.baseUrl), {
              method: 'POST',
              redirect: 'manual',
              headers: {
                ...csrf,
                'content-type': 'text/plain',
                cookie: `de_an_06_session=${web.cookie('de_an_06_session')}`,
              },
              body: 'to=SUSPENDED',
            })
          ).status,
      },
      {
        name: 'two megabytes of text',
        send: async (path) => (await web.post(path, { reason: 'ạ'.repeat(700_000) })).status,
      },
    ];
    for (const path of forms()) {
      for (const v of variants) {
        const status = await v.send(path);
        expect([path, v.name, status >= 400 && status < 500 ? '4xx' : status]).toEqual([
          path,
          v.name,
          '4xx',
        ]);
      }
    }
    expect(await state()).toEqual(before);
    // The session survived all of it.
    expect((await web.get('/mo-hinh')).status).toBe(200);
  });
});
