import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ReceivedMail {
  to: string[];
  parsed: ParsedMail;
  raw: string;
}

/** A real SMTP server in the test process that keeps what it receives. */
export async function startSmtpServer(): Promise<{
  url: string;
  received: ReceivedMail[];
  next(count: number): Promise<void>;
  close(): Promise<void>;
}> {
  const received: ReceivedMail[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          parsed: await simpleParser(raw),
          raw,
        });
        for (const w of waiters.filter((w) => received.length >= w.count)) w.resolve();
        callback();
      });
    },
  });
  server.on('error', () => undefined); // a client killed mid-session resets its socket
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    next: (count) =>
      new Promise((resolve) =>
        received.length >= count ? resolve() : waiters.push({ count, resolve }),
      ),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
