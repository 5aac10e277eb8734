import { Writable } from 'node:stream';
import pg from 'pg';
import { FixedClock } from '../../src/common/clock.js';
import { redactAnswerPath } from '../../src/answer-links/answer-link-token.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  newAgency,
  newBlocker,
  newOfficer,
  newPilot,
  newSentRecommendation,
  newUser,
  type NewAgency,
  type NewRecommendation,
  type NewUser,
} from '../support/factories.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { textOf, WebClient } from '../support/web.js';

const DAY_MS = 86_400_000;
/** A small PDF, whole (it ends with %%EOF). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
/** A Windows executable under a PDF's name. */
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(400)]);

/**
 * The addressee's answer path (issue 12, item 2) against the real application: PostgreSQL,
 * the workers and a real SMTP server, on a frozen clock. Every request to the public pages comes
 * from an address of its own (X-Forwarded-For) unless a test is about the per-address limit.
 */
describe('answer links: the addressee answers without an account', () => {
  const clock = new FixedClock(new Date('2024-03-04T03:00:00Z')); // Monday 10:00 in Vietnam
  const log: string[] = [];
  let smtp: TestSmtpServer;
  let t: TestApp;
  let db: pg.Client;
  let secretariat: NewUser;
  let secretariatToken: string;
  let officer: NewUser;
  let otherOfficer: NewUser;
  let ministry: NewAgency;
  let secondMinistry: NewAgency;
  let letter: NewRecommendation;
  let otherLetter: NewRecommendation;
  let lastOctet = 1;
  const ip = () => `198.51.100.${lastOctet++}`;

  /** A request to the public pages as a browser without an account sends it. */
  async function open(
    method: 'GET' | 'POST',
    path: string,
    o: { ip?: string; cookie?: string; form?: Record<string, string>; body?: FormData } = {},
  ) {
    const res = await fetch(new URL(path, await t.app.getUrl()), {
      method,
      redirect: 'manual',
      headers: {
        accept: 'text/html',
        'x-forwarded-for': o.ip ?? ip(),
        ...(o.cookie ? { cookie: o.cookie } : {}),
        ...(o.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: o.form ? new URLSearchParams(o.form).toString() : o.body,
    });
    const html = await res.text();
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('de_an_06_answer='));
    return {
      status: res.status,
      html,
      headers: res.headers,
      cookie: setCookie?.split(';')[0],
      csrf: /name="_csrf" value="([^"]+)"/.exec(html)?.[1],
    };
  }

  /** The page of a link, with the cookie and form token a browser would keep. */
  async function session(token: string) {
    const page = await open('GET', `/tra-loi/${token}`);
    expect(page.status).toBe(200);
    return { cookie: page.cookie!, csrf: page.csrf! };
  }

  function answerForm(
    csrf: string,
    fields: Partial<Record<'documentNumber' | 'date' | 'summary', string>> = {},
    file: { name: string; bytes: Buffer } | null = { name: 'tra-loi.pdf', bytes: PDF },
  ): FormData {
    const form = new FormData();
    form.set('_csrf', csrf);
    form.set('documentNumber', fields.documentNumber ?? '1234/BXD-CNTT');
    form.set('date', fields.date ?? '01/03/2024');
    form.set(
      'summary',
      fields.summary ?? 'Bộ hướng dẫn kết nối dữ liệu theo Công văn số 1234/BXD-CNTT.',
    );
    if (file)
      form.set(
        'file',
        new Blob([new Uint8Array(file.bytes)], { type: 'application/pdf' }),
        file.name,
      );
    return form;
  }

  /** What a refused link must leave as it was. */
  async function snapshot() {
    const q = async (sql: string) => (await db.query(sql)).rows;
    return {
      responses: await q(`SELECT count(*)::int AS n FROM recommendation_response`),
      addressees: await q(
        `SELECT recommendation_id, agency_id, status, handled_by FROM recommendation_addressee
          ORDER BY recommendation_id, agency_id`,
      ),
      audit: await q(`SELECT count(*)::int AS n FROM audit_entry`),
      attachments: await q(`SELECT count(*)::int AS n FROM attachment`),
      links: await q(`SELECT * FROM answer_link ORDER BY id`),
      letters: await q(`SELECT id, state, version FROM recommendation ORDER BY id`),
    };
  }

  async function sendLink(r: NewRecommendation, code: string) {
    const before = smtp.received.length;
    const res = await t.request(
      'POST',
      `/api/v1/recommendations/${r.id}/addressees/${code}/answer-link`,
      { token: secretariatToken },
    );
    expect(res.status).toBe(202);
    await smtp.next(before + res.body.recipients.length);
    const mail = smtp.received.slice(before).find((m) => m.to.includes(res.body.recipients[0]))!;
    const token = /https:\/\/de-an-06\.test\/tra-loi\/([A-Za-z0-9._-]+)/.exec(
      mail.parsed.text ?? '',
    )![1];
    return { linkId: res.body.linkId as string, token, body: res.body, mail };
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        log.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    t = await startTestApp({ seed: false, clock, role: 'all', smtpUrl: smtp.url, logTo: sink });
    db = new pg.Client({ connectionString: t.database.url });
    await db.connect();
    secretariat = await newUser(t, { role: 'SECRETARIAT', name: 'Thư ký Nguyễn Thị Hoa' });
    secretariatToken = await t.login(secretariat.email);
    const department = await newAgency(t);
    officer = await newOfficer(t, department);
    otherOfficer = await newOfficer(t);
    ministry = await newAgency(t, { kind: 'MINISTRY', contactEmails: ['cntt@bxd.example'] });
    secondMinistry = await newAgency(t, { kind: 'MINISTRY', contactEmails: ['vp@btp.example'] });
    const pilot = await newPilot(t, { leadAgencies: [department] });
    const blocker = await newBlocker(t, {
      pilot,
      title: 'Chưa có hướng dẫn kết nối dữ liệu đất đai với VNeID',
    });
    letter = await newSentRecommendation(t, {
      blockers: [blocker],
      addresseeCodes: [ministry.code, secondMinistry.code],
      documentNumber: '5772/TCTĐA06-CAT',
      sentAt: new Date(clock.now().getTime() - 2 * DAY_MS),
    });
    otherLetter = await newSentRecommendation(t, { addresseeCodes: [ministry.code] });
  });

  afterAll(async () => {
    await db?.end();
    await t?.close();
    await smtp?.close();
  });

  it('the secretariat mails the addressee its link on demand; the live link is reused; the list has no token', async () => {
    const first = await sendLink(letter, ministry.code);
    expect(first.body).toEqual({
      linkId: expect.any(String),
      expiresAt: new Date(clock.now().getTime() + 60 * DAY_MS).toISOString(),
      recipients: ['cntt@bxd.example'],
    });
    expect(first.mail.parsed.subject).toContain('5772/TCTĐA06-CAT');
    expect(first.token.startsWith(`${first.linkId}.`)).toBe(true);
    const again = await sendLink(letter, ministry.code);
    expect(again.linkId).toBe(first.linkId);
    expect(again.token).toBe(first.token);

    const list = await t.request('GET', `/api/v1/recommendations/${letter.id}/answer-links`, {
      token: secretariatToken,
    });
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      expect.objectContaining({
        id: first.linkId,
        addresseeCode: ministry.code,
        state: 'LIVE',
        revokedAt: null,
        answeredAt: null,
        issuedByName: secretariat.name,
      }),
    ]);
    expect(list.raw).not.toContain(first.token.split('.')[1]);
    const stored = await db.query(`SELECT * FROM answer_link WHERE id = $1`, [first.linkId]);
    expect(JSON.stringify(stored.rows)).not.toContain(first.token.split('.')[1]);

    // Only the secretariat.
    const officerToken = await t.login(officer.email);
    for (const [method, path] of [
      ['GET', `/api/v1/recommendations/${letter.id}/answer-links`],
      ['POST', `/api/v1/recommendations/${letter.id}/addressees/${ministry.code}/answer-link`],
      ['POST', `/api/v1/answer-links/${first.linkId}/revoke`],
    ])
      expect((await t.request(method, path, { token: officerToken })).body).toMatchObject({
        statusCode: 403,
        code: 'FORBIDDEN',
      });
  });

  it('refuses a forged link and a link signed for another letter with a page, and changes nothing', async () => {
    const { token } = await sendLink(letter, ministry.code);
    const other = await sendLink(otherLetter, ministry.code);
    const [id, mac] = token.split('.');
    const flipped = `${id}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    const swapped = `${id}.${other.token.split('.')[1]}`;
    const before = await snapshot();
    for (const bad of [flipped, swapped, 'khong-phai-lien-ket', `${other.linkId}.${mac}`]) {
      const page = await open('GET', `/tra-loi/${bad}`);
      expect(page.status).toBe(404);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.html).toContain('Liên kết không hợp lệ');
      const post = await open('POST', `/tra-loi/${bad}/xac-nhan`, {
        form: { handledBy: 'Kẻ mạo danh' },
      });
      expect(post.status).toBe(404);
      const answer = await open('POST', `/tra-loi/${bad}/tra-loi`, { body: answerForm('x') });
      expect(answer.status).toBe(404);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('acknowledges receipt through a valid link, with the form token; without it nothing changes', async () => {
    const { token } = await sendLink(letter, ministry.code);
    const page = await open('GET', `/tra-loi/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    for (const text of [
      '5772/TCTĐA06-CAT',
      ministry.name,
      'Chưa có hướng dẫn kết nối dữ liệu đất đai với VNeID',
      'Chờ trả lời',
      'Hạn trả lời',
    ])
      expect(page.html).toContain(text);

    const before = await snapshot();
    const forged = await open('POST', `/tra-loi/${token}/xac-nhan`, {
      cookie: page.cookie,
      form: { _csrf: 'x'.repeat(43), handledBy: 'Cục CNTT' },
    });
    expect(forged.status).toBe(403);
    const elsewhere = await open('POST', `/tra-loi/${token}/xac-nhan`, {
      form: { _csrf: page.csrf!, handledBy: 'Cục CNTT' },
    });
    expect(elsewhere.status).toBe(403);
    expect((await snapshot()).addressees).toEqual(before.addressees);

    const ack = await open('POST', `/tra-loi/${token}/xac-nhan`, {
      cookie: page.cookie,
      form: { _csrf: page.csrf!, handledBy: 'Cục Công nghệ thông tin – ông Trần Văn Nam' },
    });
    expect(ack.status).toBe(303);
    const [row] = (
      await db.query(
        `SELECT status, handled_by FROM recommendation_addressee
          WHERE recommendation_id = $1 AND agency_id = $2`,
        [letter.id, ministry.id],
      )
    ).rows;
    expect(row).toEqual({
      status: 'ACKNOWLEDGED',
      handled_by: 'Cục Công nghệ thông tin – ông Trần Văn Nam',
    });
    const audit = await db.query(
      `SELECT actor_email, after FROM audit_entry WHERE entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [letter.id],
    );
    expect(audit.rows[0].actor_email).toMatch(/^addressee-link:/);
    expect(JSON.stringify(audit.rows[0].after)).toContain('ADDRESSEE_LINK');
    const shown = await open('GET', `/tra-loi/${token}?da=xac-nhan`, { cookie: page.cookie });
    expect(shown.html).toContain('Đã ghi nhận quý cơ quan nhận được văn bản');
  });

  it('refuses an expired link (frozen clock) with a page, and changes nothing', async () => {
    const { token } = await sendLink(letter, secondMinistry.code);
    const { cookie, csrf } = await session(token);
    const now = clock.now();
    clock.set(new Date(now.getTime() + 61 * DAY_MS));
    try {
      const before = await snapshot();
      const page = await open('GET', `/tra-loi/${token}`, { cookie });
      expect(page.status).toBe(410);
      expect(page.html).toContain('Liên kết đã hết hạn');
      expect(
        (
          await open('POST', `/tra-loi/${token}/xac-nhan`, {
            cookie,
            form: { _csrf: csrf, handledBy: 'Văn phòng Bộ' },
          })
        ).status,
      ).toBe(410);
      expect(
        (await open('POST', `/tra-loi/${token}/tra-loi`, { cookie, body: answerForm(csrf) }))
          .status,
      ).toBe(410);
      expect(await snapshot()).toEqual(before);
    } finally {
      clock.set(now);
    }
  });

  it('refuses a revoked link with a page, and changes nothing; the next one sent is a new link', async () => {
    const { token, linkId } = await sendLink(letter, secondMinistry.code);
    const { cookie, csrf } = await session(token);
    const revoked = await t.request('POST', `/api/v1/answer-links/${linkId}/revoke`, {
      token: secretariatToken,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      id: linkId,
      state: 'REVOKED',
      revokedByName: secretariat.name,
    });
    const before = await snapshot();
    const page = await open('GET', `/tra-loi/${token}`, { cookie });
    expect(page.status).toBe(410);
    expect(page.html).toContain('Liên kết đã bị thu hồi');
    expect(
      (await open('POST', `/tra-loi/${token}/tra-loi`, { cookie, body: answerForm(csrf) })).status,
    ).toBe(410);
    expect(await snapshot()).toEqual(before);
    const next = await sendLink(letter, secondMinistry.code);
    expect(next.linkId).not.toBe(linkId);
  });

  it('refuses a file that is not a PDF and a form with blanks, keeping what was typed; nothing changes', async () => {
    const { token } = await sendLink(letter, ministry.code);
    const { cookie, csrf } = await session(token);
    const before = await snapshot();
    const exe = await open('POST', `/tra-loi/${token}/tra-loi`, {
      cookie,
      body: answerForm(csrf, {}, { name: 'tra-loi.pdf', bytes: EXE }),
    });
    expect(exe.status).toBe(415);
    expect(exe.html).toContain('phải là tệp PDF');
    expect(exe.html).toContain('1234/BXD-CNTT');
    const blank = await open('POST', `/tra-loi/${token}/tra-loi`, {
      cookie,
      body: answerForm(csrf, { documentNumber: ' ', date: '31/02/2024' }, null),
    });
    expect(blank.status).toBe(400);
    expect(blank.html).toContain('Xin ghi số, ký hiệu văn bản.');
    expect(blank.html).toContain('Xin đính kèm tệp PDF');
    const forged = await open('POST', `/tra-loi/${token}/tra-loi`, {
      cookie,
      body: answerForm('y'.repeat(43)),
    });
    expect(forged.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('records the answer with its PDF, marks the link used, and mails the secretariat and the pilot’s officers', async () => {
    const { token, linkId } = await sendLink(letter, ministry.code);
    const { cookie, csrf } = await session(token);
    const mailsBefore = smtp.received.length;
    const done = await open('POST', `/tra-loi/${token}/tra-loi`, {
      cookie,
      body: answerForm(csrf),
    });
    expect(done.status).toBe(200);
    expect(done.html).toContain('Đã nhận văn bản trả lời');

    const responses = await db.query(
      `SELECT id, channel, document_number, to_char(date, 'YYYY-MM-DD') AS date, addressee_agency_id
         FROM recommendation_response WHERE recommendation_id = $1`,
      [letter.id],
    );
    expect(responses.rows).toEqual([
      {
        id: expect.any(String),
        channel: 'ADDRESSEE_LINK',
        document_number: '1234/BXD-CNTT',
        date: '2024-03-01',
        addressee_agency_id: ministry.id,
      },
    ]);
    const responseId = responses.rows[0].id as string;
    const files = await t.request(
      'GET',
      `/api/v1/recommendations/${letter.id}/responses/${responseId}/attachments`,
      { token: secretariatToken },
    );
    expect(files.body).toEqual([expect.objectContaining({ contentType: 'application/pdf' })]);
    const download = await fetch(new URL(files.body[0].downloadUrl, await t.app.getUrl()), {
      headers: { authorization: `Bearer ${secretariatToken}` },
    });
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    const statuses = await db.query(
      `SELECT agency_id, status FROM recommendation_addressee WHERE recommendation_id = $1`,
      [letter.id],
    );
    expect(Object.fromEntries(statuses.rows.map((r) => [r.agency_id, r.status]))).toEqual({
      [ministry.id]: 'ANSWERED',
      [secondMinistry.id]: 'AWAITING',
    });
    // The other addressee still owes its answer: the letter stays SENT.
    expect(
      (await db.query(`SELECT state FROM recommendation WHERE id = $1`, [letter.id])).rows[0].state,
    ).toBe('SENT');
    const link = await db.query(`SELECT answered_at FROM answer_link WHERE id = $1`, [linkId]);
    expect(link.rows[0].answered_at).toEqual(clock.now());

    // Every secretariat account (the factories' own too) and the lead agency's officer.
    const secretariats = (
      await db.query(
        `SELECT email FROM app_user WHERE role = 'SECRETARIAT' AND disabled_at IS NULL`,
      )
    ).rows.map((r: { email: string }) => r.email);
    expect(secretariats).toContain(secretariat.email);
    await smtp.next(mailsBefore + secretariats.length + 1);
    await new Promise((r) => setTimeout(r, 300));
    const told = smtp.received.slice(mailsBefore);
    const to = told.flatMap((m) => m.to).sort();
    expect(to).toEqual([officer.email, ...secretariats].sort());
    expect(to).not.toContain(otherOfficer.email);
    const mail = told[0].parsed;
    expect(mail.subject).toBe(
      `${ministry.name} đã trả lời kiến nghị – Văn bản số 5772/TCTĐA06-CAT ngày ${letterDay()}`,
    );
    expect(mail.text).toContain('1234/BXD-CNTT');
    expect(mail.text).toContain(`https://de-an-06.test/kien-nghi/${letter.id}`);
    const kinds = await db.query(
      `SELECT DISTINCT kind FROM notification WHERE recipient_email = ANY($1)`,
      [[officer.email]],
    );
    expect(kinds.rows).toEqual([{ kind: 'ADDRESSEE_ANSWER' }]);
  });

  it('refuses a replayed link (answer recorded through it) and a link whose addressee no longer owes an answer', async () => {
    const [used] = (
      await db.query(
        `SELECT id FROM answer_link WHERE recommendation_id = $1 AND agency_id = $2 AND answered_at IS NOT NULL`,
        [letter.id, ministry.id],
      )
    ).rows as { id: string }[];
    const usedToken = (await sendMailToken(used.id))!;
    const before = await snapshot();
    const replay = await open('GET', `/tra-loi/${usedToken}`);
    expect(replay.status).toBe(410);
    expect(replay.html).toContain('Văn bản trả lời đã được ghi nhận');
    expect(
      (await open('POST', `/tra-loi/${usedToken}/tra-loi`, { body: answerForm('z') })).status,
    ).toBe(410);
    expect(await snapshot()).toEqual(before);

    // The secretariat records the second ministry's answer: its link no longer opens.
    const { token } = await sendLink(letter, secondMinistry.code);
    const { cookie, csrf } = await session(token);
    const recorded = await t.request('POST', `/api/v1/recommendations/${letter.id}/responses`, {
      token: secretariatToken,
      body: {
        addresseeCode: secondMinistry.code,
        documentNumber: '88/BTP-VP',
        date: '2024-03-02',
        summary: 'Bộ Tư pháp trả lời bằng văn bản giấy.',
      },
    });
    expect(recorded.status).toBeLessThan(300);
    const after = await snapshot();
    const page = await open('GET', `/tra-loi/${token}`, { cookie });
    expect(page.status).toBe(410);
    expect(page.html).toContain('không còn chờ quý cơ quan trả lời');
    expect(
      (await open('POST', `/tra-loi/${token}/tra-loi`, { cookie, body: answerForm(csrf) })).status,
    ).toBe(410);
    expect(await snapshot()).toEqual(after);
    // On demand too: nothing to send.
    const refused = await t.request(
      'POST',
      `/api/v1/recommendations/${letter.id}/addressees/${secondMinistry.code}/answer-link`,
      { token: secretariatToken },
    );
    expect(refused.body).toMatchObject({ statusCode: 409, code: 'CONFLICT' });
  });

  it('answers 429 with a page past the limits, per link and per address', async () => {
    const { token } = await sendLink(otherLetter, ministry.code);
    let last = 0;
    for (let i = 0; i < 31; i++) last = (await open('GET', `/tra-loi/${token}`)).status;
    expect(last).toBe(429);
    const throttled = await open('GET', `/tra-loi/${token}`);
    expect(throttled.status).toBe(429);
    expect(throttled.html).toContain('Quá nhiều yêu cầu');
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);

    const address = ip();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++)
      statuses.push((await open('GET', `/tra-loi/gia-mao-${i}`, { ip: address })).status);
    expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    expect(statuses[60]).toBe(429);
  });

  it('the letter page has a "Liên kết trả lời" section for the secretariat: send the link, revoke it', async () => {
    const web = await WebClient.signedIn(t, secretariat.email);
    const letterPage = await web.get(`/kien-nghi/${otherLetter.id}`);
    expect(letterPage.status).toBe(200);
    expect(letterPage.html).toContain(`hx-get="/kien-nghi/${otherLetter.id}/lien-ket-tra-loi"`);
    const section = await web.get(`/kien-nghi/${otherLetter.id}/lien-ket-tra-loi`, {
      'hx-request': 'true',
    });
    expect(section.status).toBe(200);
    expect(textOf(section.html)).toContain(`Gửi liên kết trả lời cho ${ministry.name}`);
    expect(textOf(section.html)).toContain('Còn hiệu lực');
    const before = smtp.received.length;
    const sent = await web.post(
      `/kien-nghi/${otherLetter.id}/lien-ket-tra-loi/${ministry.code}/gui`,
      {},
    );
    expect(sent.status).toBe(303);
    await smtp.next(before + 1);
    expect(textOf((await web.follow(sent)).html)).toContain(
      'Đã gửi liên kết trả lời đến cntt@bxd.example',
    );
    const [live] = (
      await db.query(
        `SELECT id FROM answer_link WHERE recommendation_id = $1 AND revoked_at IS NULL AND answered_at IS NULL`,
        [otherLetter.id],
      )
    ).rows as { id: string }[];
    const revoked = await web.post(
      `/kien-nghi/${otherLetter.id}/lien-ket-tra-loi/${live.id}/thu-hoi`,
      {},
    );
    expect(revoked.status).toBe(303);
    expect(textOf((await web.follow(revoked)).html)).toContain('Đã thu hồi liên kết trả lời');
    const after = await web.get(`/kien-nghi/${otherLetter.id}/lien-ket-tra-loi`);
    expect(textOf(after.html)).toContain('Đã thu hồi');
    // Not for an officer.
    const officerWeb = await WebClient.signedIn(t, officer.email);
    expect((await officerWeb.get(`/kien-nghi/${otherLetter.id}/lien-ket-tra-loi`)).status).toBe(
      403,
    );
    expect((await officerWeb.get(`/kien-nghi/${otherLetter.id}`)).html).not.toContain(
      'lien-ket-tra-loi',
    );
  });

  it('never writes a token in the log: paths are cut to the link id', async () => {
    const { token, linkId } = await sendLink(otherLetter, ministry.code);
    await open('GET', `/tra-loi/${token}`, { ip: ip() }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    const all = log.join('\n');
    const macs = (await db.query(`SELECT id FROM answer_link`)).rows.map(
      (r: { id: string }) => r.id,
    );
    expect(macs.length).toBeGreaterThan(2);
    expect(all).toContain(`/tra-loi/${linkId}.…`);
    expect(all).not.toContain(token);
    expect(all).not.toContain(token.split('.')[1]);
    for (const line of log) expect(line).not.toMatch(/\/tra-loi\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{10}/);
    expect(redactAnswerPath(`/tra-loi/${token}?a=1`)).toBe(`/tra-loi/${linkId}.…?a=1`);
  });

  it('records one answer when the same link is sent twice at once; the other gets the used-link page', async () => {
    const { token } = await sendLink(otherLetter, ministry.code);
    const { cookie, csrf } = await session(token);
    const before = (await snapshot()).responses[0].n as number;
    const [a, b] = await Promise.all(
      [1, 2].map(() =>
        open('POST', `/tra-loi/${token}/tra-loi`, { cookie, body: answerForm(csrf) }),
      ),
    );
    expect([a.status, b.status].sort()).toEqual([200, 410]);
    expect((await snapshot()).responses[0].n).toBe(before + 1);
    const files = await db.query(
      `SELECT count(*)::int AS n FROM attachment a JOIN recommendation_response r ON r.id = a.response_id
        WHERE r.recommendation_id = $1`,
      [otherLetter.id],
    );
    expect(files.rows[0].n).toBe(1);
  });

  it('the secretariat sets how long new links are valid; links already sent keep theirs', async () => {
    const path = '/api/v1/answer-links/settings';
    expect((await t.request('GET', path, { token: secretariatToken })).body).toEqual({
      validDays: 60,
      version: 0,
    });
    const officerToken = await t.login(officer.email);
    expect(
      (await t.request('PUT', path, { token: officerToken, body: { validDays: 30, version: 0 } }))
        .status,
    ).toBe(403);
    expect(
      (
        await t.request('PUT', path, {
          token: secretariatToken,
          body: { validDays: 0, version: 0 },
        })
      ).body,
    ).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    const set = await t.request('PUT', path, {
      token: secretariatToken,
      body: { validDays: 30, version: 0 },
    });
    expect(set.body).toEqual({ validDays: 30, version: 1 });
    expect(
      (
        await t.request('PUT', path, {
          token: secretariatToken,
          body: { validDays: 20, version: 0 },
        })
      ).body,
    ).toMatchObject({ statusCode: 409, code: 'VERSION_CONFLICT' });
    const fresh = await newSentRecommendation(t, { addresseeCodes: [secondMinistry.code] });
    const sent = await sendLink(fresh, secondMinistry.code);
    expect(sent.body.expiresAt).toBe(new Date(clock.now().getTime() + 30 * DAY_MS).toISOString());
    const audit = await db.query(
      `SELECT before, after FROM audit_entry WHERE action = 'answerLinks.validDays'`,
    );
    expect(audit.rows).toEqual([{ before: { validDays: 60 }, after: { validDays: 30 } }]);
  });

  /** The letter's date as the mails write it. */
  function letterDay(): string {
    const [y, m, d] = new Date(clock.now().getTime() - 2 * DAY_MS + 7 * 3600_000)
      .toISOString()
      .slice(0, 10)
      .split('-');
    return `${d}/${m}/${y}`;
  }

  /** The token of a link, as the mails carried it. */
  async function sendMailToken(linkId: string): Promise<string | undefined> {
    for (const m of smtp.received) {
      const found = new RegExp(`/tra-loi/(${linkId}\\.[A-Za-z0-9_-]+)`).exec(m.parsed.text ?? '');
      if (found) return found[1];
    }
    return undefined;
  }
});
