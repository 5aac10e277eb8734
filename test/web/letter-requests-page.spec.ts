import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  newAgency,
  newBlocker,
  newOfficer,
  newPilot,
  newUser,
  type NewAgency,
  type NewBlocker,
  type NewPilot,
  type NewUser,
} from '../support/factories.js';
import { textOf, WebClient } from '../support/web.js';

/** The markup of one blocker's section of the letter-requests card on a pilot's page. */
function requestSection(html: string, blockerId: string): string {
  const start = html.indexOf(`id="de-nghi-${blockerId}"`);
  if (start < 0) return '';
  const end = html.indexOf('data-blocker=', html.indexOf('data-blocker=', start) + 1);
  return html.slice(start, end < 0 ? undefined : end);
}

/** The markup of one item of the queue page (a request or an uncovered blocker). */
function queueItem(html: string, attribute: string, id: string): string {
  const start = html.indexOf(`${attribute}="${id}"`);
  if (start < 0) return '';
  const end = html.indexOf('class="queue-item"', start);
  return html.slice(start, end < 0 ? undefined : end);
}

/*
 * Issue 12, item 6, through the web: the officer asks from the pilot's page, the secretariat
 * acts from the queue "Đề nghị kiến nghị", and the letters list filters by agency and pilot.
 */
