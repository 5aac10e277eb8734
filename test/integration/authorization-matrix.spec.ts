import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';

type Who = 'ADMIN' | 'SECRETARIAT' | 'OFFICER_OWN' | 'OFFICER_OTHER' | 'LEADERSHIP';
const WHO: Who[] = ['ADMIN', 'SECRETARIAT', 'OFFICER_OWN', 'OFFICER_OTHER', 'LEADERSHIP'];

interface WriteCase {
  name: string;
  allowed: Who[];
  /** Builds the request; `own` ids belong to pilot 6 (SYT), the OFFICER_OWN's agency. */
  request: (ids: Ids) => { method: string; url: string; body?: unknown };
}

interface Ids {
  ownBlocker: string;
  otherBlocker: string;
  topicBlocker: string;
  resolvedOwnBlocker: string;
  draft: string;
  sent: string;
  answered: string;
  pilot6Version: number;
  pilot5Version: number;
  ownBlockerVersion: number;
  /** A letter request OFFICER_OWN filed about ownBlocker. */
  ownRequest: string;
  userId: string;
  userVersion: number;
  agencyVersion: number;
  serial: number;
}

const ON_PILOT: Who[] = ['SECRETARIAT', 'OFFICER_OWN'];
const SECRETARIAT: Who[] = ['SECRETARIAT'];

