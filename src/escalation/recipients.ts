import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { mailableUserSql } from '../users/mailable.js';
import type { NotifyTarget } from './domain/policy.js';

export const WORKING_GROUP_CODE = 'TCT06CP';

export interface Recipient {
  email: string;
  label: string;
  userId: string | null;
}

/**
 * The people a level mails, per its notify list, each address once: addressee agencies' focal
 * points (a dissolved agency's successor takes over its letters), the secretariat's and
 * leadership's active accounts, and the Government working group's focal points.
 */
export async function recipientsFor(
  m: EntityManager,
  recommendationId: string,
  notify: NotifyTarget[],
  config: Pick<AppConfig, 'isProduction'>,
): Promise<Recipient[]> {
  const found: Recipient[] = [];
  if (notify.includes('ADDRESSEE')) {
    const rows: { name: string; emails: string[] }[] = await m.query(
      `SELECT coalesce(s.name, a.name) AS name, coalesce(s.contact_emails, a.contact_emails) AS emails
         FROM recommendation_addressee ra JOIN agency a ON a.id = ra.agency_id
         LEFT JOIN agency s ON s.id = a.successor_id AND a.dissolved_on IS NOT NULL
        WHERE ra.recommendation_id = $1 ORDER BY ra.position`,
      [recommendationId],
    );
    for (const r of rows)
      for (const email of r.emails) found.push({ email, label: r.name, userId: null });
  }
  if (notify.includes('WORKING_GROUP')) {
    const rows: { name: string; emails: string[] }[] = await m.query(
      `SELECT name, contact_emails AS emails FROM agency WHERE code = $1`,
      [WORKING_GROUP_CODE],
    );
    for (const r of rows)
      for (const email of r.emails) found.push({ email, label: r.name, userId: null });
  }
  for (const [target, role, label] of [
    ['SECRETARIAT', 'SECRETARIAT', 'Thư ký Tổ công tác Đề án 06 tỉnh'],
    ['LEADERSHIP', 'LEADERSHIP', null],
  ] as const) {
    if (!notify.includes(target)) continue;
    const users: { id: string; email: string; name: string }[] = await m.query(
      `SELECT id, email, name FROM app_user WHERE role = $1 AND ${mailableUserSql('app_user', config)} ORDER BY email`,
      [role],
    );
    for (const u of users) found.push({ email: u.email, label: label ?? u.name, userId: u.id });
  }
  const seen = new Set<string>();
  return found.filter((r) => {
    const key = r.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
