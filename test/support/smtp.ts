import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ReceivedMail {
  to: string[];
  parsed: ParsedMail;
  raw: string;
  /** When the server accepted it (Date.now()). */
  at: number;
}

export interface TestSmtpServer {
  url: string;
  received: ReceivedMail[];
  /** Refusals answered so far (see refuse). */
  refusals: number;
  next(count: number): Promise<void>;
  /** Answer every recipient with this SMTP code (451: try later, 550: never) until refuse(null). */
  refuse(code: number | null): void;
  /**
   * Answer no mail until `count` mails are waiting for their answer at once (then all of them):
   * a client that sends one mail at a time never gets an answer.
   */
  holdUntilConcurrent(count: number): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server in the test process that keeps what it receives. Each mail is answered once
 * it is parsed and kept, so a client that saw it accepted finds it in `received`; with
 * `acceptOnReceipt` (the benchmarks) it is answered as soon as its data has arrived, as a mail
 * server does, and parsed afterwards: a benchmark's figures do not include this process parsing.
 */
export async function startSmtpServer(
  options: { acceptOnReceipt?: boolean } = {},
): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let refusal: number | null = null;
  let holdFor = 0;
  const held: (() => void)[] = [];
  const state = { refusals: 0 };
  const server = new SMTPServer({
    // close() waits this long for clients still connected, then drops them (default 30 s): the
    // application under test has closed its transport by then, so a slow close is not a finding.
    closeTimeout: 2000,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusal === null) return callback();
      state.refusals += 1;
      const error = new Error(
        refusal < 500 ? 'Mailbox busy, try again later' : 'Mailbox does not exist',
      ) as Error & { responseCode: number };
      error.responseCode = refusal;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (holdFor > 1)
          await new Promise<void>((release) => {
            held.push(release);
            if (held.length < holdFor) return;
            holdFor = 0;
            for (const r of held.splice(0)) r();
          });
        const at = Date.now();
        // Read before answering: the client's next mail resets the session's envelope.
        const to = session.envelope.rcptTo.map((r) => r.address);
        if (options.acceptOnReceipt) callback();
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          to,
          parsed: await simpleParser(raw),
          raw,
          at,
        });
        for (const w of waiters.filter((w) => received.length >= w.count)) w.resolve();
        if (!options.acceptOnReceipt) callback();
      });
    },
  });
  server.on('error', () => undefined); // a client killed mid-session resets its socket
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get refusals() {
      return state.refusals;
    },
    next: (count) =>
      new Promise((resolve) =>
        received.length >= count ? resolve() : waiters.push({ count, resolve }),
      ),
    refuse: (code) => {
      refusal = code;
    },
    holdUntilConcurrent: (count) => {
      holdFor = count;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
