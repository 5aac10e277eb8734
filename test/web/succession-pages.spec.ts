import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  newAgency,
  newSentRecommendation,
  newUser,
  secretariatToken,
  type NewAgency,
} from '../support/factories.js';
import { textOf, WebClient } from '../support/web.js';

/*
 * Issue 13, item 2 on the web: the agencies page shows validity and succession and takes a
 * merge, split or rename from the administrator; a letter held by a split says so, in the list
 * and on its page, with the secretariat's form to choose; a new letter offers today's agencies.
 */
describe('web interface: agencies over time', () => {
  const clock = new FixedClock(new Date('2027-03-01T02:00:00Z'));
  let t: TestApp;
  let admin: WebClient;
  let secretariat: WebClient;
  let adminToken: string;

  const ministry = (name?: string) => newAgency(t, { kind: 'MINISTRY', ...(name ? { name } : {}) });
  const record = (body: object) =>
    t.request('POST', '/api/v1/agency-successions', { token: adminToken, body });

  beforeAll(async () => {
    t = await startTestApp({ seed: false, clock });
    const adminUser = await newUser(t, { role: 'ADMIN' });
    const secretariatUser = await newUser(t, { role: 'SECRETARIAT' });
    adminToken = await t.login(adminUser.email);
    admin = await WebClient.signedIn(t, adminUser.email);
    secretariat = await WebClient.signedIn(t, secretariatUser.email);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records a merge from the agencies page and shows who took over, from when, on what basis', async () => {
    const [old, successor] = [await ministry(), await ministry()];
    const page = await admin.get('/cai-dat/don-vi');
    expect(page.html).toContain('action="/cai-dat/don-vi/su-kien-ke-thua"');
    // The secretariat reads the page but records nothing.
    expect((await secretariat.get('/cai-dat/don-vi')).html).not.toContain('su-kien-ke-thua');
    expect(
      (await secretariat.post('/cai-dat/don-vi/su-kien-ke-thua', { kind: 'MERGE' })).status,
    ).toBe(403);

    const refused = await admin.post('/cai-dat/don-vi/su-kien-ke-thua', {
      kind: 'MERGE',
      effectiveOn: '01/03/2027',
      legalBasis: 'Nghị quyết 7/2027/QH15',
      fromCodes: old.code,
      mainCode: old.code,
    });
    expect(refused.status).toBe(400);
    expect(textOf(refused.html)).toContain('không thể kế thừa chính mình');

    const saved = await admin.post('/cai-dat/don-vi/su-kien-ke-thua', {
      kind: 'MERGE',
      effectiveOn: '01/03/2027',
      legalBasis: 'Nghị quyết 7/2027/QH15',
      fromCodes: old.code,
      mainCode: successor.code,
    });
    expect([saved.status, saved.location]).toEqual([303, '/cai-dat/don-vi']);
    const after = textOf((await admin.follow(saved)).html);
    expect(after).toContain(`Đã ghi sự kiện ${old.code} → ${successor.code} từ ngày 01/03/2027`);
    expect(after).toContain('Không còn tồn tại từ 01/03/2027');
    expect(after).toContain(
      `Sáp nhập 01/03/2027: nhiệm vụ chuyển cho ${successor.name} (${successor.code}), kế thừa chính; căn cứ Nghị quyết 7/2027/QH15`,
    );
    expect(after).toContain(`kế thừa ${old.name} (${old.code}) từ 01/03/2027`);
  });

  it('offers a new letter only agencies of today, never the provincial working group', async () => {
    const [gone, holder] = [await ministry(), await ministry()];
    const group = await newAgency(t, { kind: 'WORKING_GROUP', name: 'Tổ công tác tỉnh' });
    await t.app
      .get(DataSource)
      .query(`UPDATE agency SET code = 'TCTDA06' WHERE id = $1`, [group.id]);
    await record({
      kind: 'MERGE',
      effectiveOn: '2027-02-01',
      legalBasis: 'Nghị quyết 8/2027/QH15',
      links: [{ fromCode: gone.code, toCode: holder.code }],
    });
    const page = await secretariat.get('/kien-nghi/moi');
    const addressees = /name="addresseeCodes"[\s\S]*?<\/fieldset>/.exec(page.html)![0];
    expect(addressees).toContain(`value="${holder.code}"`);
    expect(addressees).not.toContain(`value="${gone.code}"`);
    expect(addressees).not.toContain('value="TCTDA06"');
  });

  it('shows a held letter in the list and on its page, and takes the secretariat’s choice', async () => {
    const [split, main, part]: NewAgency[] = [await ministry(), await ministry(), await ministry()];
    const letter = await newSentRecommendation(t, {
      addresseeCodes: [split.code],
      sentAt: '2027-02-01T02:00:00Z',
      responseDueAt: '2027-03-05T03:00:00Z',
    });
    await record({
      kind: 'SPLIT',
      effectiveOn: '2027-03-01',
      legalBasis: 'Nghị định 9/2027/NĐ-CP',
      links: [
        { fromCode: split.code, toCode: main.code, isMain: true },
        { fromCode: split.code, toCode: part.code },
      ],
    });
    await secretariatToken(t);

    const list = await secretariat.get('/kien-nghi');
    expect(textOf(list.html)).toContain(
      '1 kiến nghị có cơ quan nhận đã chia tách, chưa xác định cơ quan trả lời thay',
    );
    const held = await secretariat.get('/kien-nghi?state=CHO_KE_THUA');
    expect(held.html).toContain(`data-recommendation="${letter.id}"`);
    expect(held.html).toContain('Chờ chọn cơ quan kế thừa');

    const detail = await secretariat.get(`/kien-nghi/${letter.id}`);
    expect(textOf(detail.html)).toContain(
      `${split.name} đã chia tách; chưa xác định cơ quan trả lời thay, thư nhắc tạm dừng.`,
    );
    const action = `/kien-nghi/${letter.id}/co-quan-ke-thua/${split.code}`;
    expect(detail.html).toContain(`action="${action}"`);
    const version = /name="version" value="(\d+)"/.exec(
      detail.html.slice(detail.html.indexOf(action)),
    )![1];

    const wrong = await secretariat.post(action, { agencyCode: split.code, version });
    expect(wrong.status).toBe(303);
    expect(textOf((await secretariat.follow(wrong)).html)).toContain('chọn một trong');

    const chosen = await secretariat.post(action, { agencyCode: part.code, version });
    expect([chosen.status, chosen.location]).toEqual([303, `/kien-nghi/${letter.id}`]);
    const after = textOf((await secretariat.follow(chosen)).html);
    expect(after).toContain(`Đã chọn ${part.name} trả lời thay ${split.code}`);
    expect(after).toContain(`Nay do ${part.name} (${part.code}) đảm nhận`);
    expect(after).not.toContain('thư nhắc tạm dừng');
    expect((await secretariat.get('/kien-nghi')).html).not.toContain('held-notice');
  });
});
