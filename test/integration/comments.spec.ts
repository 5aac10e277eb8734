import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';

/*
 * Issue 16, item 5: comments on pilots, blockers and letters. Everyone who reads an object reads
 * and comments on it (leadership too: its "ý kiến chỉ đạo"); the author edits (with the version
 * read, leaving the "đã sửa" mark) and deletes; the secretariat deletes any; every change is in
 * the object's audit trail with the text before and after; bad input is 400 in the error shape.
 */
describe('comments API', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2024-01-15T03:00:00Z'));
  const tokens: Record<string, string> = {};
  const api = (who: string, method: string, url: string, body?: unknown) =>
    t.request(method, `/api/v1${url}`, { token: tokens[who], body });
  let blockerId: string;
  let letterId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    for (const who of ['thuky', 'lanhdao', 'syt', 'sdl', 'admin'])
      tokens[who] = await t.login(`${who}@demo.example`);
    blockerId = (await api('thuky', 'GET', '/blockers?pilot=6')).body.items[0].id;
    letterId = (await api('thuky', 'GET', '/recommendations?pilot=6')).body.items[0].id;
  });
  afterAll(() => t.close());

  const trail = async (entityType: string, entityId: string) =>
    (await api('thuky', 'GET', `/audit?entityType=${entityType}&entityId=${entityId}`)).body
      .items as {
      action: string;
      actor: { email: string; name: string };
      before: any;
      after: any;
    }[];

  it('lets every role read and comment on a pilot, a blocker and a letter, each audited on its object', async () => {
    const targets = [
      { url: '/pilots/6/comments', audit: ['pilot', '6'] },
      { url: `/blockers/${blockerId}/comments`, audit: ['blocker', blockerId] },
      { url: `/recommendations/${letterId}/comments`, audit: ['recommendation', letterId] },
    ];
    for (const target of targets) {
      for (const who of ['syt', 'sdl', 'lanhdao', 'thuky', 'admin']) {
        clock.set(new Date(clock.now().getTime() + 60_000)); // a minute apart: a clear order
        const res = await api(who, 'POST', target.url, { body: `Ý kiến của ${who} về đối tượng` });
        expect([who, res.status]).toEqual([who, 201]);
        expect(res.body).toMatchObject({
          body: `Ý kiến của ${who} về đối tượng`,
          editedAt: null,
          version: 1,
          canEdit: true,
          canDelete: true,
        });
      }
      const list = await api('sdl', 'GET', target.url);
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(5);
      // Oldest first, each with its author's name; others' comments are not sdl's to edit.
      expect(list.body.items.map((c: any) => c.author.name)).toHaveLength(5);
      expect(list.body.items[0].body).toBe('Ý kiến của syt về đối tượng');
      expect(list.body.items.filter((c: any) => c.canEdit)).toHaveLength(1);
      const added = (await trail(target.audit[0], target.audit[1])).filter(
        (e) => e.action === 'comment.add',
      );
      expect(added).toHaveLength(5);
      expect(added.map((e) => e.actor.email).sort()).toEqual(
        ['admin', 'lanhdao', 'sdl', 'syt', 'thuky'].map((w) => `${w}@demo.example`).sort(),
      );
      expect(added.every((e) => e.actor.name !== null && e.after.body.startsWith('Ý kiến'))).toBe(
        true,
      );
    }
  });

  it('stores the text in NFC, trimmed, with its diacritics', async () => {
    const decomposed = '  Khánh Hòa: đề nghị bổ sung số liệu  '.normalize('NFD');
    const res = await api('syt', 'POST', '/pilots/6/comments', { body: decomposed });
    expect(res.status).toBe(201);
    expect(res.body.body).toBe('Khánh Hòa: đề nghị bổ sung số liệu'.normalize('NFC'));
    const [row] = await t.app
      .get(DataSource)
      .query(`SELECT body FROM comment WHERE id = $1`, [res.body.id]);
    expect(row.body).toBe('Khánh Hòa: đề nghị bổ sung số liệu');
    expect(row.body).toBe(row.body.normalize('NFC'));
  });

  it('lets only the author edit, with the version read, and marks the comment edited', async () => {
    const made = (await api('syt', 'POST', '/pilots/6/comments', { body: 'Bản đầu' })).body;
    const other = await api('thuky', 'PATCH', `/comments/${made.id}`, {
      body: 'Thư ký sửa',
      version: 1,
    });
    expect([other.status, other.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(other.body.message).toBe('Chỉ người viết bình luận được sửa bình luận đó.');
    clock.set(new Date('2024-01-15T06:00:00Z'));
    const edited = await api('syt', 'PATCH', `/comments/${made.id}`, {
      body: 'Bản đã sửa',
      version: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      body: 'Bản đã sửa',
      version: 2,
      editedAt: '2024-01-15T06:00:00.000Z',
      createdAt: made.createdAt,
    });
    const stale = await api('syt', 'PATCH', `/comments/${made.id}`, {
      body: 'Bản cũ',
      version: 1,
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    expect(stale.body.details).toEqual({ currentVersion: 2, sentVersion: 1 });
    const entry = (await trail('pilot', '6')).find((e) => e.action === 'comment.edit');
    expect(entry).toMatchObject({
      actor: { email: 'syt@demo.example' },
      before: { body: 'Bản đầu', editedAt: null },
      after: { body: 'Bản đã sửa', editedAt: '2024-01-15T06:00:00.000Z' },
    });
  });

  it('lets the author or the secretariat delete, keeping the text in the trail', async () => {
    const mine = (await api('sdl', 'POST', `/blockers/${blockerId}/comments`, { body: 'Xóa tôi' }))
      .body;
    for (const who of ['syt', 'lanhdao', 'admin']) {
      const refused = await api(who, 'DELETE', `/comments/${mine.id}`);
      expect([who, refused.status, refused.body.code]).toEqual([who, 403, 'FORBIDDEN']);
    }
    expect((await api('sdl', 'DELETE', `/comments/${mine.id}`)).status).toBe(204);
    expect((await api('sdl', 'DELETE', `/comments/${mine.id}`)).status).toBe(404);
    const moderated = (
      await api('syt', 'POST', `/blockers/${blockerId}/comments`, { body: 'Thư ký xóa' })
    ).body;
    expect((await api('thuky', 'DELETE', `/comments/${moderated.id}`)).status).toBe(204);
    const deletions = (await trail('blocker', blockerId)).filter(
      (e) => e.action === 'comment.delete',
    );
    expect(deletions.map((e) => [e.actor.email, e.before.body])).toEqual([
      ['thuky@demo.example', 'Thư ký xóa'],
      ['sdl@demo.example', 'Xóa tôi'],
    ]);
    const bodies = (
      await api('syt', 'GET', `/blockers/${blockerId}/comments?limit=100`)
    ).body.items.map((c: any) => c.body);
    expect(bodies).not.toContain('Xóa tôi');
    expect(bodies).not.toContain('Thư ký xóa');
  });

  it('refuses bad input with 400 in the error shape, and unknown objects with 404', async () => {
    const count = async () =>
      (await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM comment`))[0].n;
    const before = await count();
    const cases: [unknown, string][] = [
      [{ body: '' }, 'body không được để trống'],
      [{ body: '   \n\t ' }, 'body không được để trống'],
      [{ body: 'x'.repeat(4001) }, 'body tối đa 4000 ký tự'],
      [{ body: 42 }, 'body phải là chuỗi ký tự'],
      [{}, 'body không được để trống'],
    ];
    for (const [body, problem] of cases) {
      const res = await api('syt', 'POST', '/pilots/6/comments', body);
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.body.details.fields).toContainEqual(
        expect.objectContaining({ field: 'body', problems: expect.arrayContaining([problem]) }),
      );
    }
    const extra = await api('syt', 'POST', '/pilots/6/comments', { body: 'Được', pinned: true });
    expect([extra.status, extra.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const nul = await api('syt', 'POST', '/pilots/6/comments', { body: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect((await api('syt', 'POST', '/pilots/999/comments', { body: 'Ý kiến' })).status).toBe(404);
    const missing = await api(
      'syt',
      'POST',
      `/blockers/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/comments`,
      {
        body: 'Ý kiến',
      },
    );
    expect([missing.status, missing.body.code]).toEqual([404, 'NOT_FOUND']);
    expect((await api('syt', 'GET', '/recommendations/not-a-uuid/comments')).status).toBe(400);
    const noVersion = await api('syt', 'PATCH', `/comments/${blockerId}`, { body: 'x' });
    expect([noVersion.status, noVersion.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await t.request('GET', '/api/v1/pilots/6/comments')).status).toBe(401);
    expect(await count()).toBe(before);
  });
});