const CASES: WriteCase[] = [
  {
    name: 'transition a pilot',
    allowed: ON_PILOT,
    request: (i) => ({
      method: 'POST',
      url: '/api/v1/pilots/6/transitions',
      body: { to: 'OPERATING', version: i.pilot6Version },
    }),
  },
  {
    name: 'file a report',
    allowed: ON_PILOT,
    request: () => ({
      method: 'POST',
      url: '/api/v1/pilots/6/reports',
      body: { period: '2024-01', progress: 'Tiến độ' },
    }),
  },
  {
    name: 'raise a blocker on a pilot',
    allowed: ON_PILOT,
    request: () => ({
      method: 'POST',
      url: '/api/v1/blockers',
      body: {
        pilotNumber: 6,
        title: 'T',
        description: 'D',
        category: 'OTHER',
        authority: 'PROVINCE',
      },
    }),
  },
  {
    name: 'raise a cross-cutting blocker',
    allowed: SECRETARIAT,
    request: () => ({
      method: 'POST',
      url: '/api/v1/blockers',
      body: {
        topic: 'Chủ đề',
        title: 'T',
        description: 'D',
        category: 'OTHER',
        authority: 'CENTRAL',
      },
    }),
  },
  {
    name: 'edit a blocker',
    allowed: ON_PILOT,
    request: (i) => ({
      method: 'PATCH',
      url: `/api/v1/blockers/${i.ownBlocker}`,
      body: { title: 'Tiêu đề mới', version: i.ownBlockerVersion },
    }),
  },
  {
    name: 'edit a cross-cutting blocker',
    allowed: SECRETARIAT,
    request: (i) => ({
      method: 'PATCH',
      url: `/api/v1/blockers/${i.topicBlocker}`,
      body: { title: 'Tiêu đề mới', version: 1 },
    }),
  },
  {
    name: 'resolve a blocker',
    allowed: ON_PILOT,
    request: (i) => ({
      method: 'POST',
      url: `/api/v1/blockers/${i.ownBlocker}/resolve`,
      body: { resolution: 'Đã xử lý' },
    }),
  },
  {
    name: 'withdraw a blocker',
    allowed: ON_PILOT,
    request: (i) => ({
      method: 'POST',
      url: `/api/v1/blockers/${i.ownBlocker}/withdraw`,
      body: { reason: 'Không còn' },
    }),
  },
  {
    name: 'reopen a blocker',
    allowed: ON_PILOT,
    request: (i) => ({
      method: 'POST',
      url: `/api/v1/blockers/${i.resolvedOwnBlocker}/reopen`,
      body: { reason: 'Tái diễn' },
    }),
  },
  {
    name: 'draft a recommendation for own blockers',
    allowed: ON_PILOT,
    request: (i) => ({
      method: 'POST',
      url: '/api/v1/recommendations',
      body: { blockerIds: [i.ownBlocker], addresseeCodes: ['BCA'], summary: 'Đề nghị' },
    }),
  },
  {
    name: 'ask for a letter about own blocker',
    allowed: ON_PILOT,
    request: (i) => ({
      method: 'POST',
      url: '/api/v1/letter-requests',
      body: { blockerId: i.ownBlocker, addresseeCode: 'BYT', question: 'Đề nghị', impact: 'Vì' },
    }),
  },
  {
    name: 'turn a letter request into a draft',
    allowed: SECRETARIAT,
    request: (i) => ({ method: 'POST', url: `/api/v1/letter-requests/${i.ownRequest}/draft` }),
  },
  {
    name: 'decline a letter request',
    allowed: SECRETARIAT,
    request: (i) => ({
      method: 'POST',
      url: `/api/v1/letter-requests/${i.ownRequest}/decline`,
      body: { reason: 'Không cần' },
    }),
  },
  {
    name: 'withdraw a letter request (its author)',
    allowed: ['OFFICER_OWN'],
    request: (i) => ({ method: 'POST', url: `/api/v1/letter-requests/${i.ownRequest}/withdraw` }),
  },
  {
    name: 'record a letter already sent',
    allowed: SECRETARIAT,
    request: () => ({
      method: 'POST',
      url: '/api/v1/recommendations',
      body: {
        addresseeCodes: ['BCA'],
        summary: 'Đề nghị',
        documentNumber: '1/X',
        letterDate: '2024-01-10',
        sentAt: '2024-01-10T08:00:00+07:00',
      },
    }),
  },
  {
    name: 'send a recommendation',
    allowed: SECRETARIAT,
    request: (i) => ({
      method: 'POST',
      url: `/api/v1/recommendations/${i.draft}/send`,
      body: { documentNumber: '2/X', letterDate: '2024-01-15' },
    }),
  },
  {
    name: 'record an answer',
    allowed: SECRETARIAT,
    request: (i) => ({
      method: 'POST',
      url: `/api/v1/recommendations/${i.sent}/responses`,
      body: { documentNumber: '3/Y', date: '2024-01-14', summary: 'Trả lời' },
    }),
  },
  {
    name: 'close a recommendation',
    allowed: SECRETARIAT,
    request: (i) => ({
      method: 'POST',
      url: `/api/v1/recommendations/${i.answered}/close`,
      body: {},
    }),
  },
  {
    name: 'withdraw a recommendation',
    allowed: SECRETARIAT,
    request: (i) => ({
      method: 'POST',
      url: `/api/v1/recommendations/${i.sent}/withdraw`,
      body: { reason: 'Rút' },
    }),
  },
  {
    name: 'reopen a recommendation',
    allowed: SECRETARIAT,
    request: (i) => ({
      method: 'POST',
      url: `/api/v1/recommendations/${i.answered}/reopen`,
      body: { reason: 'Chưa đủ' },
    }),
  },
  {
    name: 'lock a period',
    allowed: SECRETARIAT,
    request: () => ({ method: 'POST', url: '/api/v1/periods/2024-01/lock' }),
  },
  {
    name: 'unlock a period',
    allowed: SECRETARIAT,
    request: () => ({ method: 'POST', url: '/api/v1/periods/2023-12/unlock' }),
  },
  {
    name: 'create an account',
    allowed: ['ADMIN'],
    request: (i) => ({
      method: 'POST',
      url: '/api/v1/users',
      body: {
        email: `moi${i.serial}@khanhhoa.example`,
        name: 'Người mới',
        role: 'LEADERSHIP',
        password: 'mat-khau-du-dai-123',
      },
    }),
  },
  {
    name: 'edit an account',
    allowed: ['ADMIN'],
    request: (i) => ({
      method: 'PATCH',
      url: `/api/v1/users/${i.userId}`,
      body: { name: 'Tên mới', version: i.userVersion },
    }),
  },
  {
    name: 'create an agency',
    allowed: ['ADMIN'],
    request: (i) => ({
      method: 'POST',
      url: '/api/v1/agencies',
      body: {
        code: `SO${i.serial}`,
        name: 'Sở mới',
        shortName: 'Sở mới',
        kind: 'PROVINCIAL_DEPARTMENT',
      },
    }),
  },
  {
    name: 'edit an agency',
    allowed: ['ADMIN'],
    request: (i) => ({
      method: 'PATCH',
      url: '/api/v1/agencies/SYT',
      body: { shortName: 'Sở Y tế', version: i.agencyVersion },
    }),
  },
];

