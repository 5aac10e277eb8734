import { DataSource } from 'typeorm';
import { SuccessionRealiser } from '../../src/agencies/succession/succession-realiser.js';
import { FixedClock } from '../../src/common/clock.js';
import { atLocalTime, localDay } from '../../src/common/domain/local-time.js';
import { recipientsFor } from '../../src/escalation/recipients.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createDatabaseStartedOn, createTestDatabase } from '../support/database.js';

const PREVIEW = '/api/v1/agency-successions/packages/reorganisation-2025/preview';
const APPLY = '/api/v1/agency-successions/packages/reorganisation-2025/apply';
const TODAY = '2026-12-02';

const clockOn = (day: string) => new FixedClock(atLocalTime(day, '09:00'));

interface Outcome {
  documentNumber: string;
  addresseeCode: string;
  outcome: string;
  holderCode: string | null;
  candidates: { code: string; isMain: boolean; scope: string | null }[];
}

/** The rows applying touches, and the audit trail: what a second apply must leave as it is. */
async function footprint(ds: DataSource) {
  const [row] = await ds.query(
    `SELECT (SELECT count(*) FROM agency)::int AS agencies,
            (SELECT string_agg(code || ':' || coalesce(valid_until::text, '-') || ':' || array_to_string(contact_emails, ','), ' ' ORDER BY code) FROM agency) AS agency_rows,
            (SELECT count(*) FROM succession_event)::int AS events,
            (SELECT count(*) FROM succession_event WHERE realised_at IS NULL)::int AS unrealised,
            (SELECT count(*) FROM succession_link)::int AS links,
            (SELECT string_agg(pilot_id || ':' || agency_id || ':' || position || ':' || coalesce(valid_from::text, '-') || ':' || coalesce(valid_until::text, '-'), ' ' ORDER BY pilot_id, position, valid_from NULLS FIRST) FROM pilot_lead_agency) AS leads,
            (SELECT string_agg(email || ':' || coalesce(agency_id::text, '-') || ':' || version, ' ' ORDER BY email) FROM app_user) AS users,
            (SELECT count(*) FROM audit_entry)::int AS audit`,
  );
  return row;
}

async function officerAgency(ds: DataSource, email: string): Promise<string> {
  const [row] = await ds.query(
    `SELECT a.code FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE u.email = $1`,
    [email],
  );
  return row?.code;
}

async function currentLeads(ds: DataSource, pilot: number): Promise<string[]> {
  const rows: { code: string }[] = await ds.query(
    `SELECT a.code FROM pilot_lead_agency l JOIN pilot p ON p.id = l.pilot_id
       JOIN agency a ON a.id = l.agency_id
      WHERE p.number = $1 AND l.valid_until IS NULL ORDER BY l.position`,
    [pilot],
  );
  return rows.map((r) => r.code);
}

async function letterId(ds: DataSource, documentNumber: string, addressee: string) {
  const [row] = await ds.query(
    `SELECT r.id FROM recommendation r JOIN recommendation_addressee ra ON ra.recommendation_id = r.id
       JOIN agency a ON a.id = ra.agency_id WHERE r.document_number = $1 AND a.code = $2`,
    [documentNumber, addressee],
  );
  return row.id as string;
}

