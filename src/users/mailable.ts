import type { AppConfig } from '../config/app-config.js';

const SQL_ALIAS = /^[a-z_][a-z0-9_]*$/;

/**
 * The SQL condition an account must meet to be sent mail, on the `app_user` row named `alias`:
 * active, and in production not a demo account (demo accounts left in a production database
 * must not receive letters, digests or reminders, as they cannot sign in there either). Every
 * query that picks mail recipients among accounts uses it, e.g.
 * `SELECT id, email FROM app_user u WHERE u.role = $1 AND ${mailableUserSql('u', config)}`.
 */
export function mailableUserSql(alias: string, config: Pick<AppConfig, 'isProduction'>): string {
  if (!SQL_ALIAS.test(alias)) throw new Error(`not an SQL alias: ${alias}`);
  return config.isProduction
    ? `(${alias}.disabled_at IS NULL AND NOT ${alias}.is_demo)`
    : `${alias}.disabled_at IS NULL`;
}
