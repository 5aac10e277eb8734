import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../../src/access/actor.js';
import { SuccessionEvents } from '../../src/agencies/succession/succession-events.service.js';
import { CalendarService } from '../../src/calendar/calendar.service.js';
import { addWorkingDays } from '../../src/calendar/domain/working-days.js';
import { FixedClock } from '../../src/common/clock.js';
import { EscalationFiring } from '../../src/escalation/escalation-firing.js';
import { buildFollowUpLetter } from '../../src/recommendations/follow-up-letter/follow-up-letter.model.js';
import { loadFollowUpLetterSource } from '../../src/recommendations/follow-up-letter/follow-up-letter.source.js';
import { startTestApp, type TestApp, type TestResponse } from '../support/app.js';
import {
  newAgency,
  newOfficer,
  newSentRecommendation,
  newUser,
  secretariatToken,
  type NewAgency,
} from '../support/factories.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';

/*
 * Issue 13, item 2: agencies as of a date. Reminders follow today's holder of an addressee's duty
 * (never before an event's effective day), a split leaves it to the secretariat — held, and said
 * to be held — and documents keep the names of their own day. Frozen clock, real SMTP, a
 * database without the reference data (every agency is the test's own).
 */

// 09:00 on Monday 1 March 2027 in Khánh Hòa; the letters below fall due on Friday 5 March.
const START = new Date('2027-03-01T02:00:00Z');
const SENT_AT = '2027-02-01T02:00:00Z';
const DUE = new Date('2027-03-05T03:00:00Z');
const AFTER_DUE = new Date('2027-03-05T04:00:00Z');

