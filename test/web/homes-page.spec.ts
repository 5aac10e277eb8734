import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { TEST_PASSWORD } from '../support/database.js';
import { textOf, WebClient } from '../support/web.js';

const NOW = new Date('2024-01-15T03:00:00Z');

/** The markup of one list of the home page, by its `data-queue` key. */
function queue(html: string, key: string): string {
  const start = html.indexOf(`data-queue="${key}"`);
  if (start < 0) throw new Error(`no list ${key} on the page`);
  return html.slice(start, html.indexOf('</section>', start));
}

/** The number on a list's tile. */
function tile(html: string, key: string): number {
  const m = new RegExp(`data-count="${key}"[^>]*>\\s*<span class="value">(\\d+)</span>`).exec(html);
  if (!m) throw new Error(`no tile ${key}`);
  return Number(m[1]);
}

/** Every value of an attribute in a fragment, in order. */
const values = (html: string, attribute: string): string[] =>
  [...html.matchAll(new RegExp(`${attribute}="([^"]+)"`, 'g'))].map((m) => m[1]);

/** Where a browser lands after signing in with no page asked for: follows the redirects. */
async function landing(t: TestApp, email: string): Promise<string[]> {
  const web = await WebClient.of(t);
  await web.get('/dang-nhap');
  let res = await web.post('/dang-nhap', { email, password: TEST_PASSWORD });
  const hops: string[] = [];
  while (res.status === 303 && res.location && hops.length < 5) {
    hops.push(res.location);
    res = await web.get(res.location);
  }
  expect(res.status).toBe(200);
  return hops;
}

/*
 * Issue 16, item 1: each role's home. The secretariat's queue and an officer's dues are read
 * through the API as that user; each list is compared with what the API says, and an officer's
 * lists hold nothing of another agency's.
 */