describe('the 2025 reorganisation on a database loaded before it (preview, apply, apply again)', () => {
  let t: TestApp;
  let admin: string;
  let ds: DataSource;

  beforeAll(async () => {
    // Started before the reorganisation (the template started on 15/01/2024), looked at today.
    const database = await createTestDatabase({ clockDay: '2024-01-15' });
    t = await startTestApp({ database, clock: clockOn(TODAY) });
    ds = t.app.get(DataSource);
    admin = await t.login('admin@demo.example');
    // A letter to the labour ministry, so the split has an open letter to leave to the secretariat.
    const thuky = await t.login('thuky@demo.example');
    const sent = await t.request('POST', '/api/v1/recommendations', {
      token: thuky,
      body: {
        addresseeCodes: ['BLDTBXH'],
        summary:
          'Đề nghị Bộ Lao động - Thương binh và Xã hội hướng dẫn xác thực người hưởng trợ cấp.',
        documentNumber: '77/TCTĐA06-CAT',
        letterDate: '2024-05-20',
        sentAt: atLocalTime('2024-05-20', '08:00').toISOString(),
      },
    });
    expect(sent.status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await t.database.drop();
  });

  it("is the administrator's: 403 for the secretariat, leadership and officers", async () => {
    for (const email of ['thuky@demo.example', 'lanhdao@demo.example', 'syt@demo.example']) {
      const token = await t.login(email);
      expect((await t.request('GET', PREVIEW, { token })).status).toBe(403);
      expect((await t.request('POST', APPLY, { token })).status).toBe(403);
    }
  });

  it("previews what applying today would add, end and move, with the package's notes", async () => {
    const res = await t.request('GET', PREVIEW, { token: admin });
    expect(res.status).toBe(200);
    const p = res.body;
    expect(p).toMatchObject({ packageKey: 'reorganisation-2025', asOf: TODAY, applied: false });
    expect(p.problems).toEqual([]);
    expect(p.notes.join('\n')).toContain('Nghị quyết 202/2025/QH15');
    expect(p.notes.join('\n')).toContain('BQLKKT');
    expect(
      p.agencies.map((a: { code: string; action: string }) => `${a.code}:${a.action}`),
    ).toEqual(
      [
        'BKHCN',
        'BNNMT',
        'BNV',
        'BGDDT',
        'BVHTTDL',
        'BCDCP',
        'SKHCN',
        'SNNMT',
        'SNV',
        'SXD',
        'SVHTTDL',
      ].map((c) => `${c}:CREATE`),
    );
    expect(
      p.endingAgencies.map((a: { code: string; validUntil: string; action: string }) =>
        [a.code, a.validUntil, a.action].join(' '),
      ),
    ).toEqual([
      'BTTTT 2025-03-01 END',
      'BTNMT 2025-03-01 END',
      'BLDTBXH 2025-03-01 END',
      'TCT06CP 2025-03-13 END',
      'STTTT 2025-03-01 END',
      'STNMT 2025-03-01 END',
      'SLDTBXH 2025-03-01 END',
      'SGTVT 2025-03-01 END',
      'SDL 2025-03-01 END',
    ]);
    expect(
      p.events.every((e: { status: string; due: boolean }) => e.status === 'ADD' && e.due),
    ).toBe(true);

    // Every open letter to a ministry or group that ends, with where its reminders go.
    const outcome = (l: Outcome) =>
      l.outcome === 'AMBIGUOUS'
        ? `? ${l.candidates.map((c) => c.code).join(' ')}`
        : (l.holderCode ?? '=');
    const affected = (p.letters as Outcome[])
      .filter((l) => ['BTTTT', 'BTNMT', 'BLDTBXH', 'TCT06CP'].includes(l.addresseeCode))
      .map((l) => `${l.documentNumber} ${l.addresseeCode} → ${outcome(l)}`)
      .sort();
    expect(affected).toEqual(
      [
        '3829/STNMT-VPĐKĐĐ BTNMT → BNNMT',
        '5772/TCTĐA06-CAT TCT06CP → BCDCP',
        '5305/TCTĐA06(CAT-STTTT) TCT06CP → BCDCP',
        '442/BC-TCTĐA06 TCT06CP → BCDCP',
        '442/BC-TCTĐA06 TCT06CP → BCDCP',
        '442/BC-TCTĐA06 BTTTT → ? BKHCN BCA BVHTTDL',
        '442/BC-TCTĐA06 BTNMT → BNNMT',
        '77/TCTĐA06-CAT BLDTBXH → ? BNV BCA BGDDT BNNMT BYT',
      ].sort(),
    );
    const split = (p.letters as Outcome[]).find((l) => l.addresseeCode === 'BLDTBXH')!;
    expect(split.candidates[0]).toMatchObject({ code: 'BNV', isMain: true });
    // The other addressees (Bộ Công an, C06, Bộ Y tế, …) stay as they are.
    expect(
      (p.letters as Outcome[]).filter((l) => l.addresseeCode === 'BCA').map((l) => l.outcome),
    ).toEqual(expect.arrayContaining(['UNCHANGED']));
    expect(
      (p.letters as Outcome[]).every(
        (l) =>
          l.outcome !== 'UNCHANGED' ||
          !['BTTTT', 'BTNMT', 'BLDTBXH', 'TCT06CP'].includes(l.addresseeCode),
      ),
    ).toBe(true);

    expect(
      p.officers.map((o: { email: string; toCode: string }) => `${o.email}→${o.toCode}`).sort(),
    ).toEqual(
      [
        'sdl@demo.example→SVHTTDL',
        'sgtvt@demo.example→SXD',
        'sldtbxh@demo.example→SNV',
        'stnmt@demo.example→SNNMT',
        'stttt@demo.example→SKHCN',
      ].sort(),
    );
    const leads = p.leadAgencies as { pilotNumber: number; fromCode: string; toCode: string }[];
    expect(leads).toHaveLength(18);
    expect(leads.filter((l) => l.fromCode === 'STTTT').map((l) => l.pilotNumber)).toEqual([
      16, 17, 18, 19, 20, 27, 28, 29, 30, 31,
    ]);
    expect(leads.find((l) => l.pilotNumber === 25)).toMatchObject({
      fromCode: 'STNMT',
      toCode: 'SNNMT',
    });
    const sgtvt = p.leadAgencies.find((l: { fromCode: string }) => l.fromCode === 'SGTVT');
    expect(sgtvt.partsElsewhere).toEqual([
      { code: 'CAT', scope: 'sát hạch, cấp giấy phép lái xe' },
    ]);
    expect(p.focalPoints).toContainEqual(
      expect.objectContaining({
        fromCode: 'BTNMT',
        toCode: 'BNNMT',
        emails: ['dau-moi@btnmt.example'],
        outcome: 'CARRIED',
      }),
    );
    expect(p.roles).toEqual([
      {
        role: 'GOVERNMENT_WORKING_GROUP',
        agencyCode: 'TCT06CP',
        holderCode: 'BCDCP',
        effectiveOn: '2025-03-13',
      },
    ]);
  });

  it('applies in one audited transaction; applying again changes nothing, the audit trail included', async () => {
    const before = await footprint(ds);
    const res = await t.request('POST', APPLY, { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      changed: true,
      eventsRealised: 9,
      pending: [],
    });
    expect(res.body.agenciesCreated).toHaveLength(11);
    expect(res.body.eventsRecorded).toHaveLength(9);
    expect(res.body.officers).toHaveLength(5);
    expect(res.body.leadAgencies).toHaveLength(18);

    expect(await officerAgency(ds, 'stttt@demo.example')).toBe('SKHCN');
    expect(await officerAgency(ds, 'sldtbxh@demo.example')).toBe('SNV');
    expect(await officerAgency(ds, 'syt@demo.example')).toBe('SYT');
    expect(await currentLeads(ds, 16)).toEqual(['SKHCN']);
    expect(await currentLeads(ds, 25)).toEqual(['SNNMT']);
    expect(await currentLeads(ds, 14)).toEqual(['DHKH', 'CDKTCN', 'CDYT']);
    const [closed] = await ds.query(
      `SELECT to_char(l.valid_until, 'YYYY-MM-DD') AS until, to_char(n.valid_from, 'YYYY-MM-DD') AS since
         FROM pilot p JOIN pilot_lead_agency l ON l.pilot_id = p.id AND l.valid_until IS NOT NULL
         JOIN pilot_lead_agency n ON n.pilot_id = p.id AND n.valid_until IS NULL WHERE p.number = 16`,
    );
    expect(closed).toEqual({ until: '2025-03-01', since: '2025-03-01' });
    const agencies = await t.request('GET', '/api/v1/agencies?limit=100', { token: admin });
    const byCode = new Map(
      agencies.body.items.map((a: { code: string }) => [a.code, a] as const),
    ) as Map<
      string,
      { validUntil: string | null; validFrom: string | null; contactEmails: string[] }
    >;
    expect(byCode.get('BTTTT')!.validUntil).toBe('2025-03-01');
    expect(byCode.get('TCT06CP')!.validUntil).toBe('2025-03-13');
    expect(byCode.get('BCDCP')!.validFrom).toBe('2025-03-13');
    expect(byCode.get('BNNMT')!.contactEmails).toEqual(['dau-moi@btnmt.example']);
    expect(byCode.get('BQLKKT')!.validUntil).toBeNull();

    // Each move audited with its before and after.
    const [moved] = await ds.query(
      `SELECT a.action, a.actor_email, a.before, a.after FROM audit_entry a
         JOIN app_user u ON a.entity_id = u.id::text
        WHERE a.entity_type = 'user' AND u.email = 'stttt@demo.example'`,
    );
    expect(moved).toMatchObject({
      action: 'user.succession',
      actor_email: 'admin@demo.example',
      before: { agencyCode: 'STTTT' },
      after: { agencyCode: 'SKHCN', effectiveOn: '2025-03-01' },
    });
    const pilotAudit = await ds.query(
      `SELECT before, after FROM audit_entry WHERE entity_type = 'pilot' AND entity_id = '16' AND action = 'pilot.succession'`,
    );
    expect(pilotAudit).toEqual([
      {
        before: { leadAgencies: ['STTTT'] },
        after: expect.objectContaining({ leadAgencies: ['SKHCN'] }),
      },
    ]);
    const created = await ds.query(
      `SELECT entity_id FROM audit_entry WHERE action = 'agency.create' ORDER BY id`,
    );
    expect(created).toHaveLength(11);
    expect((await footprint(ds)).audit).toBeGreaterThan(before.audit);

    const applied = await footprint(ds);
    const again = await t.request('POST', APPLY, { token: admin });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      changed: false,
      agenciesCreated: [],
      eventsRecorded: [],
      eventsRealised: 0,
      officers: [],
      leadAgencies: [],
      focalPoints: [],
    });
    expect(await footprint(ds)).toEqual(applied);

    const preview = await t.request('GET', PREVIEW, { token: admin });
    expect(preview.body.applied).toBe(true);
    expect(preview.body.events.every((e: { status: string }) => e.status === 'REALISED')).toBe(
      true,
    );
    expect(preview.body.agencies.every((a: { action: string }) => a.action === 'EXISTS')).toBe(
      true,
    );
    expect(preview.body.officers).toEqual([]);
  });

  it("sends today's reminders to today's holders and holds a letter whose addressee was split", async () => {
    const day = TODAY;
    const to = async (documentNumber: string, addressee: string) =>
      recipientsFor(
        ds.manager,
        await letterId(ds, documentNumber, addressee),
        ['ADDRESSEE', 'WORKING_GROUP'],
        { isProduction: false },
        day,
      );
    const btnmt = await to('3829/STNMT-VPĐKĐĐ', 'BTNMT');
    expect(btnmt.recipients.map((r) => r.email)).toEqual([
      'dau-moi@btnmt.example', // carried to Bộ NN&MT, which had no focal point
      'dau-moi@c06.example',
      'dau-moi@tct06cp.example', // the working group's, carried to the Ban Chỉ đạo
    ]);
    expect(btnmt.recipients[0].label).toBe('Bộ Nông nghiệp và Môi trường');
    const group = await to('5772/TCTĐA06-CAT', 'TCT06CP');
    expect(group.recipients.map((r) => r.label)).toEqual(
      expect.arrayContaining([
        'Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06',
      ]),
    );
    const held = await to('442/BC-TCTĐA06', 'BTTTT');
    expect(held.held).toEqual([
      expect.objectContaining({ addresseeCode: 'BTTTT', atCode: 'BTTTT' }),
    ]);
    // The main successor first, then the parts (in no particular order).
    const [main, ...parts] = held.held[0].candidateCodes;
    expect([main, parts.sort()]).toEqual(['BKHCN', ['BCA', 'BVHTTDL']]);
  });

  it('still names the 2023 agencies in the letters as sent and in the December 2023 report', async () => {
    const id = await letterId(ds, '442/BC-TCTĐA06', 'BTTTT');
    const res = await t.request('GET', `/api/v1/recommendations/${id}`, { token: admin });
    expect(res.body.addressees.map((a: { name: string }) => a.name)).toContain(
      'Bộ Thông tin và Truyền thông',
    );
    const report = await t.request('GET', '/api/v1/reports/monthly?period=2023-12&format=json', {
      token: await t.login('thuky@demo.example'),
    });
    expect(report.status).toBe(200);
    expect(report.raw).toContain('Bộ Thông tin và Truyền thông');
    expect(report.raw).toContain('Sở Thông tin và Truyền thông');
    expect(report.raw).not.toContain('Bộ Khoa học và Công nghệ');
    expect(report.raw).not.toContain('Sở Khoa học và Công nghệ');
  });
});

