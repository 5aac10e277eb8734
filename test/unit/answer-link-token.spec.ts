import { randomUUID } from 'node:crypto';
import {
  answerLinkKey,
  redactAnswerPath,
  signAnswerLink,
  verifyAnswerLink,
} from '../../src/answer-links/answer-link-token.js';

describe('answer link tokens', () => {
  const key = answerLinkKey('a-secret-of-at-least-thirty-two-characters!');
  const id = randomUUID();
  const token = signAnswerLink(key, id);

  it('is the link id and a base64url HMAC of it, which verifies back to the id', () => {
    expect(token).toMatch(new RegExp(`^${id}\\.[A-Za-z0-9_-]{43}$`));
    expect(verifyAnswerLink(key, token)).toBe(id);
    expect(signAnswerLink(key, id)).toBe(token);
  });

  it('refuses a changed signature, another id, another secret and anything not a token', () => {
    const [, mac] = token.split('.');
    const flipped = `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    expect(verifyAnswerLink(key, `${id}.${flipped}`)).toBeNull();
    expect(verifyAnswerLink(key, `${randomUUID()}.${mac}`)).toBeNull();
    expect(
      verifyAnswerLink(answerLinkKey('another-secret-of-thirty-two-characters'), token),
    ).toBeNull();
    for (const bad of [
      undefined,
      42,
      '',
      id,
      `${id}.`,
      `${id}.${mac}x`,
      `${id.toUpperCase()}.${mac}`,
      `x`.repeat(500),
    ])
      expect(verifyAnswerLink(key, bad)).toBeNull();
  });

  it('is cut to the link id in a logged address, a Referer or an encoded path', () => {
    expect(redactAnswerPath(`/tra-loi/${token}`)).toBe(`/tra-loi/${id}.…`);
    expect(redactAnswerPath(`/tra-loi/${token}/tra-loi?x=1`)).toBe(`/tra-loi/${id}.…/tra-loi?x=1`);
    expect(redactAnswerPath(`https://de-an-06.test/tra-loi/${token}`)).toBe(
      `https://de-an-06.test/tra-loi/${id}.…`,
    );
    expect(redactAnswerPath(`/tra-loi/${token.replace('.', '%2E')}`)).toBe(`/tra-loi/${id}.…`);
    expect(redactAnswerPath(`/TRA-LOI/${token}`)).not.toContain(token.split('.')[1]);
    expect(redactAnswerPath('/kien-nghi/abc')).toBe('/kien-nghi/abc');
  });
});