describe('web: a home for each role (/viec-can-lam)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const api = async <T = any>(who: string, method: string, path: string, body?: unknown) => {
    const res = await t.request<T>(method, `/api/v1${path}`, { token: tokens[who], body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.raw}`);
    return res.body;
  };
  const allLetters = async (): Promise<any[]> =>
    (await api('thuky', 'GET', '/recommendations?limit=100')).items;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(NOW) });
    for (const who of ['thuky', 'syt', 'stnmt', 'lanhdao'])
      tokens[who] = await t.login(`${who}@demo.example`);
  });
  afterAll(() => t.close());

  it('lands each role on its home after sign-in', async () => {
    expect(await landing(t, 'thuky@demo.example')).toEqual(['/', '/viec-can-lam']);
    expect(await landing(t, 'syt@demo.example')).toEqual(['/', '/viec-can-lam']);
    expect(await landing(t, 'lanhdao@demo.example')).toEqual(['/', '/tong-quan']);
    expect(await landing(t, 'admin@demo.example')).toEqual(['/', '/mo-hinh']);
  });

  it('gives the secretariat and officers a header link to their home, not leadership', async () => {
    const thuky = await WebClient.signedIn(t, 'thuky@demo.example');
    const home = await thuky.get('/viec-can-lam');
    expect(home.html).toMatch(/<a href="\/viec-can-lam"\s+aria-current="page"\s*>Việc cần làm<\/a/);
    const board = await thuky.get('/mo-hinh');
    expect(board.html).toContain('href="/viec-can-lam"');

    const lanhdao = await WebClient.signedIn(t, 'lanhdao@demo.example');
    const overview = await lanhdao.get('/tong-quan');
    expect(overview.html).not.toContain('href="/viec-can-lam"');
    // Leadership's home is the overview: the address of the other homes leads there.
    const res = await lanhdao.get('/viec-can-lam');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/tong-quan');
  });

  it("lists the secretariat's overdue letters and those due soon, each a link to the letter", async () => {
    const letters = await allLetters();
    const owing = (a: any) => a.status === 'AWAITING' || a.status === 'ACKNOWLEDGED';
    const sent = letters.filter((r) => r.state === 'SENT');
    const overdue = sent.filter((r) => r.addressees.some((a: any) => owing(a) && a.overdue));
    const soon = sent.filter(
      (r) =>
        !overdue.includes(r) &&
        r.addressees.some(
          (a: any) =>
            owing(a) && !a.overdue && new Date(a.dueAt).getTime() <= NOW.getTime() + 7 * 86_400_000,
        ),
    );
    expect(overdue.length).toBeGreaterThan(0); // the seed's letters are long overdue
    const web = await WebClient.signedIn(t, 'thuky@demo.example');
    const page = (await web.get('/viec-can-lam')).html;
    const list = queue(page, 'qua-han');
    expect(new Set(values(list, 'data-letter'))).toEqual(new Set(overdue.map((r) => r.id)));
    for (const r of overdue) expect(list).toContain(`href="/kien-nghi/${r.id}"`);
    expect(textOf(list)).toContain('4338/SYT-TCHC');
    expect(tile(page, 'qua-han')).toBe(overdue.length);
    expect(new Set(values(queue(page, 'sap-den-han'), 'data-letter'))).toEqual(
      new Set(soon.map((r) => r.id)),
    );
    expect(tile(page, 'sap-den-han')).toBe(soon.length);
  });

  it("shows the secretariat an officer's request for a letter and an answer to read", async () => {
    const web = await WebClient.signedIn(t, 'thuky@demo.example');
    const before = (await web.get('/viec-can-lam')).html;
    const requestsBefore = tile(before, 'de-nghi');
    const answersBefore = tile(before, 'tra-loi');

    // An officer of SYT asks for a letter about pilot 6's CENTRAL blocker.
    const blockers = (await api('syt', 'GET', '/blockers?pilot=6&limit=100')).items as any[];
    const central = blockers.find((b) => b.authority === 'CENTRAL' && b.state !== 'RESOLVED');
    const request = await api('syt', 'POST', '/letter-requests', {
      blockerId: central.id,
      addresseeCode: 'BYT',
      question: 'Đề nghị Bộ Y tế hướng dẫn kết nối dữ liệu khám chữa bệnh với VNeID.',
      impact: 'Mô hình số 6 chưa thể mở rộng khi chưa có hướng dẫn.',
    });
    // A one-addressee letter is answered: it waits for the secretariat to close or reopen it.
    const single = (await allLetters()).find(
      (r) => r.state === 'SENT' && r.addressees.length === 1,
    );
    await api('thuky', 'POST', `/recommendations/${single.id}/responses`, {
      documentNumber: '15/BYT-CNTT',
      date: '2024-01-12',
      summary: 'Bộ đã có hướng dẫn.',
    });

    const after = (await web.get('/viec-can-lam')).html;
    expect(tile(after, 'de-nghi')).toBe(requestsBefore + 1);
    const requests = queue(after, 'de-nghi');
    expect(requests).toContain(`data-request="${request.id}"`);
    expect(textOf(requests)).toContain(central.title);
    expect(requests).toContain('href="/kien-nghi/de-nghi#de-nghi"');
    expect(tile(after, 'tra-loi')).toBe(answersBefore + 1);
    const answers = queue(after, 'tra-loi');
    expect(answers).toContain(`href="/kien-nghi/${single.id}"`);
    expect(textOf(answers)).toContain('Đã trả lời đủ, chờ đóng hoặc mở lại');
  });

  it('lists the unlocked periods still missing reports, with the count the overview gives', async () => {
    const web = await WebClient.signedIn(t, 'thuky@demo.example');
    const overview = await api('thuky', 'GET', '/reports/overview?period=2024-01');
    expect(overview.pilots.reportsMissing).toBeGreaterThan(0);
    const list = queue((await web.get('/viec-can-lam')).html, 'bao-cao-thieu');
    const item = list.slice(list.indexOf('data-period="2024-01"'));
    expect(textOf(item)).toContain(
      `Tháng 01/2024 (kỳ hiện tại): ${overview.pilots.reportsMissing} báo cáo còn thiếu`,
    );
    expect(item).toContain('href="/tong-quan?ky=2024-01#missing-title"');

    // A locked period is no longer listed.
    await api('thuky', 'POST', '/periods/2023-12/lock');
    const locked = queue((await web.get('/viec-can-lam')).html, 'bao-cao-thieu');
    expect(locked).not.toContain('data-period="2023-12"');
    await api('thuky', 'POST', '/periods/2023-12/unlock');
  });

  it("shows an officer only what their own agency owes: this month's reports, blockers, letters", async () => {
    const pilots = (await api('syt', 'GET', '/pilots?limit=100')).items as any[];
    const own = pilots.filter((p) => p.ledByUserAgency);
    expect(own.map((p) => p.number).sort()).toEqual([4, 6]);
    const web = await WebClient.signedIn(t, 'syt@demo.example');
    let page = (await web.get('/viec-can-lam')).html;

    const reports = queue(page, 'bao-cao-thieu');
    const owing = own.filter(
      (p) => !['COMPLETED', 'SUSPENDED'].includes(p.state) && p.lastReportPeriod !== '2024-01',
    );
    expect(values(reports, 'data-pilot').map(Number)).toEqual(owing.map((p) => p.number));
    for (const p of owing) expect(reports).toContain(`href="/mo-hinh/${p.number}#bao-cao"`);

    // Filing pilot 4's report takes it off the list.
    await api('syt', 'POST', '/pilots/4/reports', {
      period: '2024-01',
      progress: 'Đã kết nối 176/176 cơ sở khám chữa bệnh.',
    });
    page = (await web.get('/viec-can-lam')).html;
    expect(values(queue(page, 'bao-cao-thieu'), 'data-pilot')).not.toContain('4');

    // Blockers: exactly the open ones of SYT's pilots, each with who holds it now.
    const open = [
      ...(await api('syt', 'GET', '/blockers?state=OPEN&limit=100')).items,
      ...(await api('syt', 'GET', '/blockers?state=ESCALATED&limit=100')).items,
    ].filter((b: any) => [4, 6].includes(b.pilotNumber));
    expect(open.length).toBeGreaterThan(0);
    const blockers = queue(page, 'vuong-mac');
    expect(new Set(values(blockers, 'data-blocker'))).toEqual(new Set(open.map((b) => b.id)));
    expect(new Set(values(blockers, 'data-pilot'))).toEqual(
      new Set(open.map((b) => String(b.pilotNumber))),
    );
    expect(blockers).toMatch(/data-holder="(MINISTRY|SECRETARIAT|AGENCY)"/);
    expect(textOf(blockers)).toContain('Thẩm quyền Trung ương');

    // Letters: the overdue ones about SYT's pilots or sent by SYT (4338/SYT-TCHC), no other.
    const letters = await allLetters();
    const mine = letters.filter(
      (r) =>
        r.overdue &&
        (r.blockers.some((b: any) => [4, 6].includes(b.pilotNumber)) ||
          r.senderAgency?.code === 'SYT'),
    );
    const overdue = queue(page, 'qua-han');
    expect(new Set(values(overdue, 'data-letter'))).toEqual(new Set(mine.map((r) => r.id)));
    expect(textOf(overdue)).toContain('4338/SYT-TCHC');
    expect(textOf(overdue)).not.toContain('3829/STNMT');
    expect(overdue).toContain('href="/kien-nghi?state=QUA_HAN&amp;agency=SYT"');
  });

  it("never shows an officer another agency's pilots, blockers or letters", async () => {
    const syt = (await (await WebClient.signedIn(t, 'syt@demo.example')).get('/viec-can-lam')).html;
    const stnmt = (await (await WebClient.signedIn(t, 'stnmt@demo.example')).get('/viec-can-lam'))
      .html;
    for (const key of ['bao-cao-thieu', 'vuong-mac']) {
      expect(values(queue(syt, key), 'data-pilot').every((n) => ['4', '6'].includes(n))).toBe(true);
      expect(values(queue(stnmt, key), 'data-pilot').every((n) => n === '25')).toBe(true);
    }
    // Pilot 25's blocker waits on the ministry its letter 3829 went to: STNMT's, not SYT's.
    const blockers = queue(stnmt, 'vuong-mac');
    expect(blockers).toContain('data-pilot="25"');
    expect(blockers).toContain('data-holder="MINISTRY"');
    expect(textOf(queue(stnmt, 'qua-han'))).toContain('3829/STNMT');
    expect(textOf(syt)).not.toContain('3829/STNMT');
    expect(textOf(stnmt)).not.toContain('4338/SYT-TCHC');
  });
});