describe('the 2025 reorganisation on a fresh start', () => {
  it("is applied with the reference data on a clock past 1/3/2025: today's agencies receive today's reminders", async () => {
    // The shared template is a fresh start on the real today.
    const database = await createTestDatabase();
    const t = await startTestApp({ database });
    const ds = t.app.get(DataSource);
    try {
      const admin = await t.login('admin@demo.example');
      const preview = await t.request('GET', PREVIEW, { token: admin });
      expect(preview.body.applied).toBe(true);
      const [{ n, system }] = await ds.query(
        `SELECT count(*)::int AS n, bool_and(actor_email = 'system') AS system FROM audit_entry WHERE action = 'agency.create'`,
      );
      expect({ n, system }).toEqual({ n: 11, system: true });
      // Officers of dissolved agencies are the successors' officers; new agencies have demo focal points.
      expect(await officerAgency(ds, 'stttt@demo.example')).toBe('SKHCN');
      expect(await officerAgency(ds, 'sdl@demo.example')).toBe('SVHTTDL');
      expect(await officerAgency(ds, 'sgtvt@demo.example')).toBe('SXD');
      const emails: { code: string; contact_emails: string[] }[] = await ds.query(
        `SELECT code, contact_emails FROM agency WHERE code IN ('BNNMT', 'BCDCP', 'BGDDT') ORDER BY code`,
      );
      expect(emails).toEqual([
        { code: 'BCDCP', contact_emails: ['dau-moi@bcdcp.example'] },
        { code: 'BGDDT', contact_emails: ['dau-moi@bgddt.example'] },
        { code: 'BNNMT', contact_emails: ['dau-moi@bnnmt.example'] },
      ]);
      const day = localDay(new Date());
      const reminder = await recipientsFor(
        ds.manager,
        await letterId(ds, '3829/STNMT-VPĐKĐĐ', 'BTNMT'),
        ['ADDRESSEE', 'WORKING_GROUP'],
        { isProduction: false },
        day,
      );
      expect(reminder.recipients.map((r) => r.email)).toEqual([
        'dau-moi@bnnmt.example',
        'dau-moi@c06.example',
        'dau-moi@bcdcp.example',
      ]);
      const held = await recipientsFor(
        ds.manager,
        await letterId(ds, '442/BC-TCTĐA06', 'BTTTT'),
        ['ADDRESSEE'],
        { isProduction: false },
        day,
      );
      expect(held.held.map((h) => h.addresseeCode)).toEqual(['BTTTT']);
      // Bộ Công an's focal point, and the secretariat, told the other addressee is held.
      expect(held.recipients.map((r) => r.email)).toEqual([
        'dau-moi@bca.example',
        'thuky@demo.example',
      ]);
    } finally {
      await t.close();
    }
  });

  it('leaves it out on a clock before 1/3/2025, and an event recorded ahead of its day waits for it', async () => {
    const database = await createDatabaseStartedOn('2024-06-01');
    const clock = clockOn('2024-06-01');
    const t = await startTestApp({ database, clock });
    const ds = t.app.get(DataSource);
    try {
      const [{ events, agencies }] = await ds.query(
        `SELECT (SELECT count(*) FROM succession_event)::int AS events,
                (SELECT count(*) FROM agency WHERE code IN ('BKHCN', 'SKHCN', 'BCDCP'))::int AS agencies`,
      );
      expect({ events, agencies }).toEqual({ events: 0, agencies: 0 });
      expect(await officerAgency(ds, 'stttt@demo.example')).toBe('STTTT');

      // Applied by the administrator on 20/2/2025: recorded, nothing moved before its day.
      clock.set(atLocalTime('2025-02-20', '09:00'));
      const admin = await t.login('admin@demo.example');
      const applied = await t.request('POST', APPLY, { token: admin });
      expect(applied.body).toMatchObject({ changed: true, eventsRealised: 0, officers: [] });
      expect(applied.body.pending).toHaveLength(9);
      expect(await officerAgency(ds, 'stttt@demo.example')).toBe('STTTT');
      expect(await currentLeads(ds, 16)).toEqual(['STTTT']);
      const realiser = t.app.get(SuccessionRealiser);
      expect((await realiser.realiseDue()).events).toEqual([]);

      clock.set(atLocalTime('2025-03-01', '00:05'));
      expect((await realiser.realiseDue()).events).toHaveLength(8);
      expect(await officerAgency(ds, 'stttt@demo.example')).toBe('SKHCN');
      expect(await currentLeads(ds, 16)).toEqual(['SKHCN']);
      const [{ waiting }] = await ds.query(
        `SELECT string_agg(package_key, ' ') AS waiting FROM succession_event WHERE realised_at IS NULL`,
      );
      expect(waiting).toBe('reorganisation-2025/TCT06CP');

      clock.set(atLocalTime('2025-03-13', '00:05'));
      expect((await realiser.realiseDue()).events).toHaveLength(1);
      expect((await realiser.realiseDue()).events).toHaveLength(0);
    } finally {
      await t.close();
      await database.drop();
    }
  });
});
