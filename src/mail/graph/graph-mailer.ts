import { Client, GraphError, HTTPMessageHandler } from '@microsoft/microsoft-graph-client';
import { parseRetryAfter } from '../../integration/integration-error.js';
import { MailError, type Mailer, type MailMessage, type SentMail } from '../mailer.js';
import { buildMimeMessage } from '../mime-message.js';

/** An app-only access token for Graph (client credentials); see graph-app-token.ts. */
export type GraphTokenProvider = () => Promise<string>;

export interface GraphMailerOptions {
  /** `GRAPH_BASE_URL`, such as https://graph.microsoft.com/v1.0 (tests: a fake on 127.0.0.1). */
  baseUrl: string;
  /** The mailbox the reports are sent from (its id or user principal name; `MAIL_FROM`). */
  sender: string;
  getAccessToken: GraphTokenProvider;
}

/**
 * Microsoft Graph `POST /users/{sender}/sendMail`, app-only (Mail.Send application permission).
 * The message goes in MIME form (base64 text body): in its JSON form Graph accepts custom
 * headers only when they start with `X-`, which would drop RFC 8058's `List-Unsubscribe`.
 * Graph answers 202 with no body, so the message id is the `Message-ID` we wrote.
 */
export class GraphMailer implements Mailer {
  readonly name = 'graph' as const;
  private readonly client: Client;

  constructor(private readonly options: GraphMailerOptions) {
    const base = new URL(options.baseUrl);
    // No SDK auth middleware: it adds tokens only for https Graph hosts and a fixed list of custom
    // ones (a fake on http://127.0.0.1 would go unauthenticated), and a token failure inside it
    // would come back as a bare GraphError. We fetch the token ourselves and set the header.
    this.client = Client.initWithMiddleware({
      middleware: new HTTPMessageHandler(),
      baseUrl: base.origin,
      defaultVersion: base.pathname.replace(/^\/+|\/+$/g, ''),
    });
  }

  async send(message: MailMessage): Promise<SentMail> {
    const mime = await buildMimeMessage(this.options.sender, message);
    const token = await this.options.getAccessToken();
    try {
      await this.client
        .api(`/users/${encodeURIComponent(this.options.sender)}/sendMail`)
        .header('Authorization', `Bearer ${token}`)
        .header('Content-Type', 'text/plain')
        .post(mime.toString('base64'));
    } catch (error) {
      throw graphMailError(error);
    }
    return { messageId: messageIdOf(mime) };
  }

  async close(): Promise<void> {}
}

function graphMailError(error: unknown): MailError {
  if (error instanceof MailError) return error;
  if (error instanceof GraphError) {
    const status = error.statusCode > 0 ? error.statusCode : undefined;
    const retryAfterMs = parseRetryAfter(error.headers?.get('Retry-After'));
    const isRetryable = status === undefined || status === 429 || status >= 500;
    const code = error.code ? ` ${error.code}` : '';
    return new MailError(`Graph sendMail: ${status ?? 'no answer'}${code}`, { vendor: 'graph', status, retryAfterMs, isRetryable, cause: error });
  }
  return new MailError(`Graph sendMail failed (${(error as Error).message})`, { vendor: 'graph', isRetryable: true, cause: error });
}

function messageIdOf(mime: Buffer): string {
  const header = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(mime.subarray(0, 8192).toString('utf8'));
  return header?.[1] ?? '';
}
