import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * An SMTP server that accepts every message and, on the messages numbered in `killAfter`,
 * kills the sending worker right after its acceptance: the one window in which a mail is
 * delivered but not yet recorded SENT.
 */
export async function acceptingThenKillingSmtp(killAfter: number[], kill: () => void) {
  const delivered: { messageId: string; to: string; subject: string; text: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const parsed = await simpleParser(Buffer.concat(chunks));
        delivered.push({
          messageId: parsed.messageId!,
          to: session.envelope.rcptTo[0].address.toLowerCase(),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
        });
        callback(); // 250: accepted
        if (killAfter.includes(delivered.length)) setImmediate(kill);
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    delivered,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