/** The mirror: pilot 5 belongs to OFFICER_OTHER's agency (SDL), not to OFFICER_OWN's. */
const ON_PILOT_5: Who[] = ['SECRETARIAT', 'OFFICER_OTHER'];
const OTHER_AGENCY_CASES: WriteCase[] = [
  {
    name: 'transition pilot 5',
    allowed: ON_PILOT_5,
    request: (i) => ({
      method: 'POST',
      url: '/api/v1/pilots/5/transitions',
      body: { to: 'OPERATING', version: i.pilot5Version },
    }),
  },
  {
    name: 'report on pilot 5',
    allowed: ON_PILOT_5,
    request: () => ({
      method: 'POST',
      url: '/api/v1/pilots/5/reports',
      body: { period: '2024-01', progress: 'x' },
    }),
  },
  {
    name: 'resolve a blocker of pilot 5',
    allowed: ON_PILOT_5,
    request: (i) => ({
      method: 'POST',
      url: `/api/v1/blockers/${i.otherBlocker}/resolve`,
      body: { resolution: 'x' },
    }),
  },
  {
    name: 'draft for a blocker of pilot 5',
    allowed: ON_PILOT_5,
    request: (i) => ({
      method: 'POST',
      url: '/api/v1/recommendations',
      body: { blockerIds: [i.otherBlocker], addresseeCodes: ['BCA'], summary: 'x' },
    }),
  },
  {
    name: 'ask for a letter about a blocker of pilot 5',
    allowed: ON_PILOT_5,
    request: (i) => ({
      method: 'POST',
      url: '/api/v1/letter-requests',
      body: { blockerId: i.otherBlocker, addresseeCode: 'BCA', question: 'x', impact: 'y' },
    }),
  },
];

/*
 * Comments on a pilot, a blocker and a letter (issue 16, item 5; src/comments/domain/
 * comment-rules.ts). Everyone signed in reads every pilot, blocker and letter (drafts included),
 * so everyone reads and adds comments on them — an officer on another agency's pilot too, and
 * leadership, whose comment is its "ý kiến chỉ đạo": a comment changes no object. Editing is the
 * author's alone, on whatever object and however old the comment (each edit is marked "đã sửa"
 * and audited with the text before); deleting is the author's, or the secretariat's as the
 * conversation's moderator. Nobody else edits or deletes, admin included.
 */
