import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import type { EscalationPolicy } from '../../src/escalation/domain/policy.js';
import { startTestApp, type TestApp, type TestResponse } from '../support/app.js';
import {
  newAgency,
  newBlocker,
  newDraftRecommendation,
  newOfficer,
  newPilot,
  newSentRecommendation,
  newUser,
  type NewAgency,
  type NewUser,
  type PilotStateName,
} from '../support/factories.js';
import { policyFields, textOf, WebClient, type WebResponse } from '../support/web.js';

/*
 * Issue 11, item 3: the authorization matrix run through the web as well as the API.
 *
 * The pages call the API in-process as the signed-in user, so they should be able to do exactly
 * what the API lets that user do. Each row of the tables below is checked against BOTH channels:
 * the action is taken through the API (bearer token) on one fresh object and through the web
 * form (session cookie, CSRF token, url-encoded form, no browser) on another, equal one, and each
 * channel's outcome must be the table's. A divergence on either side fails its row.
 *
 * allowed: the API answers 2xx / the page answers 303 (a download: 200 .docx), and the change is
 *          visible afterwards through the API.
 * refused: the API answers 403/404 / the page answers 403/404 and says why (the API's message,
 *          or the web's own role gate), and no row of the database changed.
 */

const WHO = ['admin', 'secretariat', 'leadership', 'leadOfficer', 'otherOfficer'] as const;
type Who = (typeof WHO)[number];

const Y = 'allowed';
const _ = 'refused';
type Outcome = typeof Y | typeof _;

/**
 * Role × write action → outcome, for the API and the web alike. Every action here has both an
 * API endpoint and a web form; the web form is posted by hand where the page does not offer it to
 * that role (an officer's letter already sent, for one: /kien-nghi/moi offers officers a draft
 * for their own pilots' blockers only, and the post with "sent" fields is refused as the API
 * refuses it).
 */
// prettier-ignore
const WRITES = {
  //                                              admin  secretariat  leadership  officer of   officer of
  //                                                                              lead agency  other agency
  'move a pilot (PILOTING → OPERATING)':          [_,    Y,           _,          Y,           _],
  'reopen a completed pilot (secretariat move)':  [_,    Y,           _,          _,           _],
  "file a pilot's monthly report":                [_,    Y,           _,          Y,           _],
  "enter an indicator value (owner's officer)":   [_,    Y,           _,          Y,           _],
  // Of an agency merged into the lead agency (product.md §9): its successor's officers enter it.
  'enter an indicator value (successor officer)': [_,    Y,           _,          Y,           _],
  'raise a blocker on a pilot':                   [_,    Y,           _,          Y,           _],
  'resolve a blocker':                            [_,    Y,           _,          Y,           _],
  'withdraw a blocker':                           [_,    Y,           _,          Y,           _],
  "draft a letter about a pilot's blocker":       [_,    Y,           _,          Y,           _],
  "ask for a letter about a pilot's blocker":     [_,    Y,           _,          Y,           _],
  'turn a letter request into a draft':           [_,    Y,           _,          _,           _],
  'decline a letter request':                     [_,    Y,           _,          _,           _],
  'withdraw a letter request (its author)':       [_,    _,           _,          Y,           _],
  'record a letter already sent':                 [_,    Y,           _,          _,           _],
  'send a letter':                                [_,    Y,           _,          _,           _],
  'record an answer to a letter':                 [_,    Y,           _,          _,           _],
  'close a letter':                               [_,    Y,           _,          _,           _],
  'withdraw a letter':                            [_,    Y,           _,          _,           _],
  'reopen a letter':                              [_,    Y,           _,          _,           _],
  'draft a follow-up letter (.docx)':             [_,    Y,           Y,          _,           _],
  'lock a period':                                [_,    Y,           _,          _,           _],
  'unlock a period':                              [_,    Y,           _,          _,           _],
  'change the escalation policy':                 [_,    Y,           _,          _,           _],
  'add a calendar adjustment':                    [_,    Y,           _,          _,           _],
  'create an account':                            [Y,    _,           _,          _,           _],
  'update an account':                            [Y,    _,           _,          _,           _],
  "update an agency's focal points":              [Y,    Y,           _,          _,           _],
  'retry a failed notification':                  [Y,    Y,           _,          _,           _],
  'send the leadership digest':                   [_,    Y,           _,          _,           _],
  // Comments (issue 16, item 5): everyone comments; only the author edits; the author or the
  // secretariat deletes — here a comment of the lead agency's officer on its pilot.
  'comment on a pilot':                           [Y,    Y,           Y,          Y,           Y],
  "edit the lead officer's comment":              [_,    _,           _,          Y,           _],
  "delete the lead officer's comment":            [_,    Y,           _,          Y,           _],
} as const satisfies Record<string, readonly [Outcome, Outcome, Outcome, Outcome, Outcome]>;
type WriteName = keyof typeof WRITES;

/**
 * Role × page → who sees the data. `both`: the API answers and the page shows it; `api`: the
 * API answers, the web keeps the page to fewer roles (the settings area); `none`: neither. There
 * is deliberately no "web only": a page never shows what the API refuses.
 */
const B = 'both';
const A = 'api';
const X = 'none';
type Visibility = typeof B | typeof A | typeof X;

