import type { Invite } from '../../core/invite.js';
import type { AsyncThread, Verdict } from '../../core/verdict.js';
import type { TokenProvider } from './auth.js';

/** The backend's /api routes (README "The backend"), called with an Entra token when there is one. */
export interface Settings {
  hourlyRate?: number;
  currency?: string;
  judgeMode?: 'embedded' | 'llm' | 'hybrid';
  smartAlertMode?: 'off' | 'soft-block' | 'prompt-user';
  [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export class Api {
  constructor(readonly base: string, private readonly tokens?: TokenProvider) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const token = this.tokens ? await this.tokens.getToken('api').catch(() => undefined) : undefined;
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) {
      // the backend's JSON errors say what to fix in one line ({ error, message })
      const detail = await response.json().then((body: { message?: unknown }) => (typeof body.message === 'string' ? body.message : ''), () => '');
      throw new ApiError(response.status, detail || `${method} ${path}: ${response.status}`);
    }
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('json')) throw new ApiError(response.status, `${method} ${path}: not JSON`);
    return (await response.json()) as T;
  }

  getSettings(): Promise<Settings> {
    return this.call('GET', '/api/settings');
  }
  putSettings(patch: Partial<Settings>): Promise<Settings> {
    return this.call('PUT', '/api/settings', patch);
  }
  judge(invite: Invite): Promise<Verdict> {
    return this.call('POST', '/api/judge', { invite });
  }
  thread(invite: Invite, verdict: Verdict): Promise<AsyncThread> {
    return this.call('POST', '/api/thread', { invite, verdict });
  }
  /** The pane said `verdict`; the user says the meeting should be `expected` (Keep: 'keep'). */
  feedback(invite: Invite, verdict: Verdict['verdict'], expected: Verdict['verdict'], comment?: string): Promise<unknown> {
    return this.call('POST', '/api/feedback', { invite, verdict, expected, comment: comment || undefined, surface: 'outlook' });
  }
}
