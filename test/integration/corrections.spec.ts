import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * Corrections through the API (issue 16, item 3): a draft letter (PATCH /recommendations/{id}),
 * a working-calendar adjustment (PATCH and DELETE /calendar/adjustments/{day}) and an agency's
 * focal-point addresses by the secretariat. For each: who may (per object), the version checked
 * (409), the audit row written with the write, bad input refused in the one error shape.
 */
describe('corrections through the API', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (who: string) => tokens[who];
  const clock = new FixedClock(new Date('2024-01-15T03:00:00Z'));
  const query = (sql: string, params: unknown[] = []) => t.app.get(DataSource).query(sql, params);
  const audit = (action: string, entityId: string) =>
    query(
      `SELECT actor_email, before, after FROM audit_entry WHERE action = $1 AND entity_id = $2 ORDER BY id`,
      [action, entityId],
    ) as Promise<{ actor_email: string; before: any; after: any }[]>;
  const expectErrorShape = (body: any, code: string) =>
    expect(body).toEqual(
      expect.objectContaining({
        statusCode: expect.any(Number),
        code,
        message: expect.any(String),
      }),
    );

  beforeAll(async () => {
    t = await startTestApp({ clock });
    for (const who of ['thuky', 'lanhdao', 'syt', 'sdl', 'admin'])
      tokens[who] = await t.login(`${who}@demo.example`);
  });
  afterAll(() => t?.close());

  /** A draft by the health department's officer, about a blocker of its pilot 6. */
  async function officerDraft(): Promise<{ id: string; version: number }> {
    const blocker = await t.request('POST', '/api/v1/blockers', {
      token: as('syt'),
      body: {
        pilotNumber: 6,
        title: 'Chưa có hướng dẫn kết nối',
        description: 'Cần Bộ Công an hướng dẫn',
        category: 'GUIDANCE',
        authority: 'CENTRAL',
      },
    });
    expect(blocker.status).toBe(201);
    const draft = await t.request('POST', '/api/v1/recommendations', {
      token: as('syt'),
      body: {
        summary: 'Đề nghị Bộ Công an hướng dẫn kết nôi',
        addresseeCodes: ['BCA'],
        blockerIds: [blocker.body.id],
      },
    });
    expect(draft.status).toBe(201);
    expect(draft.body.state).toBe('DRAFT');
    return { id: draft.body.id, version: draft.body.version };
  }

  describe('a draft letter', () => {
    it('is corrected by its agency’s officer, at the version seen, audited before and after', async () => {
      const { id, version } = await officerDraft();
      const res = await t.request('PATCH', `/api/v1/recommendations/${id}`, {
        token: as('syt'),
        body: {
          version,
          summary: 'Đề nghị Bộ Công an hướng dẫn kết nối',
          addresseeCodes: ['BCA', 'BYT'],
          distributionCodes: ['VPCP'],
          documentNumber: '12/SYT-NVY',
          letterDate: '2024-01-12',
        },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        state: 'DRAFT',
        summary: 'Đề nghị Bộ Công an hướng dẫn kết nối',
        documentNumber: '12/SYT-NVY',
        letterDate: '2024-01-12',
        version: version + 1,
      });
      expect(res.body.addressees.map((a: { code: string }) => a.code)).toEqual(['BCA', 'BYT']);
      expect(res.body.distribution.map((a: { code: string }) => a.code)).toEqual(['VPCP']);
      const [row] = await audit('recommendation.update', id);
      expect(row.actor_email).toBe('syt@demo.example');
      expect(row.before).toMatchObject({
        summary: 'Đề nghị Bộ Công an hướng dẫn kết nôi',
        addresseeCodes: ['BCA'],
        distributionCodes: [],
        version,
      });
      expect(row.after).toMatchObject({
        summary: 'Đề nghị Bộ Công an hướng dẫn kết nối',
        addresseeCodes: ['BCA', 'BYT'],
        distributionCodes: ['VPCP'],
        version: version + 1,
      });

      // The same version again: someone else's correction came first.
      const stale = await t.request('PATCH', `/api/v1/recommendations/${id}`, {
        token: as('thuky'),
        body: { version, summary: 'Ghi đè' },
      });
      expect(stale.status).toBe(409);
      expectErrorShape(stale.body, 'VERSION_CONFLICT');
      expect(stale.body.details).toEqual({ currentVersion: version + 1, sentVersion: version });
      expect(await audit('recommendation.update', id)).toHaveLength(1);
    });

    it('is not another agency’s, leadership’s or the admin’s to correct', async () => {
      const { id, version } = await officerDraft();
      for (const who of ['sdl', 'lanhdao', 'admin']) {
        const res = await t.request('PATCH', `/api/v1/recommendations/${id}`, {
          token: as(who),
          body: { version, summary: 'Không được' },
        });
        expect(res.status).toBe(403);
        expectErrorShape(res.body, 'FORBIDDEN');
      }
      const [{ summary }] = await query(`SELECT summary FROM recommendation WHERE id = $1`, [id]);
      expect(summary).toBe('Đề nghị Bộ Công an hướng dẫn kết nôi');
      expect(await audit('recommendation.update', id)).toEqual([]);
    });

    it('is corrected only while a draft: a sent letter answers 409 with the moves it has', async () => {
      const { id } = await officerDraft();
      const sent = await t.request('POST', `/api/v1/recommendations/${id}/send`, {
        token: as('thuky'),
        body: { documentNumber: '99/TCTĐA06-CAT', letterDate: '2024-01-15' },
      });
      expect(sent.status).toBe(200);
      const res = await t.request('PATCH', `/api/v1/recommendations/${id}`, {
        token: as('thuky'),
        body: { version: sent.body.version, summary: 'Quá muộn' },
      });
      expect(res.status).toBe(409);
      expectErrorShape(res.body, 'RECOMMENDATION_TRANSITION_NOT_ALLOWED');
      expect(res.body.details).toMatchObject({ from: 'SENT', command: 'update' });
      expect(await audit('recommendation.update', id)).toEqual([]);
    });

    it('refuses bad input field by field, and an unknown letter with 404', async () => {
      const { id, version } = await officerDraft();
      const bad = await t.request('PATCH', `/api/v1/recommendations/${id}`, {
        token: as('thuky'),
        body: { version, addresseeCodes: [], letterDate: '2024-02-30', summary: '   ' },
      });
      expect(bad.status).toBe(400);
      expectErrorShape(bad.body, 'VALIDATION_FAILED');
      const fields = bad.body.details.fields.map((f: { field: string }) => f.field).sort();
      expect(fields).toEqual(['addresseeCodes', 'letterDate', 'summary']);
      const unknown = await t.request('PATCH', `/api/v1/recommendations/${id}`, {
        token: as('thuky'),
        body: { version, addresseeCodes: ['KHONGCO'] },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.details.fields).toEqual([
        expect.objectContaining({ field: 'addresseeCodes' }),
      ]);
      const noVersion = await t.request('PATCH', `/api/v1/recommendations/${id}`, {
        token: as('thuky'),
        body: { summary: 'Thiếu phiên bản' },
      });
      expect(noVersion.status).toBe(400);
      const missing = await t.request(
        'PATCH',
        '/api/v1/recommendations/00000000-0000-4000-8000-000000000000',
        { token: as('thuky'), body: { version: 1, summary: 'x' } },
      );
      expect(missing.status).toBe(404);
      expectErrorShape(missing.body, 'NOT_FOUND');
      expect(await audit('recommendation.update', id)).toEqual([]);
    });
  });

  describe('a working-calendar adjustment', () => {
    const day = '2024-03-08';
    const add = () =>
      t.request('POST', '/api/v1/calendar/adjustments', {
        token: as('thuky'),
        body: { day, kind: 'DAY_OFF', reason: 'Nghỉ bù nhầm', reference: 'CV 1/UBND' },
      });

    it('is corrected and then deleted by the secretariat, each audited, the calendar following', async () => {
      const added = await add();
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ version: 1, builtIn: false });
      const working = async () =>
        (
          await t.request('GET', `/api/v1/calendar/working-days?from=${day}&to=${day}`, {
            token: as('syt'),
          })
        ).body.days[0].working as boolean;
      expect(await working()).toBe(false);

      const corrected = await t.request('PATCH', `/api/v1/calendar/adjustments/${day}`, {
        token: as('thuky'),
        body: { version: 1, kind: 'WORKING_DAY', reason: 'Làm việc bình thường' },
      });
      expect(corrected.status).toBe(200);
      expect(corrected.body).toMatchObject({
        day,
        kind: 'WORKING_DAY',
        reason: 'Làm việc bình thường',
        reference: 'CV 1/UBND',
        version: 2,
      });
      const [update] = await audit('calendar.update', day);
      expect(update.before).toMatchObject({ kind: 'DAY_OFF', reason: 'Nghỉ bù nhầm', version: 1 });
      expect(update.after).toMatchObject({ kind: 'WORKING_DAY', version: 2 });
      expect(await working()).toBe(true);

      const stale = await t.request('DELETE', `/api/v1/calendar/adjustments/${day}?version=1`, {
        token: as('thuky'),
      });
      expect(stale.status).toBe(409);
      expectErrorShape(stale.body, 'VERSION_CONFLICT');

      const deleted = await t.request('DELETE', `/api/v1/calendar/adjustments/${day}?version=2`, {
        token: as('thuky'),
      });
      expect(deleted.status).toBe(200);
      const [removal] = await audit('calendar.delete', day);
      expect(removal.before).toMatchObject({ kind: 'WORKING_DAY', version: 2 });
      expect(await query(`SELECT 1 FROM calendar_adjustment WHERE day = $1`, [day])).toEqual([]);
      expect(await working()).toBe(true); // a Friday, back to the ordinary calendar
    });

    it('is the secretariat’s alone to correct or delete', async () => {
      const added = await add();
      expect(added.status).toBe(201);
      for (const who of ['syt', 'lanhdao', 'admin']) {
        const patch = await t.request('PATCH', `/api/v1/calendar/adjustments/${day}`, {
          token: as(who),
          body: { version: 1, reason: 'Không được' },
        });
        expect(patch.status).toBe(403);
        expectErrorShape(patch.body, 'FORBIDDEN');
        const del = await t.request('DELETE', `/api/v1/calendar/adjustments/${day}?version=1`, {
          token: as(who),
        });
        expect(del.status).toBe(403);
      }
      expect(await audit('calendar.update', day)).toHaveLength(1); // the first test's only
      const cleanup = await t.request('DELETE', `/api/v1/calendar/adjustments/${day}?version=1`, {
        token: as('thuky'),
      });
      expect(cleanup.status).toBe(200);
    });

    it('keeps a built-in official day: corrected, it becomes the secretariat’s; never deleted', async () => {
      const tet = '2024-02-08';
      const [{ version }] = await query(
        `SELECT version FROM calendar_adjustment WHERE day = $1 AND created_by_id IS NULL`,
        [tet],
      );
      const del = await t.request(
        'DELETE',
        `/api/v1/calendar/adjustments/${tet}?version=${version}`,
        {
          token: as('thuky'),
        },
      );
      expect(del.status).toBe(409);
      expectErrorShape(del.body, 'CONFLICT');
      const corrected = await t.request('PATCH', `/api/v1/calendar/adjustments/${tet}`, {
        token: as('thuky'),
        body: { version, reference: 'Thông báo số 5015/TB-LĐTBXH (bản đính chính)' },
      });
      expect(corrected.status).toBe(200);
      expect(corrected.body).toMatchObject({ builtIn: false, version: version + 1 });
    });

    it('refuses a bad day, a bad kind, a missing version and an unknown day in the one shape', async () => {
      const badDay = await t.request('PATCH', '/api/v1/calendar/adjustments/2024-02-30', {
        token: as('thuky'),
        body: { version: 1, reason: 'x' },
      });
      expect(badDay.status).toBe(400);
      expectErrorShape(badDay.body, 'VALIDATION_FAILED');
      const badBody = await t.request('PATCH', '/api/v1/calendar/adjustments/2024-02-08', {
        token: as('thuky'),
        body: { kind: 'HOLIDAY' },
      });
      expect(badBody.status).toBe(400);
      const fields = badBody.body.details.fields.map((f: { field: string }) => f.field).sort();
      expect(fields).toEqual(['kind', 'version']);
      const noVersion = await t.request('DELETE', '/api/v1/calendar/adjustments/2024-02-08', {
        token: as('thuky'),
      });
      expect(noVersion.status).toBe(400);
      const unknown = await t.request(
        'DELETE',
        '/api/v1/calendar/adjustments/2024-06-03?version=1',
        {
          token: as('thuky'),
        },
      );
      expect(unknown.status).toBe(404);
      expectErrorShape(unknown.body, 'NOT_FOUND');
    });
  });

  describe("an agency's focal-point addresses", () => {
    const version = async () =>
      (await t.request('GET', '/api/v1/agencies/BYT', { token: as('thuky') })).body
        .version as number;

    it('are corrected by the secretariat, audited; the rest of the agency stays the admin’s', async () => {
      const v = await version();
      const res = await t.request('PATCH', '/api/v1/agencies/BYT', {
        token: as('thuky'),
        body: { version: v, contactEmails: ['Van.Thu@BYT.example'] },
      });
      expect(res.status).toBe(200);
      expect(res.body.contactEmails).toEqual(['van.thu@byt.example']);
      const rows = await audit('agency.update', 'BYT');
      expect(rows.at(-1)!.actor_email).toBe('thuky@demo.example');

      const rename = await t.request('PATCH', '/api/v1/agencies/BYT', {
        token: as('thuky'),
        body: { version: v + 1, shortName: 'Bộ Y tế (sửa)' },
      });
      expect(rename.status).toBe(403);
      expectErrorShape(rename.body, 'FORBIDDEN');
      const both = await t.request('PATCH', '/api/v1/agencies/BYT', {
        token: as('thuky'),
        body: { version: v + 1, shortName: 'Bộ Y tế (sửa)', contactEmails: [] },
      });
      expect(both.status).toBe(403);
      const stale = await t.request('PATCH', '/api/v1/agencies/BYT', {
        token: as('thuky'),
        body: { version: v, contactEmails: ['khac@byt.example'] },
      });
      expect(stale.status).toBe(409);
      expectErrorShape(stale.body, 'VERSION_CONFLICT');
      const bad = await t.request('PATCH', '/api/v1/agencies/BYT', {
        token: as('thuky'),
        body: { version: v + 1, contactEmails: ['khong-phai-email'] },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details.fields).toEqual([
        expect.objectContaining({ field: 'contactEmails' }),
      ]);
      for (const who of ['syt', 'lanhdao']) {
        const refused = await t.request('PATCH', '/api/v1/agencies/BYT', {
          token: as(who),
          body: { version: v + 1, contactEmails: ['x@byt.example'] },
        });
        expect(refused.status).toBe(403);
      }
      expect(await audit('agency.update', 'BYT')).toHaveLength(rows.length);
    });
  });
});
