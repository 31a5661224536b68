import { Client, GraphError, HTTPMessageHandler, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { AuthError, IntegrationError, InvalidResponseError, ThrottledError, parseRetryAfter } from '../../integration/integration-error.js';
import type { GraphTokenProvider } from './graph-app-token.js';

/**
 * How Graph GETs leave this process: through the real Graph client, at most `perMailbox`
 * requests in flight per mailbox (Graph's limit for Outlook resources is 4) and `maxInFlight`
 * HTTP requests overall; and, when several are waiting, grouped into JSON `$batch` requests of up
 * to 20. A batch answers 200 with one status per item, so an item can be throttled on its own:
 * each item's failure becomes the same typed error a lone request would give, and the caller's
 * retry policy treats both alike. One attempt per call here; retrying is the caller's.
 */

export interface GraphTransportOptions {
  /** GRAPH_BASE_URL, e.g. https://graph.microsoft.com/v1.0. */
  baseUrl: string;
  getAccessToken: GraphTokenProvider;
  /** Group waiting requests into `$batch` (default true). */
  useBatch?: boolean;
  /** How long a lone request waits for company before going alone, in ms (default 2). */
  batchWindowMs?: number;
  /** HTTP requests (a batch counts once) in flight at once (default 16). */
  maxInFlight?: number;
  /** Requests in flight per mailbox, batch items included (default 4). */
  perMailbox?: number;
}

export interface GraphGet {
  /** The mailbox the request reads, for the per-mailbox limit. */
  mailbox: string;
  /** Relative to the base URL: `/users/{id}/calendarView?…`. */
  url: string;
  headers?: Record<string, string>;
}

export interface GraphTransportStats {
  /** HTTP requests sent (a $batch counts once). */
  httpRequests: number;
  batches: number;
  /** Graph requests made, alone or inside a batch. */
  graphRequests: number;
}

const maxBatchSize = 20;

export class GraphTransport {
  readonly stats: GraphTransportStats = { httpRequests: 0, batches: 0, graphRequests: 0 };
  private readonly client: Client;
  private readonly baseUrl: URL;
  private readonly inFlight: Semaphore;
  private readonly mailboxes = new Map<string, Semaphore>();
  private queue: Array<{ get: GraphGet; resolve: (value: unknown) => void; reject: (error: unknown) => void }> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: GraphTransportOptions) {
    this.baseUrl = new URL(options.baseUrl.replace(/\/+$/, ''));
    // Our own bearer middleware: the SDK's adds tokens only to https Graph hosts (and listed
    // custom hosts), which would leave a GRAPH_BASE_URL on http://127.0.0.1 unauthenticated.
    const bearer = new BearerTokenMiddleware(options.getAccessToken);
    bearer.setNext(new HTTPMessageHandler());
    this.client = Client.initWithMiddleware({
      middleware: bearer,
      baseUrl: this.baseUrl.origin,
      defaultVersion: this.baseUrl.pathname.replace(/^\/+|\/+$/g, ''),
    });
    this.inFlight = new Semaphore(options.maxInFlight ?? 16);
  }

  /** One attempt at a GET; throws an IntegrationError (ThrottledError, AuthError, …). */
  async get<T>(get: GraphGet): Promise<T> {
    const slot = this.mailboxSemaphore(get.mailbox);
    await slot.acquire();
    try {
      return (await (this.options.useBatch === false ? this.sendAlone(get) : this.enqueue(get))) as T;
    } finally {
      slot.release();
      if (slot.idle) this.mailboxes.delete(get.mailbox.toLowerCase());
    }
  }

  /** A link Graph gave (`@odata.nextLink`) as a URL relative to the base, for `get` and `$batch`. */
  relative(link: string): string {
    const url = new URL(link);
    const base = this.baseUrl.pathname.replace(/\/+$/, '');
    const path = url.pathname.startsWith(`${base}/`) ? url.pathname.slice(base.length) : url.pathname.replace(/^\/[^/]+/, '');
    return `${path}${url.search}`;
  }

  private mailboxSemaphore(mailbox: string): Semaphore {
    const key = mailbox.toLowerCase();
    let semaphore = this.mailboxes.get(key);
    if (!semaphore) {
      semaphore = new Semaphore(this.options.perMailbox ?? 4);
      this.mailboxes.set(key, semaphore);
    }
    return semaphore;
  }

  private enqueue(get: GraphGet): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ get, resolve, reject });
      if (this.queue.length >= maxBatchSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.batchWindowMs ?? 2);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0) {
      const items = this.queue.splice(0, maxBatchSize);
      if (items.length === 1) {
        const [item] = items;
        this.sendAlone(item!.get).then(item!.resolve, item!.reject);
      } else {
        void this.sendBatch(items);
      }
    }
  }

  private async sendAlone(get: GraphGet): Promise<unknown> {
    await this.inFlight.acquire();
    this.stats.httpRequests += 1;
    this.stats.graphRequests += 1;
    try {
      await this.options.getAccessToken(); // its failure keeps its type (inside the SDK it would become a GraphError); cached after
      let request = this.client.api(get.url);
      for (const [name, value] of Object.entries(get.headers ?? {})) request = request.header(name, value);
      return (await request.get()) as unknown;
    } catch (error) {
      throw fromGraphError(error);
    } finally {
      this.inFlight.release();
    }
  }

  private async sendBatch(items: Array<{ get: GraphGet; resolve: (value: unknown) => void; reject: (error: unknown) => void }>): Promise<void> {
    await this.inFlight.acquire();
    this.stats.httpRequests += 1;
    this.stats.batches += 1;
    this.stats.graphRequests += items.length;
    try {
      await this.options.getAccessToken();
      const requests = items.map((item, index) => ({ id: String(index + 1), method: 'GET', url: item.get.url, headers: item.get.headers ?? {} }));
      const answer = (await this.client.api('/$batch').post({ requests })) as { responses?: BatchItemResponse[] } | undefined;
      const byId = new Map((answer?.responses ?? []).map((response) => [String(response.id), response]));
      items.forEach((item, index) => {
        const response = byId.get(String(index + 1));
        if (!response) item.reject(new InvalidResponseError('Graph $batch: an item had no answer', { vendor: 'graph', isRetryable: true }));
        else if (response.status >= 200 && response.status < 300) item.resolve(response.body);
        else item.reject(fromStatus(response.status, headerValue(response.headers, 'retry-after'), response.body));
      });
    } catch (error) {
      const failure = fromGraphError(error);
      for (const item of items) item.reject(failure);
    } finally {
      this.inFlight.release();
    }
  }
}

