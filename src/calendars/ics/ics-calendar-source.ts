import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { IntegrationError, ThrottledError, parseRetryAfter } from '../../integration/integration-error.js';
import { withRetry, type RetryPolicy } from '../../integration/retry.js';
import { CalendarError, type CalendarAccount, type CalendarMeeting, type CalendarSource, type MeetingsOptions, type TimeRange } from '../calendar-source.js';
import type { IcsProblem } from './ics-to-invites.js';
import { icsToMeetings } from './ics-to-meetings.js';

/**
 * ICS calendars: a file, or a feed URL (the "secret address" Google and Outlook give for a
 * calendar). The URL is a credential, so errors name only its host. Feeds are fetched with a
 * time limit and a size cap; a throttled or failing feed is tried again once.
 */

export interface IcsCalendarSourceOptions {
  /** Injected for tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** Time allowed for the whole download. */
  timeoutMs?: number;
  /** Largest file or feed read, in bytes (a calendar with years of history is a few MB). */
  maxBytes?: number;
  retry?: RetryPolicy;
  /** Events that could not be read; the others are still returned. */
  onProblem?: (problem: IcsProblem) => void;
}

const defaultTimeoutMs = 15_000;
const defaultMaxBytes = 25 * 1024 * 1024;

export class IcsCalendarSource implements CalendarSource {
  constructor(private readonly options: IcsCalendarSourceOptions = {}) {}

  async meetings(account: CalendarAccount, range: TimeRange, options: MeetingsOptions = {}): Promise<CalendarMeeting[]> {
    if (!('ics' in account) || typeof account.ics !== 'string' || account.ics.trim() === '') {
      throw new CalendarError('ICS calendar: expected { ics: <file path or feed URL> }');
    }
    const location = account.ics.trim();
    const text = await this.read(location, options.signal);
    const result = icsToMeetings(text, range, options.userEmail);
    if (result.eventCount === 0) {
      const fatal = result.problems.find((problem) => !/^no VEVENT/.test(problem.message));
      if (fatal) throw new CalendarError(`${describe(location)} is not a usable iCalendar file: ${fatal.message}`);
    }
    for (const problem of result.problems) this.options.onProblem?.(problem);
    return result.meetings;
  }

  private read(location: string, signal: AbortSignal | undefined): Promise<string> {
    if (/^(https?|webcal):\/\//i.test(location)) return this.download(location, signal);
    return this.readLocalFile(location.startsWith('file:') ? fileURLToPath(location) : location);
  }

  private async readLocalFile(path: string): Promise<string> {
    const maxBytes = this.options.maxBytes ?? defaultMaxBytes;
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new CalendarError(`calendar file ${path} is not a file`);
      if (info.size > maxBytes) throw new CalendarError(`calendar file ${path} is larger than ${megabytes(maxBytes)}`);
      return await readFile(path, 'utf8');
    } catch (error) {
      if (error instanceof CalendarError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new CalendarError(`calendar file not found: ${path}`);
      if (code === 'EACCES' || code === 'EPERM') throw new CalendarError(`calendar file not readable (permission denied): ${path}`);
      throw new CalendarError(`calendar file ${path} could not be read (${code ?? 'unknown error'})`, { cause: error });
    }
  }

  private async download(location: string, signal: AbortSignal | undefined): Promise<string> {
    let url: URL;
    try {
      url = new URL(location.replace(/^webcal:/i, 'https:'));
    } catch {
      throw new CalendarError('calendar feed address is not a valid URL');
    }
    const where = `calendar feed at ${url.host}`;
    try {
      return await withRetry(() => this.downloadOnce(url, where, signal), this.options.retry ?? { retries: 1, defaultDelayMs: 1000, maxDelayMs: 5000 });
    } catch (error) {
      if (error instanceof CalendarError) throw error;
      if (signal?.aborted) throw new CalendarError(`${where}: cancelled`, { cause: error });
      if (error instanceof IntegrationError) throw new CalendarError(error.message, { isRetryable: error.isRetryable, cause: error });
      throw new CalendarError(`${where} could not be reached (${errorCode(error)})`, { isRetryable: true, cause: error });
    }
  }

  private async downloadOnce(url: URL, where: string, signal: AbortSignal | undefined): Promise<string> {
    const timeoutMs = this.options.timeoutMs ?? defaultTimeoutMs;
    const maxBytes = this.options.maxBytes ?? defaultMaxBytes;
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const fetchImpl = this.options.fetch ?? fetch;
    try {
      const response = await fetchImpl(url, { signal: combined, redirect: 'follow', headers: { accept: 'text/calendar, text/plain;q=0.9, */*;q=0.5' } });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw statusError(response, where);
      }
      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw new CalendarError(`${where} is larger than ${megabytes(maxBytes)}`);
      }
      return await readCapped(response, maxBytes, where);
    } catch (error) {
      if (error instanceof CalendarError || error instanceof IntegrationError) throw error;
      if (timeout.aborted && !signal?.aborted) {
        throw new IntegrationError(`${where} did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`, { vendor: 'ics', isRetryable: false, cause: error });
      }
      throw error;
    }
  }
}

function statusError(response: Response, where: string): Error {
  const status = response.status;
  if (status === 404 || status === 410) return new CalendarError(`${where} answered ${status} (not found): check the calendar's secret address`);
  if (status === 401 || status === 403) return new CalendarError(`${where} answered ${status} (not allowed): the secret address may have been reset`);
  if (status === 429) return new ThrottledError(`${where} answered 429 (too many requests)`, { vendor: 'ics', status, isRetryable: true, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) });
  if (status >= 500) return new IntegrationError(`${where} answered ${status}`, { vendor: 'ics', status, isRetryable: true, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) });
  return new CalendarError(`${where} answered ${status}`);
}

/** Reads the body, giving up as soon as it passes the cap (a feed may not say its length). */
async function readCapped(response: Response, maxBytes: number, where: string): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new CalendarError(`${where} is larger than ${megabytes(maxBytes)}`);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** A file path as given; a URL by its host only (its path is the secret). */
function describe(location: string): string {
  if (!/^(https?|webcal):\/\//i.test(location)) return `calendar file ${location}`;
  try {
    return `calendar feed at ${new URL(location.replace(/^webcal:/i, 'https:')).host}`;
  } catch {
    return 'calendar feed';
  }
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** fetch's errors may come from another realm (undici), so read them by shape, not instanceof. */
function errorCode(error: unknown): string {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as { cause?: { code?: unknown; message?: unknown }; name?: unknown };
  const code = shape.cause?.code;
  if (typeof code === 'string') return code;
  // fetch refuses some ports itself ("bad port"): its cause has a message but no code.
  const message = shape.cause?.message;
  if (typeof message === 'string' && message !== '') return message.split('\n')[0]!;
  return typeof shape.name === 'string' ? shape.name : 'unknown error';
}