type CommentOn = 'pilot 6' | 'pilot 5' | 'a blocker of pilot 6' | 'a cross-cutting blocker';
type LetterOn = 'a sent letter' | 'a draft letter';
interface CommentCase {
  name: string;
  act: 'list' | 'add' | 'edit' | 'delete';
  on: CommentOn | LetterOn;
  /** For edit and delete: who wrote the comment. */
  author?: Who;
  allowed: Who[];
}
const COMMENT_TARGETS: (CommentOn | LetterOn)[] = [
  'pilot 6',
  'pilot 5',
  'a blocker of pilot 6',
  'a cross-cutting blocker',
  'a sent letter',
  'a draft letter',
];
/** Whose comment on what is edited and deleted: each author once, on each kind of object. */
const AUTHORED: [Who, CommentOn | LetterOn][] = [
  ['OFFICER_OWN', 'pilot 6'],
  ['OFFICER_OTHER', 'pilot 6'], // an officer's comment on another agency's pilot
  ['OFFICER_OWN', 'a blocker of pilot 6'],
  ['LEADERSHIP', 'a sent letter'],
  ['SECRETARIAT', 'pilot 5'],
  ['ADMIN', 'a draft letter'],
];
const COMMENT_CASES: CommentCase[] = [
  ...COMMENT_TARGETS.flatMap((on): CommentCase[] => [
    { name: `list the comments on ${on}`, act: 'list', on, allowed: [...WHO] },
    { name: `comment on ${on}`, act: 'add', on, allowed: [...WHO] },
  ]),
  ...AUTHORED.map(([author, on]): CommentCase => ({
    name: `edit a comment of ${author} on ${on}`,
    act: 'edit',
    on,
    author,
    allowed: [author],
  })),
  ...AUTHORED.map(([author, on]): CommentCase => ({
    name: `delete a comment of ${author} on ${on}`,
    act: 'delete',
    on,
    author,
    allowed: [...new Set<Who>([author, 'SECRETARIAT'])],
  })),
];

const TABLES = [
  'agency',
  'app_user',
  'pilot',
  'pilot_lead_agency',
  'pilot_state_change',
  'report_period',
  'pilot_report',
  'blocker',
  'recommendation',
  'recommendation_addressee',
  'recommendation_blocker',
  'recommendation_response',
  'letter_request',
  'audit_entry',
  'setting',
  'comment',
];

