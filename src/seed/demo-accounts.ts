import type { EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity.js';
import { hashPassword } from '../users/password.js';
import { PilotLeadAgency } from '../pilots/pilot-lead-agency.entity.js';
import { holdersOn } from '../agencies/succession/succession-steps.js';
import { normalizeEmail } from '../users/email-address.js';
import { DEMO_DOMAIN } from '../users/domain/demo-domain.js';
import type { Role } from '../access/domain/role.js';
import { User } from '../users/user.entity.js';

interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  agencyCode?: string;
}

/**
 * Who can sign in to the demo; never created when NODE_ENV=production: one officer per agency
 * the pilots were tracked with from the start (report 442's lead agencies, named by code), who
 * works for today's holder of that agency's organisation once it has been merged away
 * (`stttt@demo.example` for Sở Khoa học và Công nghệ from 1/3/2025). The same accounts whether
 * the reorganisation came with the seed or later.
 */
export async function demoAccounts(m: EntityManager, today: string): Promise<DemoAccount[]> {
  const leadAgencies = await m
    .createQueryBuilder(Agency, 'a')
    .where(
      (qb) =>
        `a.id IN ${qb
          .subQuery()
          .select('l.agency_id')
          .from(PilotLeadAgency, 'l')
          // Rows with no first day: there since the pilot was tracked, not taken over later.
          .where('l.valid_from IS NULL')
          .getQuery()}`,
    )
    .orderBy('a.code')
    .getMany();
  const holders = await holdersOn(
    m,
    leadAgencies.map((a) => a.id),
    today,
    'MAIN',
  );
  const codes = new Map((await m.find(Agency)).map((a) => [a.id, a.code]));
  const worksFor = (a: Agency) => {
    const holder = holders.get(a.id)!;
    return holder.status === 'HELD_BY' ? codes.get(holder.agency)! : a.code;
  };
  return [
    { email: `admin@${DEMO_DOMAIN}`, name: 'Quản trị hệ thống', role: 'ADMIN' },
    {
      email: `thuky@${DEMO_DOMAIN}`,
      name: 'Thư ký Tổ công tác (Công an tỉnh)',
      role: 'SECRETARIAT',
      agencyCode: undefined,
    },
    { email: `lanhdao@${DEMO_DOMAIN}`, name: 'Lãnh đạo UBND tỉnh', role: 'LEADERSHIP' },
    ...leadAgencies.map((a) => ({
      email: `${a.code.toLowerCase()}@${DEMO_DOMAIN}`,
      name: `Cán bộ đầu mối ${a.shortName}`,
      role: 'AGENCY_OFFICER' as const,
      agencyCode: worksFor(a),
    })),
  ];
}

/**
 * Adds the demo accounts that are missing (all with the demo password) as of `today` and gives
 * every agency without focal points (the 2025 successors too) a demo focal-point address under
 * the `.example` top-level domain
 * (`dau-moi@byt.example`; a code's "_" becomes "-", which a domain name may hold:
 * `dau-moi@byt-cntt.example`).
 */
export async function loadDemoAccounts(
  m: EntityManager,
  password: string,
  today: string,
): Promise<number> {
  await m.query(
    `UPDATE agency SET contact_emails = ARRAY['dau-moi@' || translate(lower(code), '_', '-') || '.example']
      WHERE cardinality(contact_emails) = 0`,
  );
  const existing = new Set(
    (await m.find(User, { select: { email: true } })).map((u) => normalizeEmail(u.email)),
  );
  const missing = (await demoAccounts(m, today)).filter((a) => !existing.has(a.email));
  if (missing.length === 0) return 0;
  const agencies = new Map((await m.find(Agency)).map((a) => [a.code, a.id]));
  // One hash for all: they share the demo password, and hashing is deliberately slow.
  const passwordHash = await hashPassword(password);
  await m.insert(
    User,
    missing.map((a) => ({
      email: a.email,
      name: a.name,
      role: a.role,
      agencyId: a.agencyCode ? agencies.get(a.agencyCode)! : null,
      passwordHash,
      isDemo: true,
    })),
  );
  return missing.length;
}
