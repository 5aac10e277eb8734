import { DataSource } from 'typeorm';
import { inTransaction } from '../../src/common/transaction-retry.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  newAgency,
  newOfficer,
  newPilot,
  secretariatToken,
  type NewPilot,
} from '../support/factories.js';

describe('concurrent writes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  /** A pilot in `state` and a signed-in focal point of its lead agency. */
  const pilotAndOfficer = async (
    options: Parameters<typeof newPilot>[1],
  ): Promise<{ pilot: NewPilot; token: string }> => {
    const pilot = await newPilot(t, options);
    const officer = await newOfficer(t, pilot.leadAgencies[0]);
    return { pilot, token: await t.login(officer.email) };
  };
  afterAll(() => t.close());

  it('of 50 transitions of one pilot with the same version, exactly one wins; history has one entry', async () => {
    const { pilot, token } = await pilotAndOfficer({ state: 'PREPARING' });
    const before = (await t.request('GET', `/api/v1/pilots/${pilot.number}`, { token })).body;
    expect(before.state).toBe('PREPARING');
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.request('POST', `/api/v1/pilots/${pilot.number}/transitions`, {
          token,
          body: { to: 'PILOTING', version: before.version },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(new Set(responses.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(
      new Set(['VERSION_CONFLICT']),
    );
    const history = await t.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS n FROM pilot_state_change c JOIN pilot p ON p.id = c.pilot_id WHERE p.number = $1 AND c.from_state IS NOT NULL`,
        [pilot.number],
      );
    expect(history[0].n).toBe(1);
    const after = (await t.request('GET', `/api/v1/pilots/${pilot.number}`, { token })).body;
    expect(after).toMatchObject({ state: 'PILOTING', version: before.version + 1 });
  });

  it('of 20 edits of one report with the same version, exactly one is kept and none is lost silently', async () => {
    const { pilot, token } = await pilotAndOfficer({
      state: 'OPERATING',
      reports: [{ period: '2023-12' }],
    });
    const first = await t.request('POST', `/api/v1/pilots/${pilot.number}/reports`, {
      token,
      body: { period: '2023-12', progress: 'gốc', version: 1 },
    });
    const version = first.body.version;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.request('POST', `/api/v1/pilots/${pilot.number}/reports`, {
          token,
          body: { period: '2023-12', progress: `bản ${i}`, version },
        }),
      ),
    );
    const winners = responses.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(
      responses.filter((r) => r.status === 409).every((r) => r.body.code === 'VERSION_CONFLICT'),
    ).toBe(true);
    const [stored] = await t.app
      .get(DataSource)
      .query(
        `SELECT r.progress FROM pilot_report r JOIN pilot p ON p.id = r.pilot_id WHERE p.number = $1 AND r.period = '2023-12'`,
        [pilot.number],
      );
    expect(stored.progress).toBe(winners[0].body.progress);
  });

  it('of 10 first reports of a period sent with version 0 at once, exactly one is filed', async () => {
    const { pilot, token } = await pilotAndOfficer({ state: 'PILOTING' });
    const period = '2024-01';
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.request('POST', `/api/v1/pilots/${pilot.number}/reports`, {
          token,
          body: { period, progress: `Báo cáo lần ${i}`, version: 0 },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    // Editing a report that does not exist is a conflict, not a silent creation.
    const missing = await t.request('POST', `/api/v1/pilots/${pilot.number}/reports`, {
      token,
      body: { period: '2023-11', progress: 'Sửa báo cáo không có', version: 3 },
    });
    expect(missing.status).toBe(409);
    expect(missing.body.code).toBe('VERSION_CONFLICT');
  });
});

/**
 * Letters and blockers locked together (issue 10, defect 14): many writes at once on shared
 * blockers each succeed or answer a coded 409, never a 500, and leave every open blocker
 * ESCALATED exactly while a SENT letter covers it, with one audit entry per successful write.
 */
describe('concurrent letters on shared blockers', () => {
  let t: TestApp;
  let token: string;
  let pilotNumber: number;
  let addresseeCode: string;
  const db = () => t.app.get(DataSource);
  const SENT = {
    documentNumber: '1/TCTĐA06-CAT',
    letterDate: '2024-01-10',
    sentAt: '2024-01-10T08:00:00+07:00',
    responseDueAt: '2024-02-10T08:00:00+07:00',
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    token = await secretariatToken(t);
    pilotNumber = (await newPilot(t)).number;
    addresseeCode = (await newAgency(t, { kind: 'MINISTRY' })).code;
  });
  afterAll(() => t.close());

  const blockers = async (n: number, label: string): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await t.request('POST', '/api/v1/blockers', {
        token,
        body: {
          pilotNumber,
          title: `${label} ${i}`,
          description: 'Cần bộ, ngành trung ương hướng dẫn',
          category: 'LEGAL',
          authority: 'CENTRAL',
        },
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    return ids;
  };

  const letter = (blockerIds: string[], i: number, sent: boolean) =>
    t.request('POST', '/api/v1/recommendations', {
      token,
      body: {
        blockerIds,
        addresseeCodes: [addresseeCode],
        summary: `Kiến nghị ${i}`,
        ...(sent ? { ...SENT, documentNumber: `${i}/TCTĐA06-CAT` } : {}),
      },
    });

  /** Every answer is a success or a coded 409; never a 5xx. */
  const expectNo500 = (responses: { status: number; body: any }[], ok: number[]) => {
    const unexpected = responses.filter(
      (r) => !ok.includes(r.status) && !(r.status === 409 && r.body?.code === 'CONFLICT'),
    );
    expect(unexpected.map((r) => `${r.status} ${r.body?.code}: ${r.body?.message}`)).toEqual([]);
  };

  /** Each open blocker is ESCALATED iff a SENT letter covers it; the trail replays to its state. */
  const expectConsistent = async (ids: string[]) => {
    const rows: { id: string; state: string; covered: boolean }[] = await db().query(
      `SELECT b.id, b.state, EXISTS (
          SELECT 1 FROM recommendation_blocker rb JOIN recommendation r ON r.id = rb.recommendation_id
           WHERE rb.blocker_id = b.id AND r.state = 'SENT') AS covered
         FROM blocker b WHERE b.id = ANY($1::uuid[])`,
      [ids],
    );
    expect(rows).toHaveLength(ids.length);
    for (const b of rows) {
      if (b.state === 'OPEN' || b.state === 'ESCALATED')
        expect({ id: b.id, state: b.state }).toEqual({
          id: b.id,
          state: b.covered ? 'ESCALATED' : 'OPEN',
        });
      const trail: { before: { state: string } | null; after: { state: string } }[] =
        await db().query(
          `SELECT before, after FROM audit_entry WHERE entity_type = 'blocker' AND entity_id = $1 ORDER BY id`,
          [b.id],
        );
      // Each entry starts where the previous one ended: no write was lost or recorded twice.
      for (let i = 1; i < trail.length; i++)
        expect(trail[i].before?.state).toBe(trail[i - 1].after.state);
      expect(trail.at(-1)!.after.state).toBe(b.state);
    }
  };

  /** One `recommendation.<action>` entry per successful write, none for refused ones. */
  const expectAudited = async (action: string, ids: string[]) => {
    const [{ n }] = await db().query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action = $1 AND entity_id = ANY($2::text[])`,
      [action, ids],
    );
    expect(n).toBe(ids.length);
  };

  /** Letters created one after another (setting the scene, not racing). */
  const serially = async (
    numbers: number[],
    create: (i: number) => Promise<{ status: number; body: any }>,
  ): Promise<string[]> => {
    const ids: string[] = [];
    for (const i of numbers) {
      const res = await create(i);
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    return ids;
  };

  const createdIds = (responses: { status: number; body: any }[]) =>
    responses.filter((r) => r.status === 201).map((r) => r.body.id as string);

  it.each([
    ['drafts', false],
    ['sent letters', true],
  ])('16 %s on one blocker at once all succeed or answer 409, none 500', async (label, sent) => {
    const [blocker] = await blockers(1, `Một vướng mắc (${label})`);
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, i) => letter([blocker], i, sent)),
    );
    expectNo500(responses, [201]);
    const ids = createdIds(responses);
    expect(ids.length).toBeGreaterThan(0);
    await expectAudited('recommendation.create', ids);
    await expectConsistent([blocker]);
    const [{ state }] = await db().query(`SELECT state FROM blocker WHERE id = $1`, [blocker]);
    expect(state).toBe(sent ? 'ESCALATED' : 'OPEN');
  });

  it.each([
    ['drafts', false],
    ['sent letters', true],
  ])(
    '16 %s on overlapping sets of blockers at once all succeed or answer 409, none 500',
    async (label, sent) => {
      const ids = await blockers(6, `Chồng chéo (${label})`);
      // Each letter names three blockers, in an order of its own, so the sets overlap every way.
      const sets = Array.from({ length: 16 }, (_, i) => {
        const set = [ids[i % 6], ids[(i + 1) % 6], ids[(i + 3) % 6]];
        return i % 2 ? set.reverse() : set;
      });
      const responses = await Promise.all(sets.map((set, i) => letter(set, i, sent)));
      expectNo500(responses, [201]);
      await expectAudited('recommendation.create', createdIds(responses));
      await expectConsistent(ids);
    },
  );

  it('sends, answers, withdrawals and new sent letters sharing blockers at once keep blockers in line', async () => {
    const ids = await blockers(5, 'Gửi, trả lời, rút');
    const set = (i: number) => [ids[i % 5], ids[(i + 2) % 5], ids[(i + 4) % 5]];
    const drafts = await serially([0, 1, 2, 3, 4, 5], (i) => letter(set(i), i, false));
    const sent = await serially([6, 7, 8, 9, 10, 11], (i) => letter(set(i), i, true));
    const post = (id: string, command: string, body: object) =>
      t.request('POST', `/api/v1/recommendations/${id}/${command}`, { token, body });
    const moves: {
      action: string;
      id?: string;
      run: () => Promise<{ status: number; body: any }>;
    }[] = [
      ...drafts.map((id) => ({
        action: 'send',
        id,
        run: () =>
          post(id, 'send', {
            documentNumber: '2/TCTĐA06-CAT',
            letterDate: '2024-01-11',
            ...pick(SENT),
          }),
      })),
      ...sent.slice(0, 3).map((id) => ({
        action: 'respond',
        id,
        run: () =>
          post(id, 'responses', {
            documentNumber: '9/BYT-CNTT',
            date: '2024-01-20',
            summary: 'Đã trả lời',
          }),
      })),
      ...sent.slice(3).map((id) => ({
        action: 'withdraw',
        id,
        run: () => post(id, 'withdraw', { reason: 'Không cần nữa' }),
      })),
      ...[12, 13, 14, 15].map((i) => ({
        action: 'create',
        run: () => letter(set(i).reverse(), i, true),
      })),
    ];
    const responses = await Promise.all(moves.map((move) => move.run()));
    expectNo500(responses, [200, 201]);
    const succeeded = (action: string) =>
      moves
        .map((move, i) =>
          move.action === action && responses[i].status < 300
            ? (move.id ?? responses[i].body.id)
            : null,
        )
        .filter((id): id is string => id !== null);
    for (const action of ['send', 'respond', 'withdraw', 'create'])
      await expectAudited(`recommendation.${action}`, succeeded(action));
    await expectConsistent(ids);
  });

  it('resolving blockers while letters covering them are sent keeps both in line', async () => {
    const ids = await blockers(4, 'Giải quyết khi gửi');
    const drafts = await serially([0, 1, 2, 3, 4, 5, 6, 7], (i) =>
      letter([ids[i % 4], ids[(i + 1) % 4]], i, false),
    );
    const responses = await Promise.all([
      ...drafts.map((id) =>
        t.request('POST', `/api/v1/recommendations/${id}/send`, {
          token,
          body: { documentNumber: '3/TCTĐA06-CAT', letterDate: '2024-01-11', ...pick(SENT) },
        }),
      ),
      ...ids.slice(0, 2).map((id) =>
        t.request('POST', `/api/v1/blockers/${id}/resolve`, {
          token,
          body: { resolution: 'Bộ đã hướng dẫn' },
        }),
      ),
    ]);
    expectNo500(responses, [200]);
    const states: { id: string; state: string }[] = await db().query(
      `SELECT id, state FROM blocker WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    for (const b of states) expect(b.state).toBe(ids.indexOf(b.id) < 2 ? 'RESOLVED' : 'ESCALATED');
    await expectConsistent(ids);
  });

  it('letters named on blockers being resolved at once link them only while they are open', async () => {
    const ids = await blockers(4, 'Giải quyết khi lập kiến nghị');
    const responses = await Promise.all([
      ...Array.from({ length: 12 }, (_, i) =>
        letter([ids[i % 4], ids[(i + 1) % 4]], i, i % 2 === 0),
      ),
      ...ids.slice(0, 2).map((id) =>
        t.request('POST', `/api/v1/blockers/${id}/resolve`, {
          token,
          body: { resolution: 'Bộ đã hướng dẫn' },
        }),
      ),
    ]);
    // A letter that comes after the resolution is refused (400), as it is when not racing.
    expectNo500(responses, [200, 201, 400]);
    expect(responses.slice(12).map((r) => r.status)).toEqual([200, 200]);
    for (const r of responses.filter((r) => r.status === 400))
      expect(r.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [{ field: 'blockerIds' }] },
      });
    const late = await db().query(
      `SELECT rb.recommendation_id, rb.blocker_id FROM recommendation_blocker rb
         JOIN audit_entry c ON c.action = 'recommendation.create' AND c.entity_id = rb.recommendation_id::text
         JOIN audit_entry r ON r.action = 'blocker.resolve' AND r.entity_id = rb.blocker_id::text
        WHERE rb.blocker_id = ANY($1::uuid[]) AND r.id < c.id`,
      [ids],
    );
    expect(late).toEqual([]);
    await expectAudited('recommendation.create', createdIds(responses));
    await expectConsistent(ids);
  });

  it('a transaction chosen as the deadlock victim runs again and succeeds', async () => {
    const [a, b] = await blockers(2, 'Khóa chéo');
    let attempts = 0;
    let arrived = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
    // Two transactions lock the same two rows in opposite orders: PostgreSQL aborts one (40P01).
    const crossLock = (first: string, second: string) =>
      inTransaction(db(), async (m) => {
        attempts++;
        await m.query(`SELECT id FROM blocker WHERE id = $1 FOR UPDATE`, [first]);
        if (++arrived === 2) release();
        await bothHoldOne;
        await m.query(`SELECT id FROM blocker WHERE id = $1 FOR UPDATE`, [second]);
        return first;
      });
    await expect(Promise.all([crossLock(a, b), crossLock(b, a)])).resolves.toEqual([a, b]);
    expect(attempts).toBe(3);
  });
});

function pick(sent: { sentAt: string; responseDueAt: string }) {
  return { sentAt: sent.sentAt, responseDueAt: sent.responseDueAt };
}
