import { DataSource, type EntityManager } from 'typeorm';
import { hashPassword } from '../../src/users/password.js';
import { Clock } from '../../src/common/clock.js';
import { localDay } from '../../src/common/domain/local-time.js';
import type { TestApp } from './app.js';
import { TEST_PASSWORD } from './database.js';
import type { AgencyKind } from '../../src/agencies/agency-kind.js';
import type { Role } from '../../src/access/domain/role.js';

/**
 * Rows a test makes for itself, on a database without the December 2023 data
 * (`startTestApp({ seed: false })`), so that it says what it depends on instead of leaning on
 * "pilot 11 is PILOTING, led by SGTVT". Every value is unique in the test file and written in
 * Vietnamese (NFC, with diacritics) as users write it.
 *
 * How each row is made, and why:
 * - agencies, pilots (with their lead agencies, first state-history row and optional monthly
 *   reports) and accounts: well-formed SQL inserts. There is no API that creates a pilot; the
 *   agency and account APIs need an administrator to exist first, and hashing a password is
 *   slow on purpose, so accounts share one hash of FACTORY_PASSWORD per process. These are the
 *   rows the reference loader writes the same way (no audit entries).
 * - blockers and letters: the HTTP API, as the secretariat (or the token given), so that every
 *   invariant a test may check holds as in production: audit entries, a blocker ESCALATED while
 *   a sent letter covers it, escalation steps scheduled, the due time on the working calendar.
 */

/** Every factory-made account signs in with this (`t.login(user.email)` uses it by default). */
export const FACTORY_PASSWORD = TEST_PASSWORD;

/** Accounts' addresses are under a domain of their own, never the demo domain. */
export const FACTORY_EMAIL_DOMAIN = 'khanhhoa.example';

type FactoryApp = Pick<TestApp, 'app' | 'request' | 'login'>;

let serial = 0;
/** 1, 2, 3… for this test file (each file runs in a process, on a database, of its own). */
const next = () => ++serial;

const nfc = (s: string) => s.normalize('NFC');

/** The n-th of `heads × tails`, then the same again with a round number: never the same twice. */
function uniqueName(n: number, heads: readonly string[], tails: readonly string[]): string {
  const i = n - 1;
  const head = heads[i % heads.length];
  const tail = tails[Math.floor(i / heads.length) % tails.length];
  const round = Math.floor(i / (heads.length * tails.length));
  return nfc(`${head} ${tail}${round > 0 ? ` (đợt ${round + 1})` : ''}`);
}

const PLACES = [
  'tại thành phố Nha Trang',
  'tại thành phố Cam Ranh',
  'tại thị xã Ninh Hòa',
  'tại huyện Cam Lâm',
  'tại huyện Vạn Ninh',
  'tại huyện Diên Khánh',
  'tại huyện Khánh Vĩnh',
  'tại huyện Khánh Sơn',
] as const;

// ---------------------------------------------------------------------------------------------
// Agencies

export type AgencyKindName = AgencyKind;

export interface NewAgency {
  id: string;
  code: string;
  name: string;
  shortName: string;
  kind: AgencyKindName;
  contactEmails: string[];
}

const DEPARTMENTS: readonly [string, string][] = [
  ['Sở Tư pháp', 'Sở Tư pháp'],
  ['Sở Xây dựng', 'Sở Xây dựng'],
  ['Sở Nội vụ', 'Sở Nội vụ'],
  ['Sở Tài chính', 'Sở Tài chính'],
  ['Sở Công Thương', 'Sở Công Thương'],
  ['Sở Khoa học và Công nghệ', 'Sở KH&CN'],
  ['Sở Văn hóa và Thể thao', 'Sở VH&TT'],
  ['Sở Nông nghiệp và Phát triển nông thôn', 'Sở NN&PTNT'],
];

