import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { byUrgency } from '../../src/recommendations/domain/urgency.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * The views say what the asking user may do next (issue 11, item 2): per role, for a pilot with
 * its guard failing and passing, a letter in each state and a blocker in each state. Every
 * offered command is one the API then accepts from that user.
 */
describe('what the asking user may do, as the views say it', () => {
  let t: TestApp;
  let db: DataSource;
  const clock = new FixedClock(new Date('2024-01-15T03:00:00Z'));
  const tokens: Record<string, string> = {};
  const USERS = {
    owner: 'syt@demo.example',
    other: 'sgtvt@demo.example',
    secretariat: 'thuky@demo.example',
    leadership: 'lanhdao@demo.example',
    admin: 'admin@demo.example',
  } as const;
  type Who = keyof typeof USERS;
  const ALL = Object.keys(USERS) as Who[];
  let pilotNumber: number;

  const as = <T = any>(who: Who, method: string, url: string, body?: unknown) =>
    t.request<T>(method, `/api/v1${url}`, { token: tokens[who], body });
  const read = async (who: Who, url: string) => {
    const res = await as(who, 'GET', url);
    expect(res.status).toBe(200);
    return res.body;
  };
  /** The same GET for every user, keyed by who asked. */
  const readAll = async (url: string) =>
    Object.fromEntries(await Promise.all(ALL.map(async (w) => [w, await read(w, url)])));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    db = t.app.get(DataSource);
    for (const who of ALL) tokens[who] = await t.login(USERS[who]);
    // A pilot of SYT's alone, made OPERATING with nothing open and no recent report.
    const [row] = await db.query(
      `SELECT p.number FROM pilot p
        WHERE EXISTS (SELECT 1 FROM pilot_lead_agency l JOIN agency a ON a.id = l.agency_id
                       WHERE l.pilot_id = p.id AND a.code = 'SYT')
          AND NOT EXISTS (SELECT 1 FROM pilot_lead_agency l JOIN agency a ON a.id = l.agency_id
                           WHERE l.pilot_id = p.id AND a.code = 'SGTVT')
        ORDER BY p.number LIMIT 1`,
    );
    pilotNumber = row.number;
    await db.query(`UPDATE pilot SET state = 'OPERATING' WHERE number = $1`, [pilotNumber]);
    await db.query(
      `UPDATE blocker SET state = 'RESOLVED' WHERE pilot_id = (SELECT id FROM pilot WHERE number = $1)`,
      [pilotNumber],
    );
    await db.query(
      `DELETE FROM pilot_report WHERE period IN ('2024-01', '2023-12')
          AND pilot_id = (SELECT id FROM pilot WHERE number = $1)`,
      [pilotNumber],
    );
  });
  afterAll(() => t.close());

  const moves = (p: any) =>
    p.allowedMoves.map((m: any) => [m.to, m.rule, m.reasonRequired, m.problems]);

  describe('pilots', () => {
    let blockerId: string;

    it('guard failing (an open blocker, no report this period or the last): the completion is offered with its problems to its writers only', async () => {
      const created = await as('owner', 'POST', '/blockers', {
        pilotNumber,
        title: 'Thiếu thiết bị đọc thẻ',
        description: 'Các trạm y tế chưa có thiết bị đọc thẻ căn cước.',
        category: 'INFRASTRUCTURE',
        authority: 'PROVINCE',
      });
      expect(created.status).toBe(201);
      blockerId = created.body.id;

      const views = await readAll(`/pilots/${pilotNumber}`);
      const problems = [
        'mô hình còn 1 vướng mắc chưa giải quyết',
        'chưa có báo cáo tiến độ tháng 01/2024 hoặc tháng 12/2023',
      ];
      const writerMoves = [
        ['PILOTING', 'reason', true, []],
        ['COMPLETED', 'guard', false, problems],
        ['SUSPENDED', 'reason', true, []],
      ];
      expect(views.owner).toMatchObject({ canWrite: true, ledByUserAgency: true });
      expect(moves(views.owner)).toEqual(writerMoves);
      expect(views.secretariat).toMatchObject({ canWrite: true, ledByUserAgency: false });
      expect(moves(views.secretariat)).toEqual(writerMoves);
      for (const who of ['other', 'leadership', 'admin'] as const) {
        expect(views[who]).toMatchObject({
          canWrite: false,
          ledByUserAgency: false,
          allowedMoves: [],
        });
      }
      // The guard's refusal is the API's own.
      const refused = await as('owner', 'POST', `/pilots/${pilotNumber}/transitions`, {
        to: 'COMPLETED',
        version: views.owner.version,
      });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('PILOT_TRANSITION_NOT_ALLOWED');
    });

    it('the list says the same per pilot, and marks exactly the pilots the officer’s agency leads', async () => {
      const list = await read('owner', '/pilots?limit=100');
      const one = await read('owner', `/pilots/${pilotNumber}`);
      const entry = list.items.find((p: any) => p.number === pilotNumber);
      expect(entry).toEqual(one);
      for (const p of list.items) {
        const led = p.leadAgencies.some((a: any) => a.code === 'SYT');
        expect([p.number, p.ledByUserAgency, p.canWrite]).toEqual([p.number, led, led]);
        if (!led) expect(p.allowedMoves).toEqual([]);
      }
      const secretariat = await read('secretariat', '/pilots?limit=100');
      expect(secretariat.items.every((p: any) => p.canWrite && !p.ledByUserAgency)).toBe(true);
    });

    it('one problem left: only the missing report', async () => {
      const resolved = await as('owner', 'POST', `/blockers/${blockerId}/resolve`, {
        resolution: 'Đã trang bị.',
      });
      expect(resolved.status).toBe(200);
      const view = await read('owner', `/pilots/${pilotNumber}`);
      expect(view.allowedMoves.find((m: any) => m.to === 'COMPLETED').problems).toEqual([
        'chưa có báo cáo tiến độ tháng 01/2024 hoặc tháng 12/2023',
      ]);
    });

    it('guard passing: no problems, and the move then succeeds; from COMPLETED only the secretariat may reopen', async () => {
      // This period's report (December 2023 is locked: loaded as report 442 read on its day).
      const report = await as('owner', 'POST', `/pilots/${pilotNumber}/reports`, {
        period: '2024-01',
        progress: 'Đã vận hành ổn định.',
      });
      expect(report.status).toBe(201);
      const views = await readAll(`/pilots/${pilotNumber}`);
      for (const who of ['owner', 'secretariat'] as const) {
        expect(moves(views[who])).toContainEqual(['COMPLETED', 'guard', false, []]);
      }
      const done = await as('owner', 'POST', `/pilots/${pilotNumber}/transitions`, {
        to: 'COMPLETED',
        version: views.owner.version,
      });
      expect(done.status).toBe(200);
      // The answer to a move is the view as its author sees it.
      expect(done.body).toMatchObject({ state: 'COMPLETED', canWrite: true, allowedMoves: [] });

      const after = await readAll(`/pilots/${pilotNumber}`);
      expect(after.owner).toMatchObject({ canWrite: true, allowedMoves: [] });
      expect(moves(after.secretariat)).toEqual([['OPERATING', 'secretariat', true, []]]);
      for (const who of ['other', 'leadership', 'admin'] as const) {
        expect(after[who].allowedMoves).toEqual([]);
      }
    });
  });

  describe('blockers', () => {
    let id: string;
    const commands = async (url: string) => {
      const views = await readAll(url);
      return Object.fromEntries(ALL.map((w) => [w, views[w].allowedCommands]));
    };
    const writers = (list: string[]) => ({
      owner: list,
      other: [],
      secretariat: list,
      leadership: [],
      admin: [],
    });

    it('OPEN: its pilot’s writers may resolve, withdraw, edit it and draft a letter about it', async () => {
      const created = await as('owner', 'POST', '/blockers', {
        pilotNumber,
        title: 'Chưa có hướng dẫn liên thông',
        description: 'Bộ chưa ban hành hướng dẫn.',
        category: 'GUIDANCE',
        authority: 'CENTRAL',
      });
      id = created.body.id;
      expect(created.body.allowedCommands).toEqual([
        'resolve',
        'withdraw',
        'edit',
        'draftRecommendation',
      ]);
      expect(await commands(`/blockers/${id}`)).toEqual(
        writers(['resolve', 'withdraw', 'edit', 'draftRecommendation']),
      );
      const list = await read('other', `/blockers?pilot=${pilotNumber}&limit=100`);
      expect(list.items.every((b: any) => b.allowedCommands.length === 0)).toBe(true);
      expect((await as('other', 'POST', `/blockers/${id}/withdraw`, { reason: 'x' })).status).toBe(
        403,
      );
    });

    it('ESCALATED (a sent letter covers it): the same', async () => {
      const letter = await as('secretariat', 'POST', '/recommendations', {
        summary: 'Đề nghị Bộ Y tế ban hành hướng dẫn liên thông.',
        addresseeCodes: ['BYT'],
        blockerIds: [id],
        documentNumber: '1/TEST-CAT',
        letterDate: '2024-01-10',
        sentAt: '2024-01-10T02:00:00Z',
      });
      expect(letter.status).toBe(201);
      expect((await read('owner', `/blockers/${id}`)).state).toBe('ESCALATED');
      expect(await commands(`/blockers/${id}`)).toEqual(
        writers(['resolve', 'withdraw', 'edit', 'draftRecommendation']),
      );
    });

    it('RESOLVED: reopen and edit; WITHDRAWN: edit only', async () => {
      await as('owner', 'POST', `/blockers/${id}/resolve`, { resolution: 'Bộ đã hướng dẫn.' });
      expect(await commands(`/blockers/${id}`)).toEqual(writers(['reopen', 'edit']));
      const reopened = await as('owner', 'POST', `/blockers/${id}/reopen`, { reason: 'Chưa đủ.' });
      expect(reopened.status).toBe(200);
      const withdrawn = await as('owner', 'POST', `/blockers/${id}/withdraw`, { reason: 'Trùng.' });
      expect(withdrawn.body.state).toBe('WITHDRAWN');
      expect(await commands(`/blockers/${id}`)).toEqual(writers(['edit']));
      const edited = await as('owner', 'PATCH', `/blockers/${id}`, {
        title: 'Chưa có hướng dẫn liên thông dữ liệu',
        version: withdrawn.body.version,
      });
      expect(edited.status).toBe(200);
    });

    it('a cross-cutting blocker (a topic, no pilot) is the secretariat’s alone', async () => {
      const created = await as('secretariat', 'POST', '/blockers', {
        topic: 'Làm sạch dữ liệu tiêm chủng',
        title: 'Dữ liệu tiêm chủng trùng lặp',
        description: 'Cần làm sạch trước khi đồng bộ.',
        category: 'DATA_INTEGRATION',
        authority: 'CENTRAL',
      });
      expect(await commands(`/blockers/${created.body.id}`)).toEqual({
        owner: [],
        other: [],
        secretariat: ['resolve', 'withdraw', 'edit', 'draftRecommendation'],
        leadership: [],
        admin: [],
      });
    });
  });

  describe('recommendations', () => {
    let id: string;
    const facts = async () => {
      const views = await readAll(`/recommendations/${id}`);
      return Object.fromEntries(
        ALL.map((w) => [
          w,
          {
            commands: views[w].allowedCommands,
            level: views[w].activeEscalationLevel,
            followUp: views[w].followUpLetter,
          },
        ]),
      );
    };
    const notYet = (problem: string) => ({ canDraft: false, minLevel: 2, problem });
    const expected = (
      commands: string[],
      level: number,
      followUp: { canDraft: boolean; minLevel: number; problem: string | null },
    ) => ({
      owner: { commands: [], level, followUp: null },
      other: { commands: [], level, followUp: null },
      secretariat: { commands, level, followUp },
      leadership: { commands: [], level, followUp },
      admin: { commands: [], level, followUp: null },
    });
    const notSent = (state: string) =>
      notYet(
        `Chỉ soạn công văn đôn đốc cho kiến nghị đã gửi và đang chờ trả lời (kiến nghị đang ở trạng thái ${state}).`,
      );

    it('DRAFT: the secretariat may send or withdraw it; no follow-up letter yet', async () => {
      const draft = await as('secretariat', 'POST', '/recommendations', {
        summary: 'Đề nghị Bộ Y tế hướng dẫn kết nối dữ liệu khám chữa bệnh.',
        addresseeCodes: ['BYT'],
      });
      expect(draft.status).toBe(201);
      id = draft.body.id;
      expect(await facts()).toEqual(expected(['send', 'withdraw'], 0, notSent('DRAFT')));
    });

    it('SENT below the follow-up level, then at it: the letter can be drafted by the secretariat and leadership', async () => {
      const sent = await as('secretariat', 'POST', `/recommendations/${id}/send`, {
        documentNumber: '2/TEST-CAT',
        letterDate: '2024-01-02',
        sentAt: '2024-01-02T02:00:00Z',
        responseDueAt: '2024-01-05T02:00:00Z',
      });
      expect(sent.status).toBe(200);
      expect(await facts()).toEqual(
        expected(
          ['respond', 'withdraw'],
          0,
          notYet(
            'Chỉ soạn công văn đôn đốc khi kiến nghị đã đến mức đôn đốc 2 trở lên (hiện ở mức 0).',
          ),
        ),
      );
      for (const level of [1, 2]) {
        await db.query(
          `INSERT INTO escalation_event (recommendation_id, agency_id, cycle, level, repeat, level_name, outcome, due_at, occurred_at, working_days_overdue)
           SELECT $1, ra.agency_id, 1, $2, 0, $3, 'FIRED', '2024-01-05T02:00:00Z', '2024-01-05T02:00:00Z', 0
             FROM recommendation_addressee ra WHERE ra.recommendation_id = $1`,
          [id, level, `Mức ${level}`],
        );
      }
      expect(await facts()).toEqual(
        expected(['respond', 'withdraw'], 2, { canDraft: true, minLevel: 2, problem: null }),
      );
      const letter = await t.request('GET', `/api/v1/recommendations/${id}/follow-up-letter`, {
        token: tokens.leadership,
      });
      expect(letter.status).toBe(200);
    });

    it('ANSWERED: respond again, close or reopen; the level no longer counts', async () => {
      const answered = await as('secretariat', 'POST', `/recommendations/${id}/responses`, {
        documentNumber: '9/BYT-CNTT',
        date: '2024-01-12',
        summary: 'Bộ Y tế đã hướng dẫn.',
      });
      expect(answered.body).toMatchObject({ escalationLevel: 2, activeEscalationLevel: 0 });
      expect(await facts()).toEqual(
        expected(['respond', 'close', 'reopen'], 0, notSent('ANSWERED')),
      );
    });

    it('CLOSED and WITHDRAWN: nothing left to do', async () => {
      await as('secretariat', 'POST', `/recommendations/${id}/close`, {});
      expect(await facts()).toEqual(expected([], 0, notSent('CLOSED')));
      const draft = await as('secretariat', 'POST', '/recommendations', {
        summary: 'Dự thảo sẽ rút.',
        addresseeCodes: ['BCA'],
      });
      id = draft.body.id;
      await as('secretariat', 'POST', `/recommendations/${id}/withdraw`, { reason: 'Không cần.' });
      expect(await facts()).toEqual(expected([], 0, notSent('WITHDRAWN')));
    });

    it('sort=urgency orders every match by the domain rule and pages after sorting', async () => {
      const all = await read('leadership', '/recommendations?sort=urgency&limit=100');
      expect(all.total).toBeGreaterThan(5);
      expect(all.items.map((r: any) => r.id)).toEqual(
        [...all.items].sort(byUrgency).map((r: any) => r.id),
      );
      const second = await read('leadership', '/recommendations?sort=urgency&limit=3&offset=3');
      expect(second.items.map((r: any) => r.id)).toEqual(
        all.items.slice(3, 6).map((r: any) => r.id),
      );
      const bad = await as('leadership', 'GET', '/recommendations?sort=newest');
      expect(bad.status).toBe(400);
    });
  });

  it('declares the new fields in the OpenAPI document', async () => {
    const doc = (await t.request('GET', '/api/docs-json')).body;
    const props = (name: string) => Object.keys(doc.components.schemas[name].properties);
    expect(props('PilotView')).toEqual(
      expect.arrayContaining(['ledByUserAgency', 'canWrite', 'allowedMoves']),
    );
    expect(props('PilotMoveView')).toEqual(['to', 'rule', 'reasonRequired', 'problems']);
    expect(props('RecommendationView')).toEqual(
      expect.arrayContaining(['allowedCommands', 'activeEscalationLevel', 'followUpLetter']),
    );
    expect(props('FollowUpLetterView')).toEqual(['canDraft', 'minLevel', 'problem']);
    expect(props('BlockerView')).toEqual(expect.arrayContaining(['allowedCommands']));
    const ok = (path: string) =>
      doc.paths[path].get.responses['200'].content['application/json'].schema.$ref;
    expect(ok('/api/v1/pilots/{number}')).toBe('#/components/schemas/PilotView');
    expect(ok('/api/v1/pilots')).toBe('#/components/schemas/PilotPage');
    expect(ok('/api/v1/recommendations/{id}')).toBe('#/components/schemas/RecommendationView');
    expect(ok('/api/v1/blockers/{id}')).toBe('#/components/schemas/BlockerView');
  });
});
