import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { mailableUserSql } from '../users/mailable.js';
import type { NotifyTarget } from './domain/policy.js';
import { holderOn, indexSteps, type SuccessionStep } from '../agencies/domain/succession.js';
import { loadSuccessionSteps } from '../agencies/succession/succession-steps.js';

export interface Recipient {
  email: string;
  label: string;
  userId: string | null;
  /** A focal point of (whoever holds the duty of) the addressee asked to answer. */
  ofAddressee: boolean;
}

/** An addressee whose duty a split left ambiguous on the day: not mailed until the secretariat chooses. */
export interface HeldAddressee {
  /** The letter's addressee, as the letter names it. */
  addresseeCode: string;
  addresseeName: string;
  /** The agency whose event gave several successors. */
  atCode: string;
  candidateCodes: string[];
  candidateNames: string[];
}

/** An addressee whose duty another agency holds on the day: the one mailed instead. */
export interface MovedAddressee {
  addresseeName: string;
  holderName: string;
  /** The last event followed, which made the holder what it is. */
  legalBasis: string;
  effectiveOn: string;
}

export interface Recipients {
  recipients: Recipient[];
  held: HeldAddressee[];
  moved: MovedAddressee[];
}

/**
 * The people a level mails on `day`, per its notify list, each address once: the focal points of
 * whoever holds each addressee's duty that day (succession followed, never before an event's
 * day; an ambiguous split is held, not guessed — and the secretariat is told, even at a level
 * that does not name it), the secretariat's and leadership's active accounts, and the focal
 * points of today's holder of the Government working group role.
 */
export async function recipientsFor(
  m: EntityManager,
  recommendationId: string,
  notify: NotifyTarget[],
  config: Pick<AppConfig, 'isProduction'>,
  day: string,
  /** Only this addressee's ladder (its id, as the letter names it); absent: every addressee. */
  addresseeId?: string,
): Promise<Recipients> {
  const directory = await loadRecipientDirectory(m, [recommendationId], config);
  return recipientsIn(directory, recommendationId, notify, day, addresseeId);
}

/**
 * Everything recipientsIn reads, for the letters of a batch of steps, in five queries whatever
 * their number: the succession steps, the agency directory, the working group's agency, the
 * province's mailable accounts and the letters' addressees.
 */
export interface RecipientDirectory {
  byFrom: Map<string, SuccessionStep[]>;
  agencies: Map<string, DirectoryAgency>;
  workingGroupAgencyId: string | null;
  accounts: Map<'SECRETARIAT' | 'LEADERSHIP', { id: string; email: string; name: string }[]>;
  /** Each letter's addressees, in the letter's order. */
  addressees: Map<string, { agency_id: string; holder_agency_id: string | null }[]>;
}

export async function loadRecipientDirectory(
  m: EntityManager,
  recommendationIds: string[],
  config: Pick<AppConfig, 'isProduction'>,
): Promise<RecipientDirectory> {
  const byFrom = indexSteps(await loadSuccessionSteps(m));
  const agencies = await agencyDirectory(m);
  const [role] = (await m.query(`SELECT agency_id FROM agency_role WHERE role = $1`, [
    'GOVERNMENT_WORKING_GROUP',
  ])) as { agency_id: string }[];
  const users: { id: string; email: string; name: string; role: 'SECRETARIAT' | 'LEADERSHIP' }[] =
    await m.query(
      `SELECT id, email, name, role FROM app_user
        WHERE role IN ('SECRETARIAT', 'LEADERSHIP') AND ${mailableUserSql('app_user', config)}
        ORDER BY email`,
    );
  const accounts = new Map<'SECRETARIAT' | 'LEADERSHIP', typeof users>([
    ['SECRETARIAT', users.filter((u) => u.role === 'SECRETARIAT')],
    ['LEADERSHIP', users.filter((u) => u.role === 'LEADERSHIP')],
  ]);
  const rows: { recommendation_id: string; agency_id: string; holder_agency_id: string | null }[] =
    await m.query(
      `SELECT recommendation_id, agency_id, holder_agency_id FROM recommendation_addressee
        WHERE recommendation_id = ANY($1::uuid[]) ORDER BY recommendation_id, position`,
      [recommendationIds],
    );
  const addressees = new Map<string, { agency_id: string; holder_agency_id: string | null }[]>();
  for (const r of rows) {
    const list = addressees.get(r.recommendation_id) ?? [];
    list.push(r);
    addressees.set(r.recommendation_id, list);
  }
  return { byFrom, agencies, workingGroupAgencyId: role?.agency_id ?? null, accounts, addressees };
}

