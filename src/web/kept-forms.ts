import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { parseCookie, stringifySetCookie } from 'cookie';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import type { FormValues } from './components/forms.js';
import { KeptForm } from './kept-form.entity.js';

export const KEPT_FORM_COOKIE = 'de_an_06_kept';
/** How long a form posted after its session ended waits for its author to sign in again. */
export const KEPT_FORM_MS = 30 * 60_000;
/** A posted form larger than this (in characters of its fields) is not kept. */
const MAX_KEPT_CHARS = 200_000;
/** Never kept: the CSRF token (stale anyway), passwords, and sign-out (nothing to keep). */
const NEVER_KEPT_FIELD = /^_csrf$|password|mat-?khau/i;
const NEVER_KEPT_ACTION = /^\/dang-(nhap|xuat)(\?|$)/;

/** A kept form given back to its author: where it was posted, where it was, what it held. */
export interface KeptFormContent {
  action: string;
  returnTo: string;
  fields: FormValues;
}

const hash = (token: string) => createHash('sha256').update(token).digest();

/**
 * Forms posted after their session ended (src/web/kept-form.entity.ts). Keeping needs the
 * account whose session the browser's cookie named: that cookie is SameSite=Strict, so a page of
 * another site can post nothing here that is kept. Giving back needs the same browser (the
 * kept form's own cookie) and the same account signing in; whoever else signs in there drops it.
 */
@Injectable()
export class KeptForms {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Keeps a form for `userId`; returns the cookie that lets this browser claim it, or null when
   * there is nothing to keep. One kept form per account: a later one replaces it.
   */
  async keep(
    userId: string,
    form: Omit<KeptFormContent, 'fields'> & { fields: FormValues },
    secure: boolean,
  ): Promise<string | null> {
    if (NEVER_KEPT_ACTION.test(form.action)) return null;
    const fields = Object.fromEntries(
      Object.entries(form.fields).filter(([name]) => !NEVER_KEPT_FIELD.test(name)),
    );
    if (JSON.stringify(fields).length > MAX_KEPT_CHARS) return null;
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      await em.query(`DELETE FROM kept_form WHERE user_id = $1 OR expires_at <= $2`, [userId, now]);
      await em.getRepository(KeptForm).insert({
        tokenHash: hash(token),
        userId,
        action: form.action,
        returnTo: form.returnTo,
        fields,
        createdAt: now,
        expiresAt: new Date(now.getTime() + KEPT_FORM_MS),
      });
    });
    return this.cookie(token, KEPT_FORM_MS / 1000, secure);
  }

  /**
   * At sign-in: the form this browser kept, if it was kept for the account now signed in and is
   * still fresh. Whatever it was, it is gone afterwards: a form is given back once, and a form
   * of another account is dropped, never shown.
   */
  async claim(cookieHeader: string | undefined, userId: string): Promise<KeptFormContent | null> {
    const token = cookieHeader ? parseCookie(cookieHeader)[KEPT_FORM_COOKIE] : undefined;
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const [rows] = (await this.dataSource.query(
      `DELETE FROM kept_form WHERE token_hash = $1
        RETURNING user_id, action, return_to, fields, expires_at`,
      [hash(token)],
    )) as [
      {
        user_id: string;
        action: string;
        return_to: string;
        fields: FormValues;
        expires_at: Date;
      }[],
      number,
    ];
    const row = rows[0];
    if (!row || row.user_id !== userId || row.expires_at <= this.clock.now()) return null;
    return { action: row.action, returnTo: row.return_to, fields: row.fields };
  }

  /** Removes the kept form's cookie (after it was claimed or dropped). */
  clearCookie(secure: boolean): string {
    return this.cookie('', 0, secure);
  }

  private cookie(value: string, maxAgeSeconds: number, secure: boolean): string {
    return stringifySetCookie({
      name: KEPT_FORM_COOKIE,
      value,
      path: '/',
      maxAge: maxAgeSeconds,
      httpOnly: true,
      sameSite: 'strict',
      secure,
    });
  }
}
