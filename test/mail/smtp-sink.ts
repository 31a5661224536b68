import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 (smtp-server) that parses every accepted message back with
 * mailparser. A message counts as delivered only once the server has answered 250 to DATA, as
 * with a real MTA: `holdNext` lets a test keep that answer back (to kill a sender mid-send).
 */

export interface ReceivedMail {
  parsed: ParsedMail;
  /** The EHLO name the client gave (nodemailer's `name`, settable with `?name=` in SMTP_URL). */
  clientName: string;
  envelopeTo: string[];
}

export interface SmtpSink {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** The next message from a client with this EHLO name waits for `release()` before its 250. */
  holdNextFrom(clientName: string): Promise<{ release(): void; aborted: Promise<void> }>;
  /** Answers the next message with this SMTP reply code instead of 250. */
  rejectNext(code: number, message: string): void;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const holds = new Map<string, (hold: { release(): void; aborted: Promise<void> }) => void>();
  const rejections: Array<{ code: number; message: string }> = [];
  const closeWatchers = new Map<string, () => void>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onClose(session: SMTPServerSession) {
      closeWatchers.get(session.id)?.();
      closeWatchers.delete(session.id);
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const rejection = rejections.shift();
        if (rejection) return callback(Object.assign(new Error(rejection.message), { responseCode: rejection.code }));
        const clientName = session.hostNameAppearsAs;
        const accept = async () => {
          received.push({ parsed: await simpleParser(Buffer.concat(chunks)), clientName, envelopeTo: session.envelope.rcptTo.map((to) => to.address) });
          callback();
        };
        const hold = holds.get(clientName);
        if (!hold) return accept();
        holds.delete(clientName);
        let onClose!: () => void;
        const aborted = new Promise<void>((resolve) => (onClose = resolve));
        // The client went away before our 250: the message is not delivered.
        let closed = false;
        closeWatchers.set(session.id, () => {
          closed = true;
          onClose();
        });
        hold({
          release: () => {
            if (!closed) void accept();
          },
          aborted,
        });
      });
    },
  });
  // A killed client resets its connection; that is expected here, not a test failure.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    holdNextFrom: (clientName) => new Promise((resolve) => holds.set(clientName, resolve)),
    rejectNext: (code, message) => rejections.push({ code, message }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