// prettier-ignore
const READS = {
  //                                                            admin  secretariat  leadership  officer of   officer of
  //                                                                                            lead agency  other agency
  'pilot page ⇄ GET /pilots/:n':                                [B,    B,           B,          B,           B],
  'letter page ⇄ GET /recommendations/:id':                     [B,    B,           B,          B,           B],
  "letter page's outbox ⇄ GET /notifications":                  [B,    B,           X,          X,           X],
  'escalation policy settings ⇄ GET /escalation-policy':        [B,    B,           A,          A,           A],
  'calendar settings ⇄ GET /calendar/adjustments':              [B,    B,           A,          A,           A],
  'agency settings ⇄ GET /agencies':                            [B,    B,           A,          A,           A],
  'period settings ⇄ GET /periods':                             [B,    B,           A,          A,           A],
  'monthly report .docx ⇄ GET /reports/monthly':                [B,    B,           A,          A,           A],
  'account list ⇄ GET /users':                                  [B,    X,           X,          X,           X],
  'account page ⇄ GET /users/:id':                              [B,    X,           X,          X,           X],
  'letter requests queue ⇄ GET /letter-requests/queue':         [X,    B,           X,          X,           X],
} as const satisfies Record<string, readonly [Visibility, Visibility, Visibility, Visibility, Visibility]>;
type ReadName = keyof typeof READS;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ROLE_GATE = 'Trang này không dành cho vai trò của bạn.';

/** Every table a write can touch (not the sessions or the login throttle). */
const TABLES = [
  'agency',
  'app_user',
  'pilot',
  'pilot_lead_agency',
  'pilot_state_change',
  'pilot_report',
  'indicator_value',
  'indicator_value_revision',
  'report_period',
  'period_snapshot',
  'blocker',
  'recommendation',
  'recommendation_addressee',
  'recommendation_blocker',
  'recommendation_response',
  'letter_request',
  'escalation_event',
  'notification',
  'calendar_adjustment',
  'setting',
  'audit_entry',
  'comment',
];

interface ApiCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
}
interface WebCall {
  method: 'GET' | 'POST';
  path: string;
  fields?: Record<string, string | string[]>;
}
interface WriteCase<O> {
  /** A fresh object for one channel (called once for the API, once for the web). */
  make(): Promise<O>;
  api(o: O): ApiCall;
  web(o: O): WebCall;
  /** Through the API, as an account that may read it: has the action taken effect on `o`? */
  done?(o: O): Promise<boolean>;
  /** A download: allowed is a .docx, there is no change to look for. */
  download?: true;
}

/** Numbers (pilot numbers, versions) differ between the two objects; the rest of a message must not. */
const comparable = (message: string) => message.replace(/\d+/g, '#');

/** dd/mm/yyyy, as the forms take a day. */
const typed = (day: string) => day.split('-').reverse().join('/');

