import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { parseCookie, stringifySetCookie } from 'cookie';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../access/actor.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { Role } from '../access/domain/role.js';
import { WebSession } from './web-session.entity.js';

export const SESSION_COOKIE = 'de_an_06_session';
/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 2 * 3_600_000;
/** …and in any case this long after sign-in (a working day and a bit). */
export const SESSION_MAX_MS = 12 * 3_600_000;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;
/**
 * A session ended by time stays this long before a sign-in's sweep removes it (unusable all the
 * while), so a form posted from a tab left open over a weekend can still be kept for its author
 * (src/web/kept-forms.ts).
 */
const ENDED_KEPT_MS = 3 * 24 * 3_600_000;

export type Flash = NonNullable<WebSession['flash']>;

/** A request's session, or, when its session has just ended by time, whose it was. */
export interface SessionLookup {
  session: ActiveSession | null;
  /** The account of a session that ended idle or past its maximum age (not one disabled). */
  endedFor: string | null;
}

export interface ActiveSession {
  id: string;
  csrfToken: string;
  user: AuthenticatedUser;
  flash: Flash | null;
}

interface SessionRow {
  id: string;
  csrf_token: string;
  last_seen_at: Date;
  expires_at: Date;
  flash: Flash | null;
  user_id: string;
  email: string;
  name: string;
  role: Role;
  agency_id: string | null;
  agency_code: string | null;
  disabled_at: Date | null;
  is_demo: boolean;
}

const hash = (token: string) => createHash('sha256').update(token).digest();

/**
 * Browser sessions of the web interface, kept in PostgreSQL. The account is re-read with the
 * session on every request, as the API's guard does: disabling an account ends its sessions.
 */
@Injectable()
export class WebSessions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts a session for a user who has just proved their password; returns the cookie value.
   * `flash`: a message for its first page (a kept form given back).
   */
  async start(
    userId: string,
    secure: boolean,
    flash: Flash | null = null,
  ): Promise<{ token: string; cookie: string }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.dataSource.getRepository(WebSession).insert({
      tokenHash: hash(token),
      userId,
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_MS),
      flash,
    });
    // Sessions of anyone that ended days ago are swept at each sign-in: the table stays small.
    await this.dataSource.query(
      `DELETE FROM web_session WHERE expires_at <= $1 OR last_seen_at <= $2`,
      [
        new Date(now.getTime() - ENDED_KEPT_MS),
        new Date(now.getTime() - SESSION_IDLE_MS - ENDED_KEPT_MS),
      ],
    );
    return { token, cookie: this.cookie(token, SESSION_MAX_MS / 1000, secure) };
  }

  /** The live session behind a request's cookie, or null (none, unknown, expired, account off). */
  async resume(cookieHeader: string | undefined): Promise<ActiveSession | null> {
    return (await this.lookup(cookieHeader)).session;
  }

  /** As resume(), and for a session that ended by time, whose it was (it is deleted now). */
  async lookup(cookieHeader: string | undefined): Promise<SessionLookup> {
    const none = { session: null, endedFor: null };
    const token = tokenOf(cookieHeader);
    if (!token) return none;
    const [row] = (await this.dataSource.query(
      `SELECT s.id, s.csrf_token, s.last_seen_at, s.expires_at, s.flash,
              u.id AS user_id, u.email, u.name, u.role, u.agency_id, u.disabled_at, u.is_demo,
              a.code AS agency_code
         FROM web_session s
         JOIN app_user u ON u.id = s.user_id
         LEFT JOIN agency a ON a.id = u.agency_id
        WHERE s.token_hash = $1`,
      [hash(token)],
    )) as SessionRow[];
    if (!row) return none;
    const now = this.clock.now();
    const idle = now.getTime() - row.last_seen_at.getTime() >= SESSION_IDLE_MS;
    const unusable = row.disabled_at || (row.is_demo && this.config.isProduction);
    if (idle || row.expires_at <= now || unusable) {
      await this.dataSource.query(`DELETE FROM web_session WHERE id = $1`, [row.id]);
      return { session: null, endedFor: unusable ? null : row.user_id };
    }
    if (now.getTime() - row.last_seen_at.getTime() >= TOUCH_EVERY_MS || row.flash) {
      await this.dataSource.query(
        `UPDATE web_session SET last_seen_at = $2, flash = NULL WHERE id = $1`,
        [row.id, now],
      );
    }
    return {
      endedFor: null,
      session: {
        id: row.id,
        csrfToken: row.csrf_token,
        flash: row.flash,
        user: {
          id: row.user_id,
          email: row.email,
          name: row.name,
          role: row.role,
          agencyId: row.agency_id,
          agencyCode: row.agency_code,
        },
      },
    };
  }

  /** A message for the next page the session shows (after a form's redirect). */
  async flash(sessionId: string, flash: Flash): Promise<void> {
    await this.dataSource.query(`UPDATE web_session SET flash = $2 WHERE id = $1`, [
      sessionId,
      JSON.stringify(flash),
    ]);
  }

  /** Sign-out: the row goes, so the cookie is worthless even if it was copied. */
  async end(sessionId: string, secure: boolean): Promise<string> {
    await this.dataSource.query(`DELETE FROM web_session WHERE id = $1`, [sessionId]);
    return this.clearCookie(secure);
  }

  clearCookie(secure: boolean): string {
    return this.cookie('', 0, secure);
  }

  /** `secure`: the request came over HTTPS (directly or, with TRUST_PROXY, through a proxy). */
  private cookie(value: string, maxAgeSeconds: number, secure: boolean): string {
    return stringifySetCookie({
      name: SESSION_COOKIE,
      value,
      path: '/',
      maxAge: maxAgeSeconds,
      httpOnly: true,
      sameSite: 'strict',
      secure,
    });
  }
}

function tokenOf(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  const token = parseCookie(cookieHeader)[SESSION_COOKIE];
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}