/** recipientsFor on a directory already read: no query. */
export function recipientsIn(
  directory: RecipientDirectory,
  recommendationId: string,
  notify: NotifyTarget[],
  day: string,
  addresseeId?: string,
): Recipients {
  const { byFrom, agencies } = directory;
  const found: Recipient[] = [];
  const held: HeldAddressee[] = [];
  const moved: MovedAddressee[] = [];
  // One addressee's ladder: who holds its duty today is said to everyone mailed (and a held one
  // told to the secretariat), even at a level that does not mail the addressee itself.
  const readAddressees = notify.includes('ADDRESSEE') || addresseeId !== undefined;
  const mailAgency = (id: string, ofAddressee: boolean) => {
    const a = agencies.get(id)!;
    for (const email of a.emails) found.push({ email, label: a.name, userId: null, ofAddressee });
  };
  if (readAddressees) {
    const rows = (directory.addressees.get(recommendationId) ?? []).filter(
      (r) => addresseeId === undefined || r.agency_id === addresseeId,
    );
    for (const r of rows) {
      const holder = holderOn(r.holder_agency_id ?? r.agency_id, day, byFrom, 'DUTY');
      const addressee = agencies.get(r.agency_id)!;
      if (holder.status === 'HELD_BY') {
        if (notify.includes('ADDRESSEE')) mailAgency(holder.agency, true);
        const last = holder.path.at(-1);
        if (holder.agency !== r.agency_id)
          moved.push({
            addresseeName: addressee.name,
            holderName: agencies.get(holder.agency)!.name,
            legalBasis: last?.legalBasis ?? 'lựa chọn của Thư ký Tổ công tác',
            effectiveOn: last?.effectiveOn ?? day,
          });
      } else
        held.push({
          addresseeCode: addressee.code,
          addresseeName: addressee.name,
          atCode: agencies.get(holder.at)!.code,
          candidateCodes: holder.candidates.map((c) => agencies.get(c.to)!.code),
          candidateNames: holder.candidates.map((c) => agencies.get(c.to)!.name),
        });
    }
  }
  if (notify.includes('WORKING_GROUP') && directory.workingGroupAgencyId) {
    const holder = holderOn(directory.workingGroupAgencyId, day, byFrom, 'MAIN');
    if (holder.status === 'HELD_BY') mailAgency(holder.agency, false);
  }
  for (const [target, label] of [
    ['SECRETARIAT', 'Thư ký Tổ công tác Đề án 06 tỉnh'],
    ['LEADERSHIP', null],
  ] as const) {
    // A held addressee is the secretariat's to settle: it hears of it whatever the level says.
    if (!notify.includes(target) && !(target === 'SECRETARIAT' && held.length > 0)) continue;
    for (const u of directory.accounts.get(target) ?? [])
      found.push({ email: u.email, label: label ?? u.name, userId: u.id, ofAddressee: false });
  }
  const seen = new Set<string>();
  const recipients = found.filter((r) => {
    const key = r.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { recipients, held, moved };
}

interface DirectoryAgency {
  code: string;
  name: string;
  emails: string[];
}

async function agencyDirectory(m: EntityManager): Promise<Map<string, DirectoryAgency>> {
  const rows: { id: string; code: string; name: string; contact_emails: string[] }[] =
    await m.query(`SELECT id, code, name, contact_emails FROM agency`);
  return new Map(rows.map((a) => [a.id, { code: a.code, name: a.name, emails: a.contact_emails }]));
}