describe('authorization parity: the same role × action matrix through the API and the web', () => {
  let t: TestApp;
  let db: DataSource;
  const clock = new FixedClock(new Date('2024-01-15T03:00:00Z')); // 10:00 in Vietnam, period 2024-01
  const tokens = {} as Record<Who, string>;
  const web = {} as Record<Who, WebClient>;
  const accounts = {} as Record<Who, NewUser>;
  let lead: NewAgency;
  let ministry: NewAgency;
  let levelNames: string[];

  let serial = 0;
  const next = () => ++serial;

  const api = (who: Who, call: ApiCall): Promise<TestResponse> =>
    t.request(call.method, `/api/v1${call.path}`, {
      token: tokens[who],
      body: call.body ?? (call.method === 'GET' ? undefined : {}),
    });
  /** A GET that must succeed, as the secretariat unless said otherwise. */
  const read = async (path: string, who: Who = 'secretariat'): Promise<any> => {
    const res = await api(who, { method: 'GET', path });
    if (res.status !== 200) throw new Error(`GET ${path} as ${who}: ${res.status} ${res.raw}`);
    return res.body;
  };
  const write = async (path: string, body: unknown, method: ApiCall['method'] = 'POST') => {
    const res = await api('secretariat', { method, path, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.raw}`);
    return res.body;
  };
  const sendWeb = (who: Who, call: WebCall): Promise<WebResponse> =>
    call.method === 'GET' ? web[who].get(call.path) : web[who].post(call.path, call.fields ?? {});

  /**
   * Per table, its row count and the sum of its rows' 64-bit hashes: equal before and after means
   * nothing was written. (The sum needs no sort, unlike an md5 of the rows in order: a fifth
   * less time over the eight hundred fingerprints of a run.)
   */
  const fingerprint = async (): Promise<Record<string, string>> => {
    const [row] = await db.query(
      `SELECT ${TABLES.map(
        (table) =>
          `(SELECT count(*) || ':' || coalesce(sum(hashtextextended(x::text, 0)::numeric), 0) FROM ${table} x) AS ${table}`,
      ).join(', ')}`,
    );
    return row;
  };
  const changedTables = (before: Record<string, string>, after: Record<string, string>) =>
    TABLES.filter((table) => before[table] !== after[table]);

  // -------------------------------------------------------------------------------------------
  // Objects, made fresh for each channel of each case

  const BLOCKER_TITLE = 'Chưa có hướng dẫn kết nối Cơ sở dữ liệu quốc gia về dân cư';

  const pilot = async (state: PilotStateName = 'PILOTING') => {
    const p = await newPilot(t, { leadAgencies: [lead], state });
    return { number: p.number, version: (await read(`/pilots/${p.number}`)).version as number };
  };
  const pilotWithBlocker = async () => {
    const p = await pilot();
    const b = await newBlocker(t, { pilot: p, title: BLOCKER_TITLE, authority: 'PROVINCE' });
    return { number: p.number, blocker: b };
  };
  const draftLetter = () => newDraftRecommendation(t, { addresseeCodes: [ministry.code] });
  const sentLetter = () => newSentRecommendation(t, { addresseeCodes: [ministry.code] });
  const answeredLetter = async () => {
    const r = await sentLetter();
    const answered = await write(`/recommendations/${r.id}/responses`, {
      documentNumber: `${next()}/BCA-V03`,
      date: '2024-01-15',
      summary: 'Bộ đã có văn bản hướng dẫn.',
    });
    return { id: r.id, version: answered.version as number };
  };
  const letterState = async (id: string) => (await read(`/recommendations/${id}`)).state;
  const COMMENT = 'Đề nghị Sở cập nhật tiến độ kết nối trước ngày 20.';
  const EDITED_COMMENT = 'Đề nghị Sở cập nhật tiến độ kết nối trước ngày 25.';
  /** A pilot of the lead agency with one comment by its officer. */
  const officerComment = async () => {
    const p = await pilot();
    const res = await api('leadOfficer', {
      method: 'POST',
      path: `/pilots/${p.number}/comments`,
      body: { body: COMMENT },
    });
    if (res.status !== 201) throw new Error(`comment: ${res.status} ${res.raw}`);
    return { number: p.number, id: res.body.id as string, version: res.body.version as number };
  };
  const REQUEST_QUESTION = 'Đề nghị Bộ hướng dẫn kết nối Cơ sở dữ liệu quốc gia về dân cư.';
  const REQUEST_IMPACT = 'Mô hình chưa thể triển khai khi chưa kết nối được dữ liệu.';
  const pilotWithCentralBlocker = async () => {
    const p = await pilot();
    const b = await newBlocker(t, { pilot: p, title: BLOCKER_TITLE, authority: 'CENTRAL' });
    return { number: p.number, blocker: b };
  };
  /** A letter request the lead agency's officer filed (its author). */
  const letterRequest = async (): Promise<{ id: string; version: number; number: number }> => {
    const p = await pilotWithCentralBlocker();
    const res = await api('leadOfficer', {
      method: 'POST',
      path: '/letter-requests',
      body: {
        blockerId: p.blocker.id,
        addresseeCode: ministry.code,
        question: REQUEST_QUESTION,
        impact: REQUEST_IMPACT,
      },
    });
    if (res.status !== 201) throw new Error(`letter request: ${res.status} ${res.raw}`);
    return { id: res.body.id, version: res.body.version, number: p.number };
  };
  const requestState = async (id: string) => (await read(`/letter-requests/${id}`)).state;
  const requestCommand = (
    command: 'draft' | 'decline' | 'withdraw',
    form: string,
    fields: Record<string, string>,
    done: string,
  ): WriteCase<Awaited<ReturnType<typeof letterRequest>>> => ({
    make: letterRequest,
    api: (r) => ({
      method: 'POST',
      path: `/letter-requests/${r.id}/${command}`,
      body: { ...fields, version: r.version },
    }),
    web: (r) => ({
      method: 'POST',
      path: `/kien-nghi/de-nghi/${r.id}/${form}`,
      fields: { ...fields, version: String(r.version), pilotNumber: String(r.number) },
    }),
    done: async (r) => (await requestState(r.id)) === done,
  });
  const pilotState = async (n: number) => (await read(`/pilots/${n}`)).state;
  const blockerState = async (id: string) => (await read(`/blockers/${id}`)).state;

  /** Escalation rows as the engine writes them: the letter has reached these levels. */
  const reachLevels = async (letterId: string, levels: number[]): Promise<string[]> => {
    const [{ due }] = await db.query(
      `SELECT response_due_at AS due FROM recommendation WHERE id = $1`,
      [letterId],
    );
    const ids: string[] = [];
    for (const level of levels) {
      const at = new Date(due.getTime() + (level - 1) * 14 * 86_400_000);
      const [{ id }] = await db.query(
        `INSERT INTO escalation_event (recommendation_id, agency_id, cycle, level, repeat, level_name, outcome, due_at, occurred_at, working_days_overdue)
         SELECT $1, agency_id, 1, $2, 0, $3, 'FIRED', $4, $4, $5
           FROM recommendation_addressee WHERE recommendation_id = $1 AND position = 0 RETURNING id`,
        [letterId, level, levelNames[level - 1], at, (level - 1) * 10],
      );
      ids.push(id);
    }
    return ids;
  };
  /** A mail that failed for good, as the outbox records it (SQL: the outbox has no API to add one). */
  const failedMail = async (
    recipientEmail: string,
    escalationEventId: string | null = null,
  ): Promise<string> => {
    const k = next();
    const [{ id }] = await db.query(
      `INSERT INTO notification (idempotency_key, kind, escalation_event_id, recipient_email, subject,
                                 body_text, body_html, message_id, status, attempts, last_error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'FAILED', 5, '550 mailbox unavailable') RETURNING id`,
      [
        `parity:${k}`,
        escalationEventId ? 'ESCALATION' : 'REPORT_REMINDER',
        escalationEventId,
        recipientEmail,
        '[Đôn đốc] Kiến nghị chưa được trả lời',
        'Kính gửi: Bộ',
        '<p>Kính gửi: Bộ</p>',
        `<parity-${k}@de-an-06.test>`,
      ],
    );
    return id;
  };

  let periodSerial = 0;
  /** 2019-01, 2019-02…: periods nobody else touches (2024-01 stays open for the reports). */
  const freshPeriod = () => {
    const k = periodSerial++;
    return `${2019 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  };
  const periodLocked = async (period: string) =>
    ((await read('/periods')) as { period: string; locked: boolean }[]).some(
      (p) => p.period === period && p.locked,
    );

  /**
   * A fresh agency merged into the lead agency on 1/1/2024, before the clock's day (product.md
   * §9): its duties, its indicators among them, are the lead agency's since.
   */
  const mergedIntoLead = async (): Promise<string> => {
    // One name for all: a refusal names the owner, and both channels' must read alike.
    const old = await newAgency(t, {
      name: 'Sở Thông tin và Truyền thông',
      shortName: 'Sở TT&TT',
    });
    const res = await api('admin', {
      method: 'POST',
      path: '/agency-successions',
      body: {
        kind: 'MERGE',
        effectiveOn: '2024-01-01',
        legalBasis: 'Quyết định sáp nhập (kiểm tra quyền)',
        links: [{ fromCode: old.code, toCode: lead.code, isMain: true }],
      },
    });
    if (res.status !== 201) throw new Error(`succession: ${res.status} ${res.raw}`);
    return old.code;
  };
  /** Entering the 2024-01 value of a fresh indicator, owned by the agency whose code `owner` gives. */
  const indicatorValue = (owner: () => Promise<string>): WriteCase<{ code: string }> => ({
    make: async () => {
      const code = `chiSoThu${next()}`;
      await write('/indicators', {
        code,
        name: 'Hồ sơ đã số hóa',
        unit: 'hồ sơ',
        kind: 'NUMBER',
        agencyCode: await owner(),
        section: 'I.4.3',
        displayOrder: 1,
      });
      return { code };
    },
    api: (o) => ({
      method: 'POST',
      path: `/indicators/${o.code}/values`,
      body: { period: '2024-01', value: 19_416, version: 0 },
    }),
    web: (o) => ({
      method: 'POST',
      path: '/chi-so',
      fields: {
        period: '2024-01',
        [`value.${o.code}`]: '19.416',
        [`version.${o.code}`]: '0',
        [`shown.${o.code}`]: '',
      },
    }),
    done: async (o) =>
      ((await read(`/indicators/${o.code}/values`)) as { period: string; value: number }[]).some(
        (v) => v.period === '2024-01' && v.value === 19_416,
      ),
  });

  let day = Date.parse('2031-03-02T00:00:00Z');
  /** Weekdays of 2031, one each: no adjustment there yet and far from every due date. */
  const freshWeekday = () => {
    do day += 86_400_000;
    while ([0, 6].includes(new Date(day).getUTCDay()));
    return new Date(day).toISOString().slice(0, 10);
  };

  const currentPolicy = async () =>
    (await read('/escalation-policy')) as { policy: EscalationPolicy; version: number };
  const policyBody = (policy: EscalationPolicy) => ({
    responseWorkingDays: policy.responseWorkingDays,
    levels: policy.levels.map((l) => ({ ...l })),
    repeatEveryWorkingDays: policy.repeatEveryWorkingDays,
    digestCron: policy.digestCron,
    reportCutoffDay: policy.reportCutoffDay,
  });

  let retryLetterId: string;

  // -------------------------------------------------------------------------------------------
  // How each action is taken through each channel, and how its effect is seen

  const transition = (to: PilotStateName, reason: string) =>
    ({
      api: (p) => ({
        method: 'POST',
        path: `/pilots/${p.number}/transitions`,
        body: { to, reason: reason || undefined, version: p.version },
      }),
      web: (p) => ({
        method: 'POST',
        path: `/mo-hinh/${p.number}/chuyen-trang-thai`,
        fields: { to, reason, version: String(p.version) },
      }),
      done: async (p) => (await pilotState(p.number)) === to,
    }) satisfies Omit<WriteCase<{ number: number; version: number }>, 'make'>;

  const blockerCommand = (command: 'resolve' | 'withdraw', done: string) => {
    const [field, text, form] =
      command === 'resolve'
        ? (['resolution', 'Sở đã được hướng dẫn và xử lý xong.', 'giai-quyet'] as const)
        : (['reason', 'Không còn là vướng mắc.', 'rut'] as const);
    return {
      make: pilotWithBlocker,
      api: (p) => ({
        method: 'POST',
        path: `/blockers/${p.blocker.id}/${command}`,
        body: { [field]: text, version: p.blocker.version },
      }),
      web: (p) => ({
        method: 'POST',
        path: `/vuong-mac/${p.blocker.id}/${form}`,
        fields: { [field]: text, version: String(p.blocker.version) },
      }),
      done: async (p) => (await blockerState(p.blocker.id)) === done,
    } satisfies WriteCase<Awaited<ReturnType<typeof pilotWithBlocker>>>;
  };

  const letterCommand = <O extends { id: string; version: number }>(
    make: () => Promise<O>,
    command: string,
    action: string,
    body: (r: O) => Record<string, string>,
    form: (r: O) => Record<string, string>,
    done: string,
  ): WriteCase<O> => ({
    make,
    api: (r) => ({
      method: 'POST',
      path: `/recommendations/${r.id}/${command}`,
      body: { ...body(r), version: r.version },
    }),
    web: (r) => ({
      method: 'POST',
      path: `/kien-nghi/${r.id}/${action}`,
      fields: { ...form(r), version: String(r.version) },
    }),
    done: async (r) => (await letterState(r.id)) === done,
  });

  const periodCommand = (lock: boolean): WriteCase<{ period: string }> => ({
    make: async () => {
      const period = freshPeriod();
      if (!lock) await write(`/periods/${period}/lock`, {});
      return { period };
    },
    api: (o) => ({ method: 'POST', path: `/periods/${o.period}/${lock ? 'lock' : 'unlock'}` }),
    web: (o) => ({
      method: 'POST',
      path: `/cai-dat/ky-bao-cao/${o.period}/${lock ? 'khoa' : 'mo-khoa'}`,
      // Locking is confirmed on a page of its own first; this is that page's form.
      ...(lock ? { fields: { confirm: '1' } } : {}),
    }),
    done: async (o) => (await periodLocked(o.period)) === lock,
  });

  const CASES: Record<WriteName, WriteCase<any>> = {
    'move a pilot (PILOTING → OPERATING)': {
      make: () => pilot('PILOTING'),
      ...transition('OPERATING', ''),
    },
    'reopen a completed pilot (secretariat move)': {
      make: () => pilot('COMPLETED'),
      ...transition('OPERATING', 'Vận hành lại theo chỉ đạo của UBND tỉnh'),
    },
    "file a pilot's monthly report": {
      make: () => pilot(),
      api: (p) => ({
        method: 'POST',
        path: `/pilots/${p.number}/reports`,
        body: { period: '2024-01', progress: 'Đã triển khai tại 12 cơ sở.' },
      }),
      web: (p) => ({
        method: 'POST',
        path: `/mo-hinh/${p.number}/bao-cao`,
        fields: { period: '2024-01', progress: 'Đã triển khai tại 12 cơ sở.', metrics: '' },
      }),
      done: async (p) =>
        ((await read(`/pilots/${p.number}/reports`)) as { period: string }[]).some(
          (r) => r.period === '2024-01',
        ),
    },
    // An indicator of the lead agency; the page posts its value field as the form names it.
    "enter an indicator value (owner's officer)": indicatorValue(async () => lead.code),
    'enter an indicator value (successor officer)': indicatorValue(mergedIntoLead),
    'raise a blocker on a pilot': {
      make: () => pilot(),
      api: (p) => ({
        method: 'POST',
        path: '/blockers',
        body: {
          pilotNumber: p.number,
          title: BLOCKER_TITLE,
          description: 'Cần Bộ Công an hướng dẫn.',
          category: 'GUIDANCE',
          authority: 'CENTRAL',
        },
      }),
      web: (p) => ({
        method: 'POST',
        path: `/mo-hinh/${p.number}/vuong-mac`,
        fields: {
          title: BLOCKER_TITLE,
          description: 'Cần Bộ Công an hướng dẫn.',
          category: 'GUIDANCE',
          authority: 'CENTRAL',
        },
      }),
      done: async (p) => (await read(`/blockers?pilot=${p.number}`)).total > 0,
    },
    'resolve a blocker': blockerCommand('resolve', 'RESOLVED'),
    'withdraw a blocker': blockerCommand('withdraw', 'WITHDRAWN'),
    "draft a letter about a pilot's blocker": {
      make: pilotWithBlocker,
      api: (p) => ({
        method: 'POST',
        path: '/recommendations',
        body: {
          blockerIds: [p.blocker.id],
          addresseeCodes: [ministry.code],
          summary: 'Đề nghị Bộ hướng dẫn kết nối dữ liệu.',
        },
      }),
      web: (p) => ({
        method: 'POST',
        path: '/kien-nghi',
        fields: {
          summary: 'Đề nghị Bộ hướng dẫn kết nối dữ liệu.',
          addresseeCodes: ministry.code,
          blockerIds: p.blocker.id,
        },
      }),
      done: async (p) => (await read(`/recommendations?pilot=${p.number}`)).total > 0,
    },
    "ask for a letter about a pilot's blocker": {
      make: pilotWithCentralBlocker,
      api: (p) => ({
        method: 'POST',
        path: '/letter-requests',
        body: {
          blockerId: p.blocker.id,
          addresseeCode: ministry.code,
          question: REQUEST_QUESTION,
          impact: REQUEST_IMPACT,
        },
      }),
      web: (p) => ({
        method: 'POST',
        path: `/mo-hinh/${p.number}/de-nghi-kien-nghi`,
        fields: {
          blockerId: p.blocker.id,
          addresseeCode: ministry.code,
          question: REQUEST_QUESTION,
          impact: REQUEST_IMPACT,
        },
      }),
      done: async (p) => (await read(`/letter-requests?pilot=${p.number}`)).total > 0,
    },
    'turn a letter request into a draft': requestCommand('draft', 'du-thao', {}, 'DRAFTED'),
    'decline a letter request': requestCommand(
      'decline',
      'tu-choi',
      { reason: 'Bộ đã có văn bản hướng dẫn.' },
      'DECLINED',
    ),
    'withdraw a letter request (its author)': requestCommand('withdraw', 'rut', {}, 'WITHDRAWN'),
    'record a letter already sent': {
      make: async () => ({
        ...(await pilotWithBlocker()),
        documentNumber: `${next()}/TCTĐA06-CAT`,
      }),
      api: (p) => ({
        method: 'POST',
        path: '/recommendations',
        body: {
          blockerIds: [p.blocker.id],
          addresseeCodes: [ministry.code],
          summary: 'Đề nghị Bộ hướng dẫn kết nối dữ liệu.',
          documentNumber: p.documentNumber,
          letterDate: '2024-01-15',
          sentAt: '2024-01-15T08:30:00+07:00',
        },
      }),
      web: (p) => ({
        method: 'POST',
        path: '/kien-nghi',
        fields: {
          summary: 'Đề nghị Bộ hướng dẫn kết nối dữ liệu.',
          addresseeCodes: ministry.code,
          blockerIds: p.blocker.id,
          documentNumber: p.documentNumber,
          letterDate: '15/01/2024',
          sentAt: '15/01/2024 08:30',
        },
      }),
      done: async (p) => (await read(`/recommendations?pilot=${p.number}`)).total > 0,
    },
    'send a letter': letterCommand(
      async () => ({ ...(await draftLetter()), number: `${next()}/TCTĐA06-CAT` }),
      'send',
      'gui',
      (r) => ({ documentNumber: r.number, letterDate: '2024-01-15' }),
      (r) => ({
        documentNumber: r.number,
        letterDate: '15/01/2024',
        sentAt: '',
        responseDueAt: '',
      }),
      'SENT',
    ),
    'record an answer to a letter': letterCommand(
      sentLetter,
      'responses',
      'tra-loi',
      () => ({ documentNumber: '77/BCA-V03', date: '2024-01-15', summary: 'Bộ đã hướng dẫn.' }),
      () => ({ documentNumber: '77/BCA-V03', date: '15/01/2024', summary: 'Bộ đã hướng dẫn.' }),
      'ANSWERED',
    ),
    'close a letter': letterCommand(
      answeredLetter,
      'close',
      'dong',
      () => ({}),
      () => ({ note: '' }),
      'CLOSED',
    ),
    'withdraw a letter': letterCommand(
      sentLetter,
      'withdraw',
      'rut',
      () => ({ reason: 'Đã được giải quyết tại tỉnh.' }),
      () => ({ reason: 'Đã được giải quyết tại tỉnh.' }),
      'WITHDRAWN',
    ),
    'reopen a letter': letterCommand(
      answeredLetter,
      'reopen',
      'mo-lai',
      () => ({ reason: 'Câu trả lời chưa đáp ứng.' }),
      () => ({ reason: 'Câu trả lời chưa đáp ứng.', responseDueAt: '' }),
      'SENT',
    ),
    'draft a follow-up letter (.docx)': {
      make: async () => {
        const r = await newSentRecommendation(t, {
          addresseeCodes: [ministry.code],
          sentAt: '2023-11-15T02:00:00Z',
        });
        await reachLevels(r.id, [1, 2]);
        return r;
      },
      api: (r) => ({ method: 'GET', path: `/recommendations/${r.id}/follow-up-letter` }),
      web: (r) => ({ method: 'GET', path: `/kien-nghi/${r.id}/van-ban-don-doc` }),
      download: true,
    },
    'lock a period': periodCommand(true),
    'unlock a period': periodCommand(false),
    'change the escalation policy': {
      make: async () => {
        const current = await currentPolicy();
        const days = 20 + (next() % 10);
        return { ...current, days: days === current.policy.responseWorkingDays ? 31 : days };
      },
      api: (o) => ({
        method: 'PUT',
        path: '/escalation-policy',
        body: { ...policyBody(o.policy), responseWorkingDays: o.days, version: o.version },
      }),
      web: (o) => ({
        method: 'POST',
        path: '/cai-dat/don-doc',
        fields: { ...policyFields(o.policy, o.version), responseWorkingDays: String(o.days) },
      }),
      done: async (o) => (await currentPolicy()).policy.responseWorkingDays === o.days,
    },
    'add a calendar adjustment': {
      make: async () => ({ day: freshWeekday(), reason: `Nghỉ bù lần ${next()}` }),
      api: (o) => ({
        method: 'POST',
        path: '/calendar/adjustments',
        body: { day: o.day, kind: 'DAY_OFF', reason: o.reason },
      }),
      web: (o) => ({
        method: 'POST',
        path: '/cai-dat/lich-lam-viec',
        fields: { day: typed(o.day), kind: 'DAY_OFF', reason: o.reason, reference: '' },
      }),
      done: async (o) =>
        ((await read('/calendar/adjustments?year=2031')) as { day: string }[]).some(
          (a) => a.day === o.day,
        ),
    },
    'create an account': {
      make: async () => ({ email: `lanh-dao.moi-${next()}@khanhhoa.example` }),
      api: (o) => ({
        method: 'POST',
        path: '/users',
        body: {
          email: o.email,
          name: 'Phó Chủ tịch UBND tỉnh',
          role: 'LEADERSHIP',
          password: 'mat-khau-du-dai-123',
        },
      }),
      web: (o) => ({
        method: 'POST',
        path: '/cai-dat/nguoi-dung',
        fields: {
          email: o.email,
          name: 'Phó Chủ tịch UBND tỉnh',
          role: 'LEADERSHIP',
          agencyCode: '',
          password: 'mat-khau-du-dai-123',
        },
      }),
      done: async (o) =>
        ((await read('/users?role=LEADERSHIP&limit=100', 'admin')).items as NewUser[]).some(
          (u) => u.email === o.email,
        ),
    },
    'update an account': {
      make: async () => {
        const u = await newUser(t, { role: 'LEADERSHIP' });
        return { id: u.id, version: (await read(`/users/${u.id}`, 'admin')).version as number };
      },
      api: (o) => ({
        method: 'PATCH',
        path: `/users/${o.id}`,
        body: { name: 'Tên đã đổi', role: 'LEADERSHIP', agencyCode: null, version: o.version },
      }),
      web: (o) => ({
        method: 'POST',
        path: `/cai-dat/nguoi-dung/${o.id}`,
        fields: {
          'bieu-mau': 'thong-tin',
          name: 'Tên đã đổi',
          role: 'LEADERSHIP',
          agencyCode: '',
          version: String(o.version),
        },
      }),
      done: async (o) => (await read(`/users/${o.id}`, 'admin')).name === 'Tên đã đổi',
    },
    "update an agency's focal points": {
      make: async () => {
        const a = await newAgency(t);
        return { code: a.code, version: (await read(`/agencies/${a.code}`)).version as number };
      },
      api: (o) => ({
        method: 'PATCH',
        path: `/agencies/${o.code}`,
        body: { version: o.version, contactEmails: ['van-thu@khanhhoa.example'] },
      }),
      web: (o) => ({
        method: 'POST',
        path: `/cai-dat/don-vi/${o.code}`,
        fields: { version: String(o.version), contactEmails: 'van-thu@khanhhoa.example' },
      }),
      done: async (o) =>
        JSON.stringify((await read(`/agencies/${o.code}`)).contactEmails) ===
        '["van-thu@khanhhoa.example"]',
    },
    'retry a failed notification': {
      make: async () => {
        const email = `hop-thu-loi-${next()}@khanhhoa.example`;
        return { id: await failedMail(email), email };
      },
      api: (o) => ({ method: 'POST', path: `/notifications/${o.id}/retry` }),
      web: (o) => ({
        method: 'POST',
        path: `/kien-nghi/${retryLetterId}/thong-bao/${o.id}/gui-lai`,
      }),
      done: async (o) =>
        (await read(`/notifications?recipient=${encodeURIComponent(o.email)}`)).items[0].status ===
        'PENDING',
    },
    'send the leadership digest': {
      make: async () => ({
        before: (await read('/notifications?kind=LEADERSHIP_DIGEST')).total as number,
      }),
      api: () => ({ method: 'POST', path: '/digests/leadership' }),
      web: () => ({ method: 'POST', path: '/kien-nghi/gui-tong-hop' }),
      done: async (o) => (await read('/notifications?kind=LEADERSHIP_DIGEST')).total > o.before,
    },
    'comment on a pilot': {
      make: pilot,
      api: (p) => ({
        method: 'POST',
        path: `/pilots/${p.number}/comments`,
        body: { body: COMMENT },
      }),
      web: (p) => ({
        method: 'POST',
        path: `/mo-hinh/${p.number}/binh-luan`,
        fields: { body: COMMENT },
      }),
      done: async (p) => (await read(`/pilots/${p.number}/comments`)).total === 1,
    },
    "edit the lead officer's comment": {
      make: officerComment,
      api: (c) => ({
        method: 'PATCH',
        path: `/comments/${c.id}`,
        body: { body: EDITED_COMMENT, version: c.version },
      }),
      web: (c) => ({
        method: 'POST',
        path: `/binh-luan/${c.id}/sua`,
        fields: { body: EDITED_COMMENT, version: String(c.version), back: `/mo-hinh/${c.number}` },
      }),
      done: async (c) =>
        (await read(`/pilots/${c.number}/comments`)).items[0].body === EDITED_COMMENT,
    },
    "delete the lead officer's comment": {
      make: officerComment,
      api: (c) => ({ method: 'DELETE', path: `/comments/${c.id}` }),
      web: (c) => ({
        method: 'POST',
        path: `/binh-luan/${c.id}/xoa`,
        fields: { back: `/mo-hinh/${c.number}` },
      }),
      done: async (c) => (await read(`/pilots/${c.number}/comments`)).total === 0,
    },
  };

  // -------------------------------------------------------------------------------------------

  beforeAll(async () => {
    t = await startTestApp({ seed: false, clock });
    db = t.app.get(DataSource);
    lead = await newAgency(t);
    const other = await newAgency(t);
    ministry = await newAgency(t, { kind: 'MINISTRY' });
    accounts.admin = await newUser(t, { role: 'ADMIN' });
    accounts.secretariat = await newUser(t, { role: 'SECRETARIAT' });
    accounts.leadership = await newUser(t, { role: 'LEADERSHIP' });
    accounts.leadOfficer = await newOfficer(t, lead);
    accounts.otherOfficer = await newOfficer(t, other);
    for (const who of WHO) {
      tokens[who] = await t.login(accounts[who].email);
      web[who] = await WebClient.signedIn(t, accounts[who].email);
    }
    levelNames = (await currentPolicy()).policy.levels.map((l) => l.name);
    retryLetterId = (await sentLetter()).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const observed: Record<string, Record<Who, string>> = {};
  /** Keeps the outcome of each channel for the table printed at the end. */
  const note = (row: string, who: Who, api: string, web: string, yes: string, no: string) => {
    const mark = (o: string) => (o === yes ? '✓' : o === no ? '·' : '?');
    (observed[row] ??= {} as Record<Who, string>)[who] = `${mark(api)}${mark(web)}`;
  };

  describe('writes', () => {
    const rows = (Object.keys(WRITES) as WriteName[]).flatMap((name) =>
      WHO.map((who, i) => [name, who, WRITES[name][i]] as const),
    );

    it.each(rows)('%s, as %s → %s', async (name, who, expected) => {
      const c = CASES[name];

      // Through the API, on an object of its own.
      const apiObject = await c.make();
      const apiBefore = await fingerprint();
      const apiRes = await api(who, c.api(apiObject));
      const apiAfter = await fingerprint();
      let apiOutcome: string;
      if (apiRes.status < 300) {
        const took = c.download
          ? apiRes.headers['content-type'] === DOCX
          : await c.done!(apiObject);
        apiOutcome = took ? Y : `answered ${apiRes.status} but nothing is visible`;
      } else if (apiRes.status === 403 || apiRes.status === 404) {
        const changed = changedTables(apiBefore, apiAfter);
        apiOutcome = changed.length
          ? `refused (${apiRes.status}) but wrote ${changed.join(', ')}`
          : _;
      } else {
        apiOutcome = `unexpected ${apiRes.status}: ${apiRes.raw.slice(0, 300)}`;
      }

      // Through the web form, on an equal object of its own.
      const webObject = await c.make();
      const webBefore = await fingerprint();
      const webRes = await sendWeb(who, c.web(webObject));
      const webAfter = await fingerprint();
      const text = textOf(webRes.html);
      let webOutcome: string;
      const answered = c.download
        ? webRes.status === 200 && webRes.headers.get('content-type') === DOCX
        : webRes.status === 303;
      if (answered) {
        const took = c.download || (await c.done!(webObject));
        webOutcome = took ? Y : `answered ${webRes.status} but nothing is visible`;
      } else if (webRes.status === 403 || webRes.status === 404) {
        const changed = changedTables(webBefore, webAfter);
        // The page says why: the API's own message (numbers aside), or the web's role gate.
        const said =
          text.includes(ROLE_GATE) ||
          (apiRes.status >= 400 &&
            comparable(text).includes(comparable(String(apiRes.body.message))));
        webOutcome = changed.length
          ? `refused (${webRes.status}) but wrote ${changed.join(', ')}`
          : said
            ? _
            : `refused (${webRes.status}) without saying why: ${text.slice(0, 300)}`;
      } else {
        webOutcome = `unexpected ${webRes.status}: ${text.slice(0, 300)}`;
      }

      note(name, who, apiOutcome, webOutcome, Y, _);
      expect({ api: apiOutcome, web: webOutcome }).toEqual({ api: expected, web: expected });
    });
  });

  describe('reads: a page shows no data its user cannot read through the API', () => {
    interface ReadCase {
      api: string;
      /** The data in the API's answer (a .docx needs none). */
      apiMarker?: string;
      web: string;
      /** What of the data the page shows. */
      webMarker?: string;
      /** The data is a section of a page everyone may open: refusing it is leaving it out. */
      section?: true;
      download?: true;
    }
    let reads: Record<ReadName, ReadCase>;

    beforeAll(async () => {
      const p = await newPilot(t, {
        leadAgencies: [lead],
        reports: [{ period: '2023-12', progress: 'Đã triển khai tại 9 cơ sở.' }],
      });
      const letter = await newSentRecommendation(t, {
        addresseeCodes: [ministry.code],
        summary: 'Kiến nghị về quyền đọc: đề nghị Bộ hướng dẫn.',
        sentAt: '2023-11-15T02:00:00Z',
      });
      const [event] = await reachLevels(letter.id, [1]);
      const outboxEmail = 'hop-thu.kiem-tra-quyen@khanhhoa.example';
      await failedMail(outboxEmail, event);
      const adjustment = await write('/calendar/adjustments', {
        day: '2031-12-02',
        kind: 'DAY_OFF',
        reason: 'Nghỉ bù kiểm tra quyền đọc',
      });
      const focal = 'dau-moi.kiem-tra-quyen@khanhhoa.example';
      await newAgency(t, { contactEmails: [focal] });
      const watched = await newUser(t, { role: 'LEADERSHIP', name: 'Người được xem' });
      await letterRequest();
      reads = {
        'pilot page ⇄ GET /pilots/:n': {
          api: `/pilots/${p.number}`,
          apiMarker: p.name,
          web: `/mo-hinh/${p.number}`,
          webMarker: p.name,
        },
        'letter page ⇄ GET /recommendations/:id': {
          api: `/recommendations/${letter.id}`,
          apiMarker: letter.summary,
          web: `/kien-nghi/${letter.id}`,
          webMarker: letter.summary,
        },
        "letter page's outbox ⇄ GET /notifications": {
          api: `/notifications?recommendationId=${letter.id}`,
          apiMarker: outboxEmail,
          web: `/kien-nghi/${letter.id}`,
          webMarker: outboxEmail,
          section: true,
        },
        'escalation policy settings ⇄ GET /escalation-policy': {
          api: '/escalation-policy',
          apiMarker: levelNames[0],
          web: '/cai-dat/don-doc',
          webMarker: levelNames[0],
        },
        'calendar settings ⇄ GET /calendar/adjustments': {
          api: '/calendar/adjustments?year=2031',
          apiMarker: adjustment.reason,
          web: '/cai-dat/lich-lam-viec?nam=2031',
          webMarker: adjustment.reason,
        },
        'agency settings ⇄ GET /agencies': {
          api: '/agencies?limit=100',
          apiMarker: focal,
          web: '/cai-dat/don-vi',
          webMarker: focal,
        },
        'period settings ⇄ GET /periods': {
          api: '/periods',
          apiMarker: '"period":"2023-12"',
          web: '/cai-dat/ky-bao-cao',
          webMarker: 'data-period="2023-12"',
        },
        'monthly report .docx ⇄ GET /reports/monthly': {
          api: '/reports/monthly?period=2023-12&format=docx',
          web: '/cai-dat/ky-bao-cao/2023-12/bao-cao.docx',
          download: true,
        },
        'account list ⇄ GET /users': {
          api: '/users?limit=100',
          apiMarker: watched.email,
          web: '/cai-dat/nguoi-dung',
          webMarker: watched.email,
        },
        'letter requests queue ⇄ GET /letter-requests/queue': {
          api: '/letter-requests/queue',
          apiMarker: REQUEST_QUESTION,
          web: '/kien-nghi/de-nghi',
          webMarker: REQUEST_QUESTION,
        },
        'account page ⇄ GET /users/:id': {
          api: `/users/${watched.id}`,
          apiMarker: watched.email,
          web: `/cai-dat/nguoi-dung/${watched.id}`,
          webMarker: watched.email,
        },
      };
    });

    const rows = (Object.keys(READS) as ReadName[]).flatMap((name) =>
      WHO.map((who, i) => [name, who, READS[name][i]] as const),
    );

    it.each(rows)('%s, as %s → %s', async (name, who, expected) => {
      const r = reads[name];
      const apiRes = await api(who, { method: 'GET', path: r.api });
      const apiSees =
        apiRes.status === 200 &&
        (r.download ? apiRes.headers['content-type'] === DOCX : apiRes.raw.includes(r.apiMarker!));
      const apiOutcome = apiSees
        ? 'sees'
        : apiRes.status === 403 || apiRes.status === 404
          ? 'refused'
          : `unexpected ${apiRes.status}: ${apiRes.raw.slice(0, 300)}`;

      const webRes = await web[who].get(r.web);
      const shown = r.download
        ? webRes.headers.get('content-type') === DOCX
        : webRes.html.includes(r.webMarker!);
      const webOutcome =
        webRes.status === 200 && shown
          ? 'sees'
          : shown
            ? `shows the data with status ${webRes.status}`
            : r.section && webRes.status === 200
              ? 'refused'
              : webRes.status === 403 || webRes.status === 404
                ? textOf(webRes.html).includes('Không được phép') ||
                  textOf(webRes.html).includes('Không tìm thấy')
                  ? 'refused'
                  : `refused (${webRes.status}) without saying why`
                : `unexpected ${webRes.status}: ${textOf(webRes.html).slice(0, 300)}`;

      note(name, who, apiOutcome, webOutcome, 'sees', 'refused');
      expect({ api: apiOutcome, web: webOutcome }).toEqual({
        api: expected === X ? 'refused' : 'sees',
        web: expected === B ? 'sees' : 'refused',
      });
    });
  });

  afterAll(() => {
    // The matrix as run, for the log: each cell is the API then the web; ✓ allowed (or seen),
    // · refused, ? neither (a failure above says what happened).
    const width = Math.max(...Object.keys(observed).map((k) => k.length));
    const line = (label: string, cells: string[]) =>
      `${label.padEnd(width)}  ${cells.map((c) => c.padEnd(13)).join('')}`.trimEnd();
    console.warn(
      [
        line('authorization parity (API, web)', [...WHO]),
        ...Object.entries(observed).map(([row, cells]) =>
          line(
            row,
            WHO.map((w) => cells[w] ?? ''),
          ),
        ),
      ].join('\n'),
    );
  });
});