const MINISTRIES: readonly [string, string][] = [
  ['Bộ Tư pháp', 'Bộ Tư pháp'],
  ['Bộ Tài chính', 'Bộ Tài chính'],
  ['Bộ Xây dựng', 'Bộ Xây dựng'],
  ['Bộ Nội vụ', 'Bộ Nội vụ'],
  ['Bộ Giáo dục và Đào tạo', 'Bộ GD&ĐT'],
  ['Bộ Kế hoạch và Đầu tư', 'Bộ KH&ĐT'],
  ['Bộ Công Thương', 'Bộ Công Thương'],
  ['Bộ Nông nghiệp và Phát triển nông thôn', 'Bộ NN&PTNT'],
];

/**
 * An agency (by default a provincial department; `kind: 'MINISTRY'` for an addressee of
 * letters) with a focal-point address, as the demo loader gives every agency.
 */
export async function newAgency(
  t: FactoryApp,
  options: {
    kind?: AgencyKindName;
    name?: string;
    shortName?: string;
    parentId?: string | null;
    contactEmails?: string[];
  } = {},
): Promise<NewAgency> {
  const n = next();
  const kind = options.kind ?? 'PROVINCIAL_DEPARTMENT';
  const ministry = kind === 'MINISTRY' || kind === 'CENTRAL_AGENCY';
  const names = ministry ? MINISTRIES : DEPARTMENTS;
  const [name, shortName] = names[(n - 1) % names.length];
  const round = Math.floor((n - 1) / names.length);
  const suffix = round > 0 ? ` ${round + 1}` : '';
  // Codes no reference agency has (they have no digits), so factories work on either database.
  const code = `${ministry ? 'BO' : 'SO'}${n}`;
  const contactEmails = options.contactEmails ?? [
    `dau-moi.${code.toLowerCase()}@${FACTORY_EMAIL_DOMAIN}`,
  ];
  const row = {
    code,
    name: nfc(options.name ?? `${name}${suffix}`),
    shortName: nfc(options.shortName ?? `${shortName}${suffix}`),
    kind,
    contactEmails,
  };
  const [{ id }] = await db(t).query(
    `INSERT INTO agency (code, name, short_name, kind, parent_id, contact_emails)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [row.code, row.name, row.shortName, row.kind, options.parentId ?? null, row.contactEmails],
  );
  return { id, ...row };
}

// ---------------------------------------------------------------------------------------------
// Accounts

export type RoleName = Role;

export interface NewUser {
  id: string;
  email: string;
  name: string;
  role: RoleName;
  agencyId: string | null;
  agencyCode: string | null;
  password: string;
}

const ROLE_ACCOUNTS: Record<RoleName, { local: string; name: string }> = {
  ADMIN: { local: 'quan-tri', name: 'Quản trị viên' },
  SECRETARIAT: { local: 'thu-ky', name: 'Thư ký Tổ công tác' },
  AGENCY_OFFICER: { local: 'can-bo', name: 'Cán bộ đầu mối' },
  LEADERSHIP: { local: 'lanh-dao', name: 'Lãnh đạo UBND tỉnh' },
};

let passwordHash: Promise<string> | undefined;

/**
 * An account that signs in with FACTORY_PASSWORD. An officer needs an agency: `newOfficer`
 * makes one when none is given.
 */
export async function newUser(
  t: FactoryApp,
  options: { role: RoleName; agency?: Pick<NewAgency, 'id' | 'code' | 'shortName'>; name?: string },
): Promise<NewUser> {
  const { role, agency } = options;
  if ((role === 'AGENCY_OFFICER') !== (agency !== undefined))
    throw new Error('an officer, and only an officer, belongs to an agency');
  const n = next();
  const { local, name } = ROLE_ACCOUNTS[role];
  const email = `${local}.${n}@${FACTORY_EMAIL_DOMAIN}`;
  const displayName = nfc(
    options.name ?? (agency ? `${name} ${agency.shortName} số ${n}` : `${name} số ${n}`),
  );
  passwordHash ??= hashPassword(FACTORY_PASSWORD);
  const [{ id }] = await db(t).query(
    `INSERT INTO app_user (email, name, role, agency_id, password_hash, is_demo)
     VALUES ($1, $2, $3, $4, $5, false) RETURNING id`,
    [email, displayName, role, agency?.id ?? null, await passwordHash],
  );
  return {
    id,
    email,
    name: displayName,
    role,
    agencyId: agency?.id ?? null,
    agencyCode: agency?.code ?? null,
    password: FACTORY_PASSWORD,
  };
}

/** A focal point of `agency` (a new provincial department when none is given). */
export async function newOfficer(
  t: FactoryApp,
  agency?: Pick<NewAgency, 'id' | 'code' | 'shortName'>,
): Promise<NewUser> {
  return newUser(t, { role: 'AGENCY_OFFICER', agency: agency ?? (await newAgency(t)) });
}

const secretariats = new WeakMap<object, Promise<string>>();

/** The token of a secretariat account the factories make once per application and act as. */
export function secretariatToken(t: FactoryApp): Promise<string> {
  let token = secretariats.get(t.app);
  if (!token) {
    token = newUser(t, { role: 'SECRETARIAT', name: 'Thư ký Tổ công tác (tạo dữ liệu thử)' }).then(
      (u) => t.login(u.email, u.password),
    );
    secretariats.set(t.app, token);
  }
  return token;
}

// ---------------------------------------------------------------------------------------------
// Pilots

export type PilotStateName =
  'NOT_STARTED' | 'PREPARING' | 'PILOTING' | 'OPERATING' | 'COMPLETED' | 'SUSPENDED';

export interface NewPilot {
  id: string;
  number: number;
  name: string;
  state: PilotStateName;
  /** In order; the first is the primary lead agency. */
  leadAgencies: NewAgency[];
  /** Periods of the monthly reports made with it, oldest first. */
  reportPeriods: string[];
}

const PILOT_TOPICS = [
  'cấp phiếu lý lịch tư pháp trên VNeID',
  'thanh toán viện phí không dùng tiền mặt',
  'khám chữa bệnh bằng căn cước gắn chip',
  'thông báo lưu trú qua ứng dụng VNeID',
  'chi trả trợ cấp xã hội qua tài khoản',
  'tuyển sinh đầu cấp trực tuyến',
  'đổi giấy phép lái xe trực tuyến',
  'số hóa hồ sơ hộ tịch',
  'vé điện tử tại điểm du lịch',
  'xác thực cư trú khi làm thủ tục đất đai',
] as const;

/**
 * A pilot in `state` (PILOTING by default), led by `leadAgencies` (one new provincial department
 * by default), with the first row of its state history and, for each of `reports`, a monthly
 * report (with its first revision, as of `since`) whose newest progress becomes the pilot's, as
 * filing it would. Its number is the next
 * free one, so factories work on a database with the reference data as well.
 */
export async function newPilot(
  t: FactoryApp,
  options: {
    state?: PilotStateName;
    name?: string;
    leadAgencies?: NewAgency[];
    reports?: { period: string; progress?: string; metrics?: Record<string, number> }[];
    /** When it entered `state`: 30 days before the application clock's now by default. */
    since?: Date;
  } = {},
): Promise<NewPilot> {
  const leadAgencies = options.leadAgencies ?? [await newAgency(t)];
  const state = options.state ?? 'PILOTING';
  // Earlier than anything the test does next, so the state history keeps its order.
  const since = options.since ?? new Date(t.app.get(Clock).now().getTime() - 30 * 86_400_000);
  const n = next();
  const name = nfc(options.name ?? `Thí điểm ${uniqueName(n, PILOT_TOPICS, PLACES)}`);
  const reports = [...(options.reports ?? [])]
    .sort((a, b) => a.period.localeCompare(b.period))
    .map((r) => ({
      ...r,
      progress: nfc(r.progress ?? `Tháng ${r.period.slice(5)}/${r.period.slice(0, 4)}: ${name}.`),
    }));
  return db(t).transaction(async (m: EntityManager) => {
    // Numbers are handed out one at a time, so pilots made at once never take the same one.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('factories:pilot'))`);
    const [{ id, number }] = await m.query(
      `INSERT INTO pilot (number, name, state, state_changed_at, progress)
       SELECT coalesce(max(number), 0) + 1, $1, $2, $3, $4 FROM pilot RETURNING id, number`,
      [name, state, since, reports.at(-1)?.progress ?? null],
    );
    await m.query(
      `INSERT INTO pilot_lead_agency (pilot_id, agency_id, position)
       SELECT $1, agency_id, position - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS a(agency_id, position)`,
      [id, leadAgencies.map((a) => a.id)],
    );
    await m.query(
      `INSERT INTO pilot_state_change (pilot_id, from_state, to_state, reason, actor_id, at)
       VALUES ($1, NULL, $2, $3, NULL, $4)`,
      [id, state, 'Tạo cho kiểm thử', since],
    );
    for (const r of reports) {
      const [report] = await m.query(
        `INSERT INTO pilot_report (pilot_id, period, progress, metrics) VALUES ($1, $2, $3, $4)
         RETURNING id`,
        [id, r.period, r.progress, r.metrics ?? null],
      );
      // Its first revision, as filing it would write (a period's report reads these).
      await m.query(
        `INSERT INTO pilot_report_revision (report_id, progress, metrics, at) VALUES ($1, $2, $3, $4)`,
        [report.id, r.progress, r.metrics ?? null, since],
      );
    }
    return {
      id,
      number,
      name,
      state,
      leadAgencies,
      reportPeriods: reports.map((r) => r.period),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Blockers

export interface NewBlocker {
  id: string;
  pilotNumber: number | null;
  topic: string | null;
  title: string;
  state: 'OPEN' | 'RESOLVED' | 'WITHDRAWN';
  version: number;
}

const BLOCKER_ISSUES = [
  'Chưa có hướng dẫn kết nối Cơ sở dữ liệu quốc gia về dân cư',
  'Thiếu kinh phí nâng cấp phần mềm một cửa',
  'Dữ liệu hộ tịch cũ chưa được số hóa',
  'Chưa thống nhất mẫu biểu điện tử',
  'Đường truyền chậm ở xã vùng cao',
  'Nhà cung cấp chưa tích hợp chữ ký số',
  'Thiếu cán bộ công nghệ thông tin',
] as const;

/**
 * A blocker of `pilot` (or, with `topic`, a general one), raised through the API by the
 * factories' secretariat unless `token` says who; `state: 'RESOLVED' | 'WITHDRAWN'` moves it on
 * through the API. A blocker becomes ESCALATED only by a sent letter: use newSentRecommendation.
 */
export async function newBlocker(
  t: FactoryApp,
  options: {
    pilot?: Pick<NewPilot, 'number'>;
    topic?: string;
    title?: string;
    description?: string;
    category?: string;
    authority?: 'PROVINCE' | 'CENTRAL';
    state?: 'OPEN' | 'RESOLVED' | 'WITHDRAWN';
    token?: string;
  } = {},
): Promise<NewBlocker> {
  if (!options.pilot && options.topic === undefined)
    throw new Error('a blocker belongs to a pilot or, for a general one, to a topic');
  const token = options.token ?? (await secretariatToken(t));
  const n = next();
  const title = nfc(options.title ?? uniqueName(n, BLOCKER_ISSUES, PLACES));
  const created = await expectStatus(
    t.request('POST', '/api/v1/blockers', {
      token,
      body: {
        ...(options.pilot ? { pilotNumber: options.pilot.number } : { topic: nfc(options.topic!) }),
        title,
        description: nfc(options.description ?? `${title}: cần cơ quan có thẩm quyền hướng dẫn.`),
        category: options.category ?? 'GUIDANCE',
        authority: options.authority ?? 'CENTRAL',
      },
    }),
    201,
    'newBlocker',
  );
  let view = created;
  if (options.state === 'RESOLVED' || options.state === 'WITHDRAWN') {
    const [command, body] =
      options.state === 'RESOLVED'
        ? ['resolve', { resolution: 'Đã được hướng dẫn và xử lý xong.' }]
        : ['withdraw', { reason: 'Không còn là vướng mắc.' }];
    view = await expectStatus(
      t.request('POST', `/api/v1/blockers/${created.id}/${command}`, { token, body }),
      200,
      `newBlocker (${command})`,
    );
  }
  return {
    id: view.id,
    pilotNumber: view.pilotNumber,
    topic: view.topic,
    title: view.title,
    state: view.state,
    version: view.version,
  };
}

// ---------------------------------------------------------------------------------------------
// Letters (recommendations)

export interface NewRecommendation {
  id: string;
  state: 'DRAFT' | 'SENT';
  summary: string;
  addresseeCodes: string[];
  blockerIds: string[];
  documentNumber: string | null;
  sentAt: string | null;
  responseDueAt: string | null;
  version: number;
}

interface LetterOptions {
  /** The blockers it is about (none by default). */
  blockers?: Pick<NewBlocker, 'id'>[];
  /** Its addressees' codes; one new ministry by default. */
  addresseeCodes?: string[];
  summary?: string;
  /** The secretariat's by default; an officer may draft for their own blockers. */
  token?: string;
}

/** A draft letter, made through the API (audited as `recommendation.create`). */
export async function newDraftRecommendation(
  t: FactoryApp,
  options: LetterOptions = {},
): Promise<NewRecommendation> {
  return createLetter(t, options, {});
}

/**
 * A letter recorded as sent at `sentAt` (the application clock's now by default), through the
 * API: the blockers it covers become ESCALATED, its escalation is scheduled and its due time is
 * `responseDueAt` or the policy's default on the working calendar.
 */
export async function newSentRecommendation(
  t: FactoryApp,
  options: LetterOptions & {
    sentAt?: Date | string;
    responseDueAt?: Date | string;
    documentNumber?: string;
    letterDate?: string;
  } = {},
): Promise<NewRecommendation> {
  const sentAt = new Date(options.sentAt ?? t.app.get(Clock).now());
  const n = next();
  return createLetter(t, options, {
    documentNumber: nfc(options.documentNumber ?? `${n}/TCTĐA06-CAT`),
    letterDate: options.letterDate ?? localDay(sentAt),
    sentAt: sentAt.toISOString(),
    ...(options.responseDueAt
      ? { responseDueAt: new Date(options.responseDueAt).toISOString() }
      : {}),
  });
}

async function createLetter(
  t: FactoryApp,
  options: LetterOptions,
  sent: Record<string, string>,
): Promise<NewRecommendation> {
  const token = options.token ?? (await secretariatToken(t));
  const addresseeCodes = options.addresseeCodes ?? [
    (await newAgency(t, { kind: 'MINISTRY' })).code,
  ];
  const n = next();
  const blockerIds = (options.blockers ?? []).map((b) => b.id);
  const summary = nfc(
    options.summary ??
      `Kiến nghị số ${n}: đề nghị hướng dẫn tháo gỡ vướng mắc trong triển khai Đề án 06.`,
  );
  const view = await expectStatus(
    t.request('POST', '/api/v1/recommendations', {
      token,
      body: { blockerIds, addresseeCodes, summary, ...sent },
    }),
    201,
    'newRecommendation',
  );
  return {
    id: view.id,
    state: view.state,
    summary: view.summary,
    addresseeCodes,
    blockerIds,
    documentNumber: view.documentNumber,
    sentAt: view.sentAt,
    responseDueAt: view.responseDueAt,
    version: view.version,
  };
}

// ---------------------------------------------------------------------------------------------

function db(t: FactoryApp): DataSource {
  return t.app.get(DataSource);
}

async function expectStatus(
  response: Promise<{ status: number; body: any; raw: string }>,
  status: number,
  what: string,
): Promise<any> {
  const res = await response;
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.raw}`);
  return res.body;
}