describe('agency succession: reminders follow today’s holder', () => {
  const clock = new FixedClock(START);
  let t: TestApp;
  let smtp: TestSmtpServer;
  let admin: string;
  let thuky: string;
  let thukyEmail: string;

  const api = (method: string, url: string, token: string, body?: unknown) =>
    t.request(method, `/api/v1${url}`, { token, body });
  const record = (body: object) => api('POST', '/agency-successions', admin, body);
  const fields = (res: TestResponse) =>
    (res.body.details?.fields ?? []).map((f: { field: string }) => f.field);
  const ministry = (name?: string) => newAgency(t, { kind: 'MINISTRY', ...(name ? { name } : {}) });
  const letterTo = (agency: NewAgency, extra: { letterDate?: string } = {}) =>
    newSentRecommendation(t, {
      addresseeCodes: [agency.code],
      sentAt: SENT_AT,
      responseDueAt: DUE,
      ...extra,
    });

  /** The letter's (only) addressee, whose ladder fires. */
  const addresseeOf = async (id: string): Promise<string> =>
    (
      await t.app
        .get(DataSource)
        .query(`SELECT agency_id FROM recommendation_addressee WHERE recommendation_id = $1`, [id])
    )[0].agency_id;

  /** Fires the step at `at` as its job would, and waits for the mails it wrote to arrive. */
  async function fire(id: string, level: number, at: Date) {
    clock.set(at);
    const before = smtp.received.length;
    const outcome = await t.app
      .get(EscalationFiring)
      .fire({ recommendationId: id, agencyId: await addresseeOf(id), cycle: 1, level, repeat: 0 });
    expect(outcome).toBe('fired');
    const [{ count }] = await t.app.get(DataSource).query(
      `SELECT count(*)::int AS count FROM notification n JOIN escalation_event e ON e.id = n.escalation_event_id
          WHERE e.recommendation_id = $1 AND e.level = $2`,
      [id, level],
    );
    await smtp.next(before + count);
    const [{ number }] = await t.app
      .get(DataSource)
      .query(`SELECT document_number AS number FROM recommendation WHERE id = $1`, [id]);
    return smtp.received.slice(before).filter((m) => m.parsed.subject?.includes(number));
  }
  const to = (mails: { to: string[] }[]) => mails.flatMap((m) => m.to).sort();
  /** When level 2 (10 working days after the due time) is due. */
  const levelTwoAt = async () =>
    new Date(
      addWorkingDays(DUE, 10, await t.app.get(CalendarService).current()).getTime() + 3_600_000,
    );

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ seed: false, role: 'all', smtpUrl: smtp.url, clock });
    const adminUser = await newUser(t, { role: 'ADMIN' });
    admin = await t.login(adminUser.email);
    thuky = await secretariatToken(t);
    const [{ email }] = await t.app
      .get(DataSource)
      .query(`SELECT email FROM app_user WHERE role = 'SECRETARIAT'`);
    thukyEmail = email;
  });
  afterAll(async () => {
    await t.close();
    await t.database.drop();
    await smtp.close();
  });
  beforeEach(() => clock.set(START));

  it('after a merge, the next reminder goes to the successor’s focal points, and says why', async () => {
    const [old, successor] = [await ministry(), await ministry()];
    const letter = await letterTo(old);
    const res = await record({
      kind: 'MERGE',
      effectiveOn: '2027-03-01',
      legalBasis: 'Nghị quyết 99/2027/QH15',
      links: [{ fromCode: old.code, toCode: successor.code, isMain: true }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'MERGE',
      effectiveOn: '2027-03-01',
      inEffect: true,
      realisedAt: null,
      links: [
        {
          from: { code: old.code, name: old.name },
          to: { code: successor.code },
          isMain: true,
          scope: null,
        },
      ],
    });

    const mails = await fire(letter.id, 1, AFTER_DUE);
    expect(to(mails)).toEqual([...successor.contactEmails, thukyEmail].sort());
    const mail = mails.find((m) => m.to[0] === successor.contactEmails[0])!;
    expect(mail.parsed.text).toContain(`Kính gửi: ${successor.name}`);
    expect(mail.parsed.text).toContain(
      `Nhiệm vụ của ${old.name} nay do ${successor.name} đảm nhận (Nghị quyết 99/2027/QH15, từ ngày 01/03/2027).`,
    );

    const agency = (await api('GET', `/agencies/${old.code}`, thuky)).body;
    expect(agency).toMatchObject({
      validUntil: '2027-03-01',
      existsToday: false,
      successors: [
        {
          code: successor.code,
          name: successor.name,
          effectiveOn: '2027-03-01',
          legalBasis: 'Nghị quyết 99/2027/QH15',
          kind: 'MERGE',
          isMain: true,
        },
      ],
      heldBy: { status: 'HELD_BY', agency: { code: successor.code } },
    });
    const taker = (await api('GET', `/agencies/${successor.code}`, thuky)).body;
    expect(taker).toMatchObject({ existsToday: true, heldBy: null });
    expect(taker.predecessors.map((p: { code: string }) => p.code)).toEqual([old.code]);

    const view = (await api('GET', `/recommendations/${letter.id}`, thuky)).body;
    expect(view.addressees).toMatchObject([{ code: old.code, name: old.name }]);
    expect(view.addresseeHolders).toEqual([
      expect.objectContaining({
        code: old.code,
        name: old.name,
        chosen: null,
        holder: expect.objectContaining({
          status: 'HELD_BY',
          agency: { code: successor.code, name: successor.name },
          via: [expect.objectContaining({ legalBasis: 'Nghị quyết 99/2027/QH15' })],
        }),
      }),
    ]);
    expect(view.heldSuccession).toBe(false);

    const trail = await api('GET', `/audit?entityType=agency&entityId=${old.code}`, admin);
    expect(trail.body.items[0]).toMatchObject({ action: 'agency.succession' });
  });

  it('holds a split addressee: no mail to any of them, the secretariat told; then follows its choice', async () => {
    const [split, main, part] = [await ministry(), await ministry(), await ministry()];
    const letter = await letterTo(split);
    const merged = await letterTo(await ministry()); // an open letter nothing holds
    expect(
      (
        await record({
          kind: 'SPLIT',
          effectiveOn: '2027-03-01',
          legalBasis: 'Nghị định 45/2027/NĐ-CP',
          links: [
            { fromCode: split.code, toCode: main.code, isMain: true },
            { fromCode: split.code, toCode: part.code, scope: 'bảo trợ xã hội' },
          ],
        })
      ).status,
    ).toBe(201);

    const mails = await fire(letter.id, 1, AFTER_DUE);
    expect(to(mails)).toEqual([thukyEmail]);
    const told = mails[0].parsed.text!;
    expect(told).toContain(`Tạm dừng nhắc ${split.name}`);
    expect(told).toContain(`${main.name}, ${part.name}`);
    expect(told).toContain('Thư ký Tổ công tác chọn cơ quan kế thừa trên trang kiến nghị');
    expect(told).toContain(`https://de-an-06.test/kien-nghi/${letter.id}`);

    const view = (await api('GET', `/recommendations/${letter.id}`, thuky)).body;
    expect(view.heldSuccession).toBe(true);
    expect(view.addresseeHolders[0].holder).toMatchObject({
      status: 'AMBIGUOUS',
      agency: null,
      at: { code: split.code },
      candidates: [
        { code: main.code, isMain: true },
        { code: part.code, isMain: false, scope: 'bảo trợ xã hội' },
      ],
    });
    const held = (await api('GET', '/recommendations?heldSuccession=true', thuky)).body;
    expect(held.items.map((r: { id: string }) => r.id)).toContain(letter.id);
    expect(held.items.map((r: { id: string }) => r.id)).not.toContain(merged.id);
    const notHeld = (await api('GET', '/recommendations?heldSuccession=false', thuky)).body;
    expect(notHeld.items.map((r: { id: string }) => r.id)).not.toContain(letter.id);

    // Only the secretariat chooses, only among those who took the duty over.
    const path = `/recommendations/${letter.id}/addressees/${split.code}/holder`;
    expect((await api('PUT', path, admin, { agencyCode: part.code })).status).toBe(403);
    const stranger = await api('PUT', path, thuky, { agencyCode: (await ministry()).code });
    expect([stranger.status, fields(stranger)]).toEqual([400, ['agencyCode']]);
    expect(
      (
        await api('PUT', `/recommendations/${letter.id}/addressees/BYTX/holder`, thuky, {
          agencyCode: part.code,
        })
      ).status,
    ).toBe(404);
    const stale = await api('PUT', path, thuky, { agencyCode: part.code, version: 99 });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);

    const chosen = await api('PUT', path, thuky, { agencyCode: part.code, version: view.version });
    expect(chosen.status).toBe(200);
    expect(chosen.body.heldSuccession).toBe(false);
    expect(chosen.body.addresseeHolders[0]).toMatchObject({
      chosen: { code: part.code },
      holder: { status: 'HELD_BY', agency: { code: part.code } },
    });
    const trail = await api('GET', `/audit?entityType=recommendation&entityId=${letter.id}`, thuky);
    expect(trail.body.items[0]).toMatchObject({
      action: 'recommendation.chooseHolder',
      after: { addresseeCode: split.code, holderCode: part.code },
    });

    // The next reminder (level 2: addressee, working group, secretariat) goes to the choice.
    const next = await fire(letter.id, 2, await levelTwoAt());
    expect(to(next)).toEqual([...part.contactEmails, thukyEmail].sort());
    expect(next.find((m) => m.to[0] === thukyEmail)!.parsed.text).not.toContain('TẠM DỪNG');
  });

  it('follows a chain of two, each link from its own day', async () => {
    const [first, second, third] = [await ministry(), await ministry(), await ministry()];
    const letter = await letterTo(first);
    for (const [from, into, day] of [
      [first, second, '2027-03-01'],
      [second, third, '2027-03-03'],
    ] as const)
      expect(
        (
          await record({
            kind: 'MERGE',
            effectiveOn: day,
            legalBasis: `Quyết định ${day}/QĐ-TTg`,
            links: [{ fromCode: from.code, toCode: into.code }],
          })
        ).status,
      ).toBe(201);
    const before = (await api('GET', `/recommendations/${letter.id}`, thuky)).body;
    expect(before.addresseeHolders[0].holder.agency.code).toBe(second.code);

    const mails = await fire(letter.id, 1, AFTER_DUE);
    expect(to(mails)).toEqual([...third.contactEmails, thukyEmail].sort());
    const view = (await api('GET', `/recommendations/${letter.id}`, thuky)).body;
    expect(
      view.addresseeHolders[0].holder.via.map((s: { to: { code: string } }) => s.to.code),
    ).toEqual([second.code, third.code]);
  });

  it('changes nothing before a future-dated event’s day, and applies it on the day', async () => {
    const [today, tomorrow] = [await ministry(), await ministry()];
    const letter = await letterTo(today);
    expect(
      (
        await record({
          kind: 'RENAME',
          effectiveOn: '2027-03-10',
          legalBasis: 'Nghị định 1/2027/NĐ-CP',
          links: [{ fromCode: today.code, toCode: tomorrow.code, isMain: true }],
        })
      ).status,
    ).toBe(201);
    const events = (await api('GET', '/agency-successions', admin)).body;
    expect(
      events.items.find((e: { effectiveOn: string }) => e.effectiveOn === '2027-03-10'),
    ).toMatchObject({ kind: 'RENAME', inEffect: false });
    expect((await api('GET', `/agencies/${today.code}`, thuky)).body).toMatchObject({
      validUntil: '2027-03-10',
      existsToday: true,
      heldBy: null,
    });
    // Still a valid addressee until then.
    const draft = await api('POST', '/recommendations', thuky, {
      addresseeCodes: [today.code],
      summary: 'Kiến nghị gửi trước ngày đổi tên.',
    });
    expect(draft.status).toBe(201);

    const early = await fire(letter.id, 1, AFTER_DUE);
    expect(to(early)).toEqual([...today.contactEmails, thukyEmail].sort());
    expect(early[0].parsed.text).not.toContain('nay do');

    const onTheDay = await fire(letter.id, 2, await levelTwoAt()); // 19 March
    expect(to(onTheDay)).toEqual([...tomorrow.contactEmails, thukyEmail].sort());
  });

  it('keeps the names of the letter’s own day: a 2023 letter still says Bộ Thông tin và Truyền thông', async () => {
    clock.set(new Date('2023-10-09T02:00:00Z'));
    const btttt = await ministry('Bộ Thông tin và Truyền thông');
    const bkhcn = await ministry('Bộ Khoa học và Công nghệ');
    const letter = await newSentRecommendation(t, {
      addresseeCodes: [btttt.code],
      sentAt: '2023-10-09T02:00:00Z',
      responseDueAt: '2023-10-30T10:00:00Z',
      documentNumber: '5772/TCTĐA06-CAT',
    });
    clock.set(START);
    expect(
      (
        await record({
          kind: 'MERGE',
          effectiveOn: '2025-03-01',
          legalBasis: 'Nghị quyết 176/2025/QH15',
          links: [{ fromCode: btttt.code, toCode: bkhcn.code, isMain: true }],
        })
      ).status,
    ).toBe(201);
    const view = (await api('GET', `/recommendations/${letter.id}`, thuky)).body;
    expect(view.addressees).toMatchObject([
      { code: btttt.code, name: 'Bộ Thông tin và Truyền thông' },
    ]);
    expect(view.addresseeHolders[0].holder.agency).toEqual({
      code: bkhcn.code,
      name: 'Bộ Khoa học và Công nghệ',
    });
    const [row] = await t.app
      .get(DataSource)
      .query(`SELECT name, valid_until::text AS until FROM agency WHERE code = $1`, [btttt.code]);
    expect(row).toEqual({ name: 'Bộ Thông tin và Truyền thông', until: '2025-03-01' });
    // Recording a letter of that day to it is still right; a new one is not.
    const recorded = await api('POST', '/recommendations', thuky, {
      addresseeCodes: [btttt.code],
      summary: 'Văn bản năm 2023 ghi nhận muộn.',
      documentNumber: '5305/TCTĐA06(CAT-STTTT)',
      letterDate: '2023-09-15',
      sentAt: '2023-09-15T02:00:00Z',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body.addressees[0].name).toBe('Bộ Thông tin và Truyền thông');
  });

  it('refuses a new letter to an agency that no longer exists, naming today’s holder', async () => {
    const [gone, holder] = [await ministry(), await ministry()];
    await record({
      kind: 'MERGE',
      effectiveOn: '2027-02-01',
      legalBasis: 'Nghị quyết 12/2027/QH15',
      links: [{ fromCode: gone.code, toCode: holder.code }],
    });
    const refused = await api('POST', '/recommendations', thuky, {
      addresseeCodes: [gone.code],
      summary: 'Kiến nghị gửi cơ quan đã sáp nhập.',
    });
    expect([refused.status, refused.body.code, fields(refused)]).toEqual([
      400,
      'VALIDATION_FAILED',
      ['addresseeCodes'],
    ]);
    expect(refused.body.details.fields[0].problems[0]).toContain(
      `nay do ${holder.name} (${holder.code}) đảm nhận (Nghị quyết 12/2027/QH15)`,
    );
    // A draft made before the event cannot be sent to it after.
    const [later, taker] = [await ministry(), await ministry()];
    const draft = await api('POST', '/recommendations', thuky, {
      addresseeCodes: [later.code],
      summary: 'Dự thảo trước khi sáp nhập.',
    });
    expect(draft.status).toBe(201);
    await record({
      kind: 'MERGE',
      effectiveOn: '2027-03-01',
      legalBasis: 'Nghị quyết 13/2027/QH15',
      links: [{ fromCode: later.code, toCode: taker.code }],
    });
    const send = await api('POST', `/recommendations/${draft.body.id}/send`, thuky, {
      documentNumber: '77/TCTĐA06-CAT',
      letterDate: '2027-03-01',
    });
    expect([send.status, fields(send)]).toEqual([400, ['addresseeCodes']]);
  });

  it('refuses loops, self links, unknown codes, two main successors and non-admins with 4xx', async () => {
    const [a, b, c] = [await ministry(), await ministry(), await ministry()];
    const base = { kind: 'MERGE', effectiveOn: '2027-03-01', legalBasis: 'Nghị quyết 1/2027/QH15' };
    const self = await record({ ...base, links: [{ fromCode: a.code, toCode: a.code }] });
    expect([self.status, fields(self)]).toEqual([400, ['links.0.toCode']]);
    const unknown = await record({ ...base, links: [{ fromCode: 'KHONGCO', toCode: a.code }] });
    expect([unknown.status, fields(unknown)]).toEqual([400, ['links.0.fromCode']]);
    const mains = await record({
      ...base,
      kind: 'SPLIT',
      links: [
        { fromCode: a.code, toCode: b.code, isMain: true },
        { fromCode: a.code, toCode: c.code, isMain: true },
      ],
    });
    expect([mains.status, fields(mains)]).toEqual([400, ['links']]);
    const malformed = await record({ ...base, kind: 'MOVE', links: [{ fromCode: 'a' }] });
    expect(malformed.status).toBe(400);
    expect(fields(malformed)).toEqual(
      expect.arrayContaining(['kind', 'links.0.fromCode', 'links.0.toCode']),
    );
    const officer = await t.login((await newOfficer(t)).email);
    expect(
      (
        await api('POST', '/agency-successions', officer, {
          ...base,
          links: [{ fromCode: a.code, toCode: b.code }],
        })
      ).status,
    ).toBe(403);
    expect((await api('GET', '/agency-successions', thuky)).status).toBe(403);

    expect((await record({ ...base, links: [{ fromCode: a.code, toCode: b.code }] })).status).toBe(
      201,
    );
    // b's duties going back to a before a ceased would close a loop.
    const loop = await record({
      ...base,
      effectiveOn: '2027-02-15',
      links: [{ fromCode: b.code, toCode: a.code }],
    });
    expect([loop.status, loop.body.code, loop.body.details.reason]).toEqual([
      409,
      'CONFLICT',
      'SUCCESSION_LOOP',
    ]);
    // a has ceased: it can neither cease again nor take anything over after.
    const again = await record({ ...base, links: [{ fromCode: a.code, toCode: c.code }] });
    expect([again.status, again.body.code]).toEqual([409, 'CONFLICT']);
    const late = await record({
      ...base,
      effectiveOn: '2027-04-01',
      links: [{ fromCode: c.code, toCode: a.code }],
    });
    expect([late.status, late.body.code]).toEqual([409, 'CONFLICT']);
  });

  it('records a packaged event once: the same key again changes nothing', async () => {
    const [from, into] = [await ministry(), await ministry()];
    const ds = t.app.get(DataSource);
    const input = {
      kind: 'MERGE' as const,
      effectiveOn: '2025-03-01',
      legalBasis: 'Nghị quyết 176/2025/QH15',
      packageKey: `thu-nghiem/${from.code}`,
      links: [{ fromCode: from.code, toCode: into.code, isMain: true }],
    };
    const events = t.app.get(SuccessionEvents);
    const first = await ds.transaction((m) => events.record(m, SYSTEM_ACTOR, input));
    const second = await ds.transaction((m) => events.record(m, SYSTEM_ACTOR, input));
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const [{ count }] = await ds.query(
      `SELECT count(*)::int AS count FROM succession_event WHERE package_key = $1`,
      [input.packageKey],
    );
    expect(count).toBe(1);
  });

  it('assigns officers only to agencies that exist today, and keeps the one an account has', async () => {
    const [gone, holder] = [await ministry(), await ministry()];
    const officer = await newOfficer(t, gone);
    await record({
      kind: 'MERGE',
      effectiveOn: '2027-02-15',
      legalBasis: 'Nghị quyết 14/2027/QH15',
      links: [{ fromCode: gone.code, toCode: holder.code, isMain: true }],
    });
    const body = {
      email: `can-bo-moi-${gone.code.toLowerCase()}@khanhhoa.example`,
      name: 'Cán bộ mới',
      role: 'AGENCY_OFFICER',
      password: 'mat-khau-du-dai-12',
    };
    const refused = await api('POST', '/users', admin, { ...body, agencyCode: gone.code });
    expect([refused.status, fields(refused)]).toEqual([400, ['agencyCode']]);
    expect(refused.body.details.fields[0].problems[0]).toContain(`nay do ${holder.name}`);
    expect((await api('POST', '/users', admin, { ...body, agencyCode: holder.code })).status).toBe(
      201,
    );
    // Saving the account as it is keeps its (former) agency; moving it is the reorganisation's.
    const current = (await api('GET', `/users/${officer.id}`, admin)).body;
    const kept = await api('PATCH', `/users/${officer.id}`, admin, {
      version: current.version,
      name: 'Cán bộ đổi tên',
      agencyCode: gone.code,
    });
    expect([kept.status, kept.body.agencyCode]).toEqual([200, gone.code]);
  });

  it('writes the follow-up letter of today: today’s holders asked, the working group role followed, the letter cited as sent', async () => {
    const ds = t.app.get(DataSource);
    clock.set(new Date('2023-10-09T02:00:00Z'));
    const group = await newAgency(t, {
      kind: 'WORKING_GROUP',
      name: 'Tổ công tác triển khai Đề án 06 của Chính phủ',
    });
    const board = await newAgency(t, {
      kind: 'WORKING_GROUP',
      name: 'Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06',
    });
    const btttt = await ministry('Bộ Thông tin và Truyền thông');
    const bkhcn = await ministry('Bộ Khoa học và Công nghệ');
    await ds.query(
      `INSERT INTO agency_role (role, agency_id) VALUES ('GOVERNMENT_WORKING_GROUP', $1)
       ON CONFLICT (role) DO UPDATE SET agency_id = EXCLUDED.agency_id`,
      [group.id],
    );
    const letter = await newSentRecommendation(t, {
      addresseeCodes: [btttt.code],
      sentAt: '2023-10-09T02:00:00Z',
      responseDueAt: '2023-10-30T10:00:00Z',
      documentNumber: '5772/TCTĐA06-CAT',
    });
    clock.set(START);
    for (const [from, into, dayOf, basis] of [
      [btttt, bkhcn, '2025-03-01', 'Nghị quyết 176/2025/QH15'],
      [group, board, '2025-03-13', 'Quyết định 598/QĐ-TTg'],
    ] as const)
      await record({
        kind: 'MERGE',
        effectiveOn: dayOf,
        legalBasis: basis,
        links: [{ fromCode: from.code, toCode: into.code, isMain: true }],
      });
    const source = await loadFollowUpLetterSource(
      ds,
      letter.id,
      START,
      await t.app.get(CalendarService).current(),
    );
    expect(source.workingGroup).toEqual({ code: board.code, name: board.name });
    expect(source.recommendation.addressees).toMatchObject([
      { code: btttt.code, name: 'Bộ Thông tin và Truyền thông', status: 'AWAITING' },
    ]);
    const built = buildFollowUpLetter({
      ...source,
      escalations: [2].map((level) => ({
        cycle: 1,
        level,
        levelName: 'Đôn đốc',
        repeat: 0,
        outcome: 'FIRED' as const,
        occurredAt: new Date('2023-11-15T02:00:00Z'),
      })),
    });
    expect(built.salutation.addressees).toEqual(['Bộ Khoa học và Công nghệ.']);
    expect(built.paragraphs[0]).toContain(
      'có Văn bản số 5772/TCTĐA06-CAT gửi Bộ Thông tin và Truyền thông, kiến nghị',
    );
    expect(built.paragraphs.at(-1)).toContain('kính đề nghị Bộ Khoa học và Công nghệ quan tâm');
    expect(built.recipients.items).toContain(`- ${board.name} (để báo cáo);`);
    expect(built.recipients.items.join('\n')).not.toContain('Tổ công tác triển khai');
  });
});