describe('authorization matrix: every write × role × own/other agency, and comments on every object', () => {
  let t: TestApp;
  let tokens: Record<Who, string>;
  let fingerprint: () => Promise<string>;
  const forbidden: string[] = [];
  let serial = 0;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2024-01-15T03:00:00Z')) });
    const logins: Record<Who, string> = {
      ADMIN: 'admin',
      SECRETARIAT: 'thuky',
      OFFICER_OWN: 'syt',
      OFFICER_OTHER: 'sdl',
      LEADERSHIP: 'lanhdao',
    };
    tokens = Object.fromEntries(
      await Promise.all(WHO.map(async (w) => [w, await t.login(`${logins[w]}@demo.example`)])),
    ) as Record<Who, string>;
    const ds = t.app.get(DataSource);
    fingerprint = async () => {
      const parts = await Promise.all(
        TABLES.map((table) =>
          ds.query(
            `SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${table} x`,
          ),
        ),
      );
      return parts.map((p) => p[0].h).join(':');
    };
  });
  afterAll(() => t.close());

  /** Fresh objects for each case, made by the secretariat, so every request is otherwise valid. */
  async function freshIds(): Promise<Ids> {
    const s = tokens.SECRETARIAT;
    // Earlier cases may have moved the pilots or locked the period: put them back.
    await t.app.get(DataSource).query(`UPDATE pilot SET state = 'PILOTING' WHERE number IN (5, 6)`);
    await t.app
      .get(DataSource)
      .query(
        `UPDATE report_period SET locked_at = NULL, locked_by_id = NULL WHERE period = '2024-01'`,
      );
    const post = async (url: string, body: unknown) => {
      const res = await t.request('POST', url, { token: s, body });
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${res.raw}`);
      return res.body;
    };
    const blocker = (pilotNumber: number) =>
      post('/api/v1/blockers', {
        pilotNumber,
        title: 'Vướng mắc',
        description: 'Mô tả',
        category: 'OTHER',
        authority: 'CENTRAL',
      });
    const ownBlocker = (await blocker(6)).id;
    const otherBlocker = (await blocker(5)).id;
    const topicBlocker = (
      await post('/api/v1/blockers', {
        topic: 'Chung',
        title: 'V',
        description: 'M',
        category: 'OTHER',
        authority: 'CENTRAL',
      })
    ).id;
    const resolvedOwnBlocker = (await blocker(6)).id;
    await post(`/api/v1/blockers/${resolvedOwnBlocker}/resolve`, { resolution: 'Xong' });
    const draft = (
      await post('/api/v1/recommendations', {
        blockerIds: [ownBlocker],
        addresseeCodes: ['BCA'],
        summary: 'Dự thảo',
      })
    ).id;
    const sentBody = {
      blockerIds: [ownBlocker],
      addresseeCodes: ['BCA'],
      summary: 'Đã gửi',
      documentNumber: '9/X',
      letterDate: '2024-01-02',
      sentAt: '2024-01-02T08:00:00+07:00',
    };
    const sent = (await post('/api/v1/recommendations', sentBody)).id;
    const answered = (await post('/api/v1/recommendations', sentBody)).id;
    await post(`/api/v1/recommendations/${answered}/responses`, {
      documentNumber: '10/Y',
      date: '2024-01-10',
      summary: 'Đã trả lời',
    });
    await post('/api/v1/periods/2023-12/lock', {});
    const request = await t.request('POST', '/api/v1/letter-requests', {
      token: tokens.OFFICER_OWN,
      body: { blockerId: ownBlocker, addresseeCode: 'BCA', question: 'Đề nghị', impact: 'Vì' },
    });
    if (request.status !== 201) throw new Error(`letter request: ${request.status} ${request.raw}`);
    const version = async (url: string) =>
      (await t.request('GET', url, { token: s })).body.version as number;
    serial += 1;
    const user = await t.request('POST', '/api/v1/users', {
      token: tokens.ADMIN,
      body: {
        email: `dich${serial}@khanhhoa.example`,
        name: 'Đích',
        role: 'LEADERSHIP',
        password: 'mat-khau-du-dai-123',
      },
    });
    if (user.status !== 201) throw new Error(`create user: ${user.status} ${user.raw}`);
    return {
      ownBlocker,
      otherBlocker,
      topicBlocker,
      resolvedOwnBlocker,
      draft,
      sent,
      answered,
      pilot6Version: await version('/api/v1/pilots/6'),
      pilot5Version: await version('/api/v1/pilots/5'),
      ownBlockerVersion: await version(`/api/v1/blockers/${ownBlocker}`),
      ownRequest: request.body.id,
      userId: user.body.id,
      userVersion: user.body.version,
      agencyVersion: await version('/api/v1/agencies/SYT'),
      serial,
    };
  }

  const matrix = [...CASES, ...OTHER_AGENCY_CASES].flatMap((c) =>
    WHO.map((who) => [c.name, who, c] as const),
  );

  /**
   * The objects a refused request left untouched, with their fingerprint: the next case may use
   * them as they are, since the database is exactly as freshIds() left it (a refusal that changed
   * anything fails its own case, and nothing is kept then).
   */
  let untouched: { ids: Ids; fingerprint: string } | undefined;

  it.each(matrix)('%s as %s', async (_name, who, c) => {
    const kept = untouched;
    untouched = undefined;
    const ids = kept?.ids ?? (await freshIds());
    const { method, url, body } = c.request(ids);
    const before = kept?.fingerprint ?? (await fingerprint());
    const res = await t.request(method, url, { token: tokens[who], body: body ?? {} });
    if (c.allowed.includes(who)) {
      expect(res.status).toBeLessThan(300);
      // Every write leaves its trail, with the request it came from.
      const trail = await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM audit_entry WHERE request_id = $1`, [
          res.headers['x-request-id'],
        ]);
      expect(trail[0].n).toBeGreaterThanOrEqual(1);
    } else {
      forbidden.push(`${c.name} as ${who}`);
      expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
      expect(res.body.message).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i); // Vietnamese
      const after = await fingerprint();
      expect(after).toBe(before);
      untouched = { ids, fingerprint: after };
    }
  });

  /** Where each object's comments are, made once for the comment cases. */
  let commentUrls: Promise<Record<CommentOn | LetterOn, string>> | undefined;
  async function makeCommentUrls(): Promise<Record<CommentOn | LetterOn, string>> {
    const post = async (url: string, body: unknown) => {
      const res = await t.request('POST', url, { token: tokens.SECRETARIAT, body });
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${res.raw}`);
      return res.body.id as string;
    };
    const blocker = await post('/api/v1/blockers', {
      pilotNumber: 6,
      title: 'Vướng mắc để bình luận',
      description: 'Mô tả',
      category: 'OTHER',
      authority: 'CENTRAL',
    });
    const topic = await post('/api/v1/blockers', {
      topic: 'Chung',
      title: 'Vướng mắc chung để bình luận',
      description: 'Mô tả',
      category: 'OTHER',
      authority: 'CENTRAL',
    });
    const letter = { blockerIds: [blocker], addresseeCodes: ['BCA'], summary: 'Kiến nghị' };
    const sent = await post('/api/v1/recommendations', {
      ...letter,
      documentNumber: '11/X',
      letterDate: '2024-01-02',
      sentAt: '2024-01-02T08:00:00+07:00',
    });
    const draft = await post('/api/v1/recommendations', letter);
    return {
      'pilot 6': '/api/v1/pilots/6/comments',
      'pilot 5': '/api/v1/pilots/5/comments',
      'a blocker of pilot 6': `/api/v1/blockers/${blocker}/comments`,
      'a cross-cutting blocker': `/api/v1/blockers/${topic}/comments`,
      'a sent letter': `/api/v1/recommendations/${sent}/comments`,
      'a draft letter': `/api/v1/recommendations/${draft}/comments`,
    };
  }

  const commentMatrix = COMMENT_CASES.flatMap((c) => WHO.map((who) => [c.name, who, c] as const));

  it.each(commentMatrix)('%s as %s', async (_name, who, c) => {
    const url = (await (commentUrls ??= makeCommentUrls()))[c.on];
    let comment: { id: string; version: number } | undefined;
    if (c.author) {
      const made = await t.request('POST', url, {
        token: tokens[c.author],
        body: { body: `Ý kiến của ${c.author}` },
      });
      if (made.status !== 201) throw new Error(`comment: ${made.status} ${made.raw}`);
      comment = made.body;
    }
    const before = await fingerprint();
    const res =
      c.act === 'list'
        ? await t.request('GET', url, { token: tokens[who] })
        : c.act === 'add'
          ? await t.request('POST', url, { token: tokens[who], body: { body: 'Ý kiến mới' } })
          : c.act === 'edit'
            ? await t.request('PATCH', `/api/v1/comments/${comment!.id}`, {
                token: tokens[who],
                body: { body: 'Nội dung đã sửa', version: comment!.version },
              })
            : await t.request('DELETE', `/api/v1/comments/${comment!.id}`, { token: tokens[who] });
    if (c.act === 'list') {
      // A read: everyone, and nothing changes.
      expect([res.status, Array.isArray(res.body.items)]).toEqual([200, true]);
      expect(await fingerprint()).toBe(before);
    } else if (c.allowed.includes(who)) {
      expect(res.status).toBe({ add: 201, edit: 200, delete: 204 }[c.act]);
      if (c.act === 'edit') expect(res.body).toMatchObject({ body: 'Nội dung đã sửa', version: 2 });
      const trail = await t.app
        .get(DataSource)
        .query(`SELECT action FROM audit_entry WHERE request_id = $1`, [
          res.headers['x-request-id'],
        ]);
      expect(trail).toEqual([{ action: `comment.${c.act}` }]);
    } else {
      forbidden.push(`${c.name} as ${who}`);
      expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
      expect(res.body.message).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i); // Vietnamese
      expect(await fingerprint()).toBe(before);
    }
  });

  afterAll(() => {
    // Printed so the run shows how much of the matrix is a refusal.
    console.warn(
      `authorization matrix: ${matrix.length + commentMatrix.length} cases, ${forbidden.length} forbidden writes refused with 403 and no change`,
    );
  });
});
