import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { redacted } from '../common/redacted-url.js';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Deterministic, so a resend after a crash is recognisable as the same message. */
  messageId: string;
}

/**
 * The bodies go base64-encoded: nodemailer would pick quoted-printable for Vietnamese (mostly
 * Latin letters), which writes each letter with a diacritic as up to nine characters — a wave's
 * combined mail of 200 reminders took three times as long to encode and was 18 % larger.
 */
const BODY_ENCODING = { textEncoding: 'base64' } as const;

/** Where mail goes: a pooled SMTP transport with SMTP_URL, else `.eml` files in DATA_DIR/mail. */
export interface MailTransport {
  description: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

export function createMailTransport(options: { smtpUrl?: string; dataDir: string }): MailTransport {
  if (options.smtpUrl) {
    const url = new URL(options.smtpUrl);
    url.searchParams.set('pool', 'true');
    const transport = nodemailer.createTransport(url.toString());
    return {
      description: `SMTP (pooled) at ${redacted(options.smtpUrl)}`,
      send: async (mail) => {
        await transport.sendMail({ ...mail, ...BODY_ENCODING });
      },
      close: () => transport.close(),
    };
  }
  const dir = join(options.dataDir, 'mail');
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  return {
    description: `.eml files in ${dir}`,
    send: async (mail) => {
      const info = await transport.sendMail({ ...mail, ...BODY_ENCODING });
      await mkdir(dir, { recursive: true });
      const safeId = mail.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9._@-]/g, '_');
      await writeFile(join(dir, `${safeId}.eml`), info.message as Buffer);
    },
    close: () => transport.close(),
  };
}
