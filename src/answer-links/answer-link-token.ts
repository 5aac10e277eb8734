import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token of a personal answer link (issue 12, item 2): `<linkId>.<HMAC-SHA256(key, linkId)>`,
 * the MAC in base64url. The key is derived from the service's secret (JWT_SECRET) for this one
 * use, so a token says nothing of the secret and a JWT is never a link. Nothing of the token is
 * stored: it is recomputed from the link's id.
 */
export const ANSWER_PATH = '/tra-loi';

const LINK_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAC = /^[A-Za-z0-9_-]{43}$/;

/** The HMAC key of answer links: sha256('answer-link:' + secret). */
export function answerLinkKey(secret: string): Buffer {
  return createHash('sha256').update(`answer-link:${secret}`).digest();
}

function mac(key: Buffer, linkId: string): Buffer {
  return createHmac('sha256', key).update(linkId).digest();
}

export function signAnswerLink(key: Buffer, linkId: string): string {
  return `${linkId}.${mac(key, linkId).toString('base64url')}`;
}

/** The link's id when the token is one the service signed (constant-time); otherwise null. */
export function verifyAnswerLink(key: Buffer, token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 100) return null;
  const dot = token.indexOf('.');
  if (dot < 0) return null;
  const linkId = token.slice(0, dot);
  const given = token.slice(dot + 1);
  if (!LINK_ID.test(linkId) || !MAC.test(given)) return null;
  // Compared as text: decoding would accept the other spellings of the last character (its low
  // bits are padding), so that one token had several.
  const expected = Buffer.from(mac(key, linkId).toString('base64url'));
  const sent = Buffer.from(given);
  return sent.length === expected.length && timingSafeEqual(sent, expected) ? linkId : null;
}

/**
 * A URL with the token of an answer link cut to the link's id (`/tra-loi/<id>.…`), for logs:
 * the id names the link for whoever reads the log; the signature, which opens it, never appears.
 */
export function redactAnswerPath(url: string): string {
  return url.replace(/\/tra-loi\/([^/?#]*)/gi, (_whole, segment: string) => {
    const id = segment.split(/\.|%2e/i)[0].slice(0, 36);
    return `${ANSWER_PATH}/${id}${segment.length > id.length ? '.…' : ''}`;
  });
}