interface BatchItemResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

class BearerTokenMiddleware implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly getAccessToken: GraphTokenProvider) {}

  async execute(context: Context): Promise<void> {
    const token = await this.getAccessToken();
    const options = (context.options ??= {});
    const headers = new Headers(options.headers as HeadersInit | undefined);
    headers.set('Authorization', `Bearer ${token}`);
    options.headers = Object.fromEntries(headers.entries());
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** A counting semaphore: at most `limit` holders, the rest wait in order. */
class Semaphore {
  private holders = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}

  get idle(): boolean {
    return this.holders === 0 && this.waiting.length === 0;
  }

  acquire(): Promise<void> {
    if (this.holders < this.limit) {
      this.holders += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next(); // the slot passes straight to the next in line
    else this.holders -= 1;
  }
}

function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  const key = Object.keys(headers ?? {}).find((each) => each.toLowerCase() === name);
  return key ? headers![key] : undefined;
}

/** A Graph status as our typed errors; the message has Graph's error code, never a token. */
export function fromStatus(status: number, retryAfter: string | null | undefined, body: unknown): IntegrationError {
  const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
  const code = error?.code ? ` ${error.code}` : '';
  const detail = error?.message ? `: ${error.message.replace(/\s+/g, ' ').slice(0, 160)}` : '';
  const message = `Microsoft Graph answered ${status}${code}${detail}`;
  const retryAfterMs = parseRetryAfter(retryAfter);
  if (status === 429) return new ThrottledError(message, { vendor: 'graph', status, retryAfterMs, isRetryable: true });
  if (status === 401 || status === 403) return new AuthError(message, { vendor: 'graph', status, isRetryable: false });
  if (status >= 500 || status === 408) return new IntegrationError(message, { vendor: 'graph', status, retryAfterMs, isRetryable: true });
  return new IntegrationError(message, { vendor: 'graph', status, isRetryable: false });
}

function fromGraphError(error: unknown): IntegrationError {
  if (error instanceof IntegrationError) return error;
  if (error instanceof GraphError && error.statusCode > 0) {
    return fromStatus(error.statusCode, error.headers?.get('Retry-After'), { error: { code: error.code ?? undefined, message: error.message } });
  }
  const reason = error instanceof Error ? error.message.replace(/\s+/g, ' ').slice(0, 120) : 'unknown error';
  return new IntegrationError(`Microsoft Graph could not be reached (${reason})`, { vendor: 'graph', isRetryable: true, cause: error });
}