describe('web: the officer asks for a letter, the secretariat acts on it', () => {
  let t: TestApp;
  let db: DataSource;
  const clock = new FixedClock(new Date('2024-01-15T03:00:00Z'));
  const users: Record<string, NewUser> = {};
  const web: Record<string, WebClient> = {};
  const tokens: Record<string, string> = {};
  const agencies: Record<string, NewAgency> = {};
  let pilot: NewPilot;
  let otherPilot: NewPilot;
  let central: NewBlocker;
  let province: NewBlocker;
  let uncovered: NewBlocker;
  const api = (who: string, method: string, url: string, body?: unknown) =>
    t.request(method, `/api/v1${url}`, { token: tokens[who], body });
  const requests = async () =>
    (await api('secretariat', 'GET', `/letter-requests?pilot=${pilot.number}&limit=100`)).body
      .items as any[];

  const QUESTION = 'Đề nghị Bộ Y tế hướng dẫn đồng bộ dữ liệu từ phần mềm HIS sang hệ thống ASM.';
  const IMPACT = 'Bệnh viện phải nhập liệu hai lần nên chưa thể mở rộng mô hình.';

  beforeAll(async () => {
    t = await startTestApp({ seed: false, clock });
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
    await db.query(`UPDATE agency SET valid_until = '2023-06-01' WHERE id = $1`, [
      agencies.merged.id,
    ]);
    users.secretariat = await newUser(t, { role: 'SECRETARIAT' });
    users.health = await newOfficer(t, agencies.health);
    users.tourism = await newOfficer(t, agencies.tourism);
    for (const who of Object.keys(users)) {
      tokens[who] = await t.login(users[who].email);
      web[who] = await WebClient.signedIn(t, users[who].email);
    }
    pilot = await newPilot(t, { leadAgencies: [agencies.health] });
    otherPilot = await newPilot(t, { leadAgencies: [agencies.tourism] });
    central = await newBlocker(t, {
      pilot,
      title: 'Bệnh viện phải nhập liệu trùng lặp trên phần mềm HIS và ASM',
      authority: 'CENTRAL',
    });
    province = await newBlocker(t, {
      pilot,
      title: 'Thiếu máy đọc thẻ căn cước tại trạm y tế',
      authority: 'PROVINCE',
    });
    uncovered = await newBlocker(t, {
      pilot: otherPilot,
      title: 'Chưa có hướng dẫn đồng bộ dữ liệu lưu trú',
      authority: 'CENTRAL',
    });
  });
  afterAll(() => t.close());

  it("offers the lead agency's officer a request form for each open CENTRAL blocker: agencies existing today, ministries first", async () => {
    const res = await web.health.get(`/mo-hinh/${pilot.number}`);
    expect(res.status).toBe(200);
    expect(textOf(res.html)).toContain('Đề nghị gửi kiến nghị Trung ương');
    const section = requestSection(res.html, central.id);
    expect(section).toContain(`action="/mo-hinh/${pilot.number}/de-nghi-kien-nghi"`);
    expect(section).toContain(`name="blockerId" value="${central.id}"`);
    const options = [...section.matchAll(/<option value="([A-Z0-9_]*)"/g)].map((m) => m[1]);
    // "Bộ Công an", "Bộ Y tế" by name, then the province's.
    expect(options.slice(0, 3)).toEqual(['', agencies.police.code, agencies.ministry.code]);
    expect(options).toContain(agencies.health.code); // provincial ones after the central ones
    expect(options.indexOf(agencies.health.code)).toBeGreaterThan(2);
    expect(options).not.toContain(agencies.merged.code);
    expect(requestSection(res.html, province.id)).toBe('');
    // Another agency's officer has no form there, and none on their own pilot's page but theirs.
    const other = await web.tourism.get(`/mo-hinh/${pilot.number}`);
    expect(other.html).not.toContain('de-nghi-kien-nghi"');
    expect(other.html).not.toContain('Đề nghị gửi kiến nghị Trung ương');
  });

  it('keeps what was typed and shows the problem beside the field when the request is refused', async () => {
    const res = await web.health.post(`/mo-hinh/${pilot.number}/de-nghi-kien-nghi`, {
      blockerId: central.id,
      addresseeCode: agencies.ministry.code,
      question: QUESTION,
      impact: '',
    });
    expect(res.status).toBe(400);
    const section = requestSection(res.html, central.id);
    expect(section).toContain('<details class="action"  open>');
    expect(textOf(section)).toContain('Vì sao cản trở mô hình không được để trống');
    expect(section).toContain(QUESTION);
    expect(await requests()).toEqual([]);
  });

  it('files the request from the pilot page and shows its state there', async () => {
    const res = await web.health.post(`/mo-hinh/${pilot.number}/de-nghi-kien-nghi`, {
      blockerId: central.id,
      addresseeCode: agencies.ministry.code,
      question: QUESTION,
      impact: IMPACT,
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/mo-hinh/${pilot.number}`);
    const page = await web.health.follow(res);
    expect(textOf(page.html)).toContain(
      'Đã gửi đề nghị Tổ công tác gửi kiến nghị đến Bộ Y tế; thư ký đã được báo qua email.',
    );
    const section = textOf(requestSection(page.html, central.id));
    expect(section).toContain('Chờ Tổ công tác xử lý Đề nghị gửi Bộ Y tế');
    expect(section).toContain(QUESTION);
    expect(section).toContain('Rút đề nghị');
    const [request] = await requests();
    expect(request).toMatchObject({ state: 'OPEN', question: QUESTION, impact: IMPACT });
  });

  it("refuses a request for another agency's pilot posted by hand, with the API's reason", async () => {
    const res = await web.tourism.post(`/mo-hinh/${pilot.number}/de-nghi-kien-nghi`, {
      blockerId: central.id,
      addresseeCode: agencies.police.code,
      question: QUESTION,
      impact: IMPACT,
    });
    expect(res.status).toBe(403);
    expect(textOf(res.html)).toContain(
      `Mô hình số ${pilot.number} không do đơn vị của bạn chủ trì.`,
    );
    expect(await requests()).toHaveLength(1);
  });

  it('shows the secretariat its queue (and nobody else), linked from the letters list', async () => {
    const list = await web.secretariat.get('/kien-nghi');
    expect(list.html).toContain('href="/kien-nghi/de-nghi"');
    expect((await web.health.get('/kien-nghi')).html).not.toContain('href="/kien-nghi/de-nghi"');
    const refused = await web.health.get('/kien-nghi/de-nghi');
    expect(refused.status).toBe(403);

    const res = await web.secretariat.get('/kien-nghi/de-nghi');
    expect(res.status).toBe(200);
    const [request] = await requests();
    const item = textOf(queueItem(res.html, 'data-letter-request', request.id));
    expect(item).toContain(`Mô hình số ${pilot.number}`);
    expect(item).toContain('Đơn vị chủ trì: Sở Y tế');
    expect(item).toContain(central.title);
    expect(item).toContain('Bộ Y tế');
    expect(item).toContain(IMPACT);
    expect(item).toContain('chờ hôm nay');
    expect(textOf(queueItem(res.html, 'data-blocker', uncovered.id))).toContain(uncovered.title);
    expect(res.html).not.toContain(`data-blocker="${central.id}"`); // listed as its request
    expect(res.html).not.toContain(`data-blocker="${province.id}"`);
  });

  it('turns the request into a draft letter from the queue, landing on the letter page', async () => {
    const [request] = await requests();
    const res = await web.secretariat.post(`/kien-nghi/de-nghi/${request.id}/du-thao`, {
      version: String(request.version),
      summary: `${QUESTION}\n\nLý do: ${IMPACT}`,
    });
    expect(res.status).toBe(303);
    const [drafted] = await requests();
    expect(drafted.state).toBe('DRAFTED');
    expect(res.location).toBe(`/kien-nghi/${drafted.recommendation.id}`);
    const letter = await web.secretariat.follow(res);
    expect(letter.status).toBe(200);
    const text = textOf(letter.html);
    expect(text).toContain('Đã soạn dự thảo kiến nghị gửi Bộ Y tế từ đề nghị của đơn vị.');
    expect(text).toContain(QUESTION);
    expect(text).toContain(central.title);
    const queue = await web.secretariat.get('/kien-nghi/de-nghi');
    expect(queue.html).not.toContain(`data-letter-request="${request.id}"`);
    // The officer's page says where the request went.
    const page = await web.health.get(`/mo-hinh/${pilot.number}`);
    const section = requestSection(page.html, central.id);
    expect(textOf(section)).toContain('Đã soạn dự thảo kiến nghị');
    expect(section).toContain(`href="/kien-nghi/${drafted.recommendation.id}"`);
  });

  it('drafts a letter for an uncovered blocker from the queue, asking for its addressee', async () => {
    const missing = await web.secretariat.post(
      `/kien-nghi/de-nghi/vuong-mac/${uncovered.id}/du-thao`,
      { addresseeCodes: '', summary: 'Đề nghị Bộ Công an hướng dẫn đồng bộ dữ liệu lưu trú.' },
    );
    expect(missing.status).toBe(400);
    const item = queueItem(missing.html, 'data-blocker', uncovered.id);
    expect(item).toContain('<details class="action"  open>');
    expect(textOf(item)).toContain('Cơ quan nhận cần ít nhất 1 mã cơ quan');
    const res = await web.secretariat.post(`/kien-nghi/de-nghi/vuong-mac/${uncovered.id}/du-thao`, {
      addresseeCodes: agencies.police.code,
      summary: 'Đề nghị Bộ Công an hướng dẫn đồng bộ dữ liệu lưu trú.',
    });
    expect(res.status).toBe(303);
    const letter = await web.secretariat.follow(res);
    expect(textOf(letter.html)).toContain('Đề nghị Bộ Công an hướng dẫn đồng bộ dữ liệu lưu trú.');
    // Drafted, not sent: it stays on the queue, with its draft.
    const queue = await web.secretariat.get('/kien-nghi/de-nghi');
    expect(queueItem(queue.html, 'data-blocker', uncovered.id)).toContain(`href="${res.location}"`);
  });

  it('declines with a reason, and the officer withdraws their own request from the pilot page', async () => {
    const file = (addresseeCode: string) =>
      api('health', 'POST', '/letter-requests', {
        blockerId: central.id,
        addresseeCode,
        question: QUESTION,
        impact: IMPACT,
      });
    const declined = (await file(agencies.police.code)).body;
    const noReason = await web.secretariat.post(`/kien-nghi/de-nghi/${declined.id}/tu-choi`, {
      version: String(declined.version),
      reason: '',
    });
    expect(noReason.status).toBe(400);
    expect(textOf(queueItem(noReason.html, 'data-letter-request', declined.id))).toContain(
      'Lý do không được để trống',
    );
    const ok = await web.secretariat.post(`/kien-nghi/de-nghi/${declined.id}/tu-choi`, {
      version: String(declined.version),
      reason: 'Bộ Công an đã hướng dẫn tại Văn bản 123/C06.',
    });
    expect([ok.status, ok.location]).toEqual([303, '/kien-nghi/de-nghi']);
    expect(textOf((await web.secretariat.follow(ok)).html)).toContain(
      'Đã từ chối đề nghị gửi kiến nghị đến Bộ Công an.',
    );

    const withdrawn = (await file(agencies.police.code)).body;
    const page = await web.health.get(`/mo-hinh/${pilot.number}`);
    expect(page.html).toContain(`action="/kien-nghi/de-nghi/${withdrawn.id}/rut"`);
    const res = await web.health.post(`/kien-nghi/de-nghi/${withdrawn.id}/rut`, {
      version: String(withdrawn.version),
      pilotNumber: String(pilot.number),
    });
    expect([res.status, res.location]).toEqual([303, `/mo-hinh/${pilot.number}#de-nghi-kien-nghi`]);
    const after = textOf((await web.health.follow(res)).html);
    expect(after).toContain('Đã rút đề nghị gửi kiến nghị đến Bộ Công an.');
    expect(after).toContain('Tổ công tác không gửi kiến nghị');
    expect(after).toContain('Lý do: Bộ Công an đã hướng dẫn tại Văn bản 123/C06.');
    const again = await web.health.post(`/kien-nghi/de-nghi/${withdrawn.id}/rut`, {
      version: String(withdrawn.version + 1),
      pilotNumber: String(pilot.number),
    });
    expect(again.status).toBe(303);
    expect(textOf((await web.health.follow(again)).html)).toContain('Không thể rút đề nghị');
  });

  it("filters the letters list by agency and pilot, and marks the officer's own agency's letters, listed first", async () => {
    const list = await web.health.get('/kien-nghi?state=TAT_CA');
    expect(list.status).toBe(200);
    expect(list.html).toContain('name="agency"');
    expect(list.html).toContain(`<option value="${pilot.number}"`);
    const rows = [...list.html.matchAll(/<tr data-recommendation="([^"]+)"[\s\S]*?<\/tr>/g)];
    expect(rows.length).toBeGreaterThanOrEqual(2);
    // The draft about its pilot, first; the other pilot's letter after it, unmarked.
    expect(rows.map((r) => r[0].includes('own-tag'))).toEqual([
      true,
      ...rows.slice(1).map(() => false),
    ]);
    const byAgency = await web.secretariat.get(
      `/kien-nghi?state=TAT_CA&agency=${agencies.health.code}`,
    );
    const text = textOf(byAgency.html);
    expect(text).toMatch(/Hiển thị 1 \/ \d+ kiến nghị/);
    const byPilot = await web.secretariat.get(`/kien-nghi?state=TAT_CA&pilot=${otherPilot.number}`);
    expect(textOf(byPilot.html)).toMatch(/Hiển thị 1 \/ \d+ kiến nghị/);
    const bad = await web.secretariat.get('/kien-nghi?agency=syt');
    expect(bad.status).toBe(400);
    expect(textOf(bad.html)).toContain('agency phải là mã cơ quan viết hoa');
  });
});
