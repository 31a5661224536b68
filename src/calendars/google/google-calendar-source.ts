import { google, type calendar_v3 } from 'googleapis';
import { InvalidInviteError, type Recurrence } from '../../core/invite.js';
import { AuthError, IntegrationError, ThrottledError, parseRetryAfter } from '../../integration/integration-error.js';
import { withRetry, type RetryPolicy } from '../../integration/retry.js';
import { CalendarError, type CalendarAccount, type CalendarMeeting, type CalendarSource, type MeetingsOptions, type TimeRange } from '../calendar-source.js';
import {
  googleEventListFields,
  googleEventToInvite,
  googleRecurrenceToInvite,
  googleSkipReason,
  type GoogleEvent,
  type GoogleSkipReason,
} from './google-event-to-invite.js';
import { DelegatedClients, calendarReadonlyScope, type DelegatedClient, type ServiceAccountKey } from './google-service-account.js';

/**
 * A user's week from Google Calendar through `googleapis`, acting as the user with a service
 * account's domain-wide delegation: `events.list` on their primary calendar with `timeMin`/`timeMax`,
 * `singleEvents=true` (recurring events expanded by Google), `orderBy=startTime`, a `fields=`
 * partial response and every page; then each series' master once for its RRULE. Quota errors
 * (403 rateLimitExceeded / userRateLimitExceeded, 429) and 5xx are retried with exponential
 * back-off, or after Retry-After when Google sends one.
 */

export interface GoogleCalendarSourceOptions {
  /** The parsed GOOGLE_SERVICE_ACCOUNT_KEY_FILE. */
  key: ServiceAccountKey;
  /** GOOGLE_API_ROOT_URL (googleapis' `rootUrl`), default https://www.googleapis.com/. */
  rootUrl?: string;
  /** Events per page (`maxResults`, Google's maximum is 2500; default 250). */
  pageSize?: number;
  readSeriesPatterns?: boolean;
  retry?: RetryPolicy;
  /** First back-off when Google gives no Retry-After; doubled on each retry (with jitter). */
  backoffMs?: number;
  sleep?: (milliseconds: number) => Promise<void>;
  onProblem?: (problem: { user: string; eventId?: string; message: string }) => void;
}

const defaultRetry: RetryPolicy = { retries: 5, defaultDelayMs: 1000, maxDelayMs: 64_000 };

export class GoogleCalendarSource implements CalendarSource {
  readonly skipped: Record<GoogleSkipReason, number> = { declined: 0, cancelled: 0, allDay: 0, alone: 0 };
  /** Calls made to the Calendar API (retries included), for tests and figures. */
  requests = 0;
  private readonly calendar: calendar_v3.Calendar;
  private readonly clients: DelegatedClients;

  constructor(private readonly options: GoogleCalendarSourceOptions) {
    this.calendar = google.calendar({ version: 'v3', rootUrl: options.rootUrl ?? 'https://www.googleapis.com/' });
    this.clients = new DelegatedClients(options.key, [calendarReadonlyScope]);
  }

  async meetings(account: CalendarAccount, range: TimeRange, options: MeetingsOptions = {}): Promise<CalendarMeeting[]> {
    if (!('google' in account) || typeof account.google !== 'string' || !account.google.includes('@')) {
      throw new CalendarError('Google calendar: expected { google: <the user\'s Workspace address> }');
    }
    const user = account.google.trim();
    try {
      const auth = this.clients.forUser(user);
      const events = await this.list(user, auth, range, options.signal);
      const patterns = await this.seriesPatterns(user, auth, events, options.signal);
      return this.toMeetings(user, events, patterns, range, options.userEmail ?? user);
    } catch (error) {
      throw calendarError(user, error);
    }
  }

  private async list(user: string, auth: DelegatedClient, range: TimeRange, signal: AbortSignal | undefined): Promise<GoogleEvent[]> {
    const events: GoogleEvent[] = [];
    let pageToken: string | undefined;
    for (let pages = 0; ; pages++) {
      if (pages > 1000) throw new IntegrationError('Google Calendar: more than 1,000 pages of events; stopped', { vendor: 'google', isRetryable: false });
      const token = pageToken;
      const page = await this.call(auth, signal, () =>
        this.calendar.events.list(
          {
            auth,
            calendarId: user,
            timeMin: range.start.toISOString(),
            timeMax: range.end.toISOString(),
            singleEvents: true,
            orderBy: 'startTime',
            maxResults: this.options.pageSize ?? 250,
            fields: googleEventListFields,
            ...(token ? { pageToken: token } : {}),
          },
          { retry: false, signal },
        ),
      );
      const items = (page.data as { items?: unknown }).items;
      if (items !== undefined && !Array.isArray(items)) throw new IntegrationError('Google Calendar: events.list answered without an items list', { vendor: 'google', isRetryable: false });
      events.push(...((items ?? []) as GoogleEvent[]));
      pageToken = page.data.nextPageToken ?? undefined;
      if (!pageToken) return events;
    }
  }

  private async seriesPatterns(user: string, auth: DelegatedClient, events: GoogleEvent[], signal: AbortSignal | undefined): Promise<Map<string, Recurrence | null>> {
    const patterns = new Map<string, Recurrence | null>();
    if (this.options.readSeriesPatterns === false) return patterns;
    const ids = [...new Set(events.filter((event) => event.status !== 'cancelled' && event.start?.dateTime).flatMap((event) => (event.recurringEventId ? [event.recurringEventId] : [])))];
    for (const eventId of ids) {
      try {
        const master = await this.call(auth, signal, () => this.calendar.events.get({ auth, calendarId: user, eventId, fields: 'recurrence' }, { retry: false, signal }));
        patterns.set(eventId, googleRecurrenceToInvite(master.data.recurrence));
      } catch (error) {
        // A master we cannot read costs only its pattern.
        if (error instanceof IntegrationError && !error.isRetryable && !(error instanceof AuthError)) continue;
        throw error;
      }
    }
    return patterns;
  }

  /** One API call with the retry policy; a failed token request is an AuthError naming delegation. */
  private call<T>(auth: DelegatedClient, signal: AbortSignal | undefined, request: () => Promise<T>): Promise<T> {
    const backoffMs = this.options.backoffMs ?? 1000;
    return withRetry(
      async (attempt) => {
        signal?.throwIfAborted();
        try {
          await auth.getAccessToken();
        } catch (error) {
          throw tokenError(error);
        }
        this.requests += 1;
        try {
          return await request();
        } catch (error) {
          throw apiError(error, backoffMs * 2 ** (attempt - 1) * (0.8 + Math.random() * 0.4));
        }
      },
      this.options.retry ?? defaultRetry,
      this.options.sleep,
    );
  }

  private toMeetings(user: string, events: GoogleEvent[], patterns: Map<string, Recurrence | null>, range: TimeRange, userEmail: string): CalendarMeeting[] {
    const meetings: CalendarMeeting[] = [];
    for (const event of events) {
      const reason = googleSkipReason(event, userEmail);
      if (reason) {
        this.skipped[reason] += 1;
        continue;
      }
      const seriesId = event.recurringEventId || undefined;
      let invite;
      try {
        invite = googleEventToInvite(event, seriesId ? (patterns.get(seriesId) ?? 'weekly') : null);
      } catch (error) {
        if (!(error instanceof InvalidInviteError)) throw error;
        this.options.onProblem?.({ user, eventId: event.id ?? undefined, message: `event ${event.id ?? '(no id)'}: ${error.message}` });
        continue;
      }
      const start = Date.parse(invite.start);
      if (start < range.start.getTime() || start >= range.end.getTime()) continue; // Google lists overlapping events
      meetings.push(seriesId ? { invite, seriesId } : { invite });
    }
    return meetings.sort((a, b) => Date.parse(a.invite.start) - Date.parse(b.invite.start) || a.invite.subject.localeCompare(b.invite.subject));
  }
}

interface GaxiosLike {
  status?: number;
  code?: string | number;
  message?: string;
  response?: { status?: number; headers?: unknown; data?: unknown };
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string>;
  const key = Object.keys(record).find((each) => each.toLowerCase() === name);
  return key ? record[key] : undefined;
}

function apiError(error: unknown, backoffMs: number): IntegrationError {
  if (error instanceof IntegrationError) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as GaxiosLike;
  const status = shape.response?.status ?? (typeof shape.status === 'number' ? shape.status : undefined);
  if (!status) {
    if ((error as Error)?.name === 'AbortError') throw error;
    return new IntegrationError(`Google Calendar could not be reached (${String(shape.code ?? 'network error')})`, { vendor: 'google', isRetryable: true, retryAfterMs: backoffMs, cause: error });
  }
  const body = (shape.response?.data ?? {}) as { error?: { message?: string; errors?: Array<{ reason?: string }> } };
  const reason = body.error?.errors?.[0]?.reason;
  const message = `Google Calendar answered ${status}${reason ? ` ${reason}` : ''}${body.error?.message ? `: ${body.error.message.replace(/\s+/g, ' ').slice(0, 160)}` : ''}`;
  const retryAfterMs = parseRetryAfter(headerOf(shape.response?.headers, 'retry-after')) ?? backoffMs;
  const quota = status === 429 || (status === 403 && (reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded' || reason === 'quotaExceeded'));
  if (quota) return new ThrottledError(message, { vendor: 'google', status, retryAfterMs, isRetryable: true });
  if (status === 401 || status === 403) return new AuthError(message, { vendor: 'google', status, isRetryable: false });
  if (status >= 500) return new IntegrationError(message, { vendor: 'google', status, retryAfterMs, isRetryable: true });
  return new IntegrationError(message, { vendor: 'google', status, isRetryable: false });
}

function tokenError(error: unknown): IntegrationError {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as GaxiosLike;
  const data = (shape.response?.data ?? {}) as { error?: unknown };
  const code = typeof data.error === 'string' ? data.error : (/^(\w+):/.exec(shape.message ?? '')?.[1] ?? undefined);
  const status = shape.response?.status;
  if (status && status >= 500) return new IntegrationError(`Google's token endpoint answered ${status}`, { vendor: 'google', status, isRetryable: true });
  if (status || code) {
    return new AuthError(
      `Google refused the service account's token for this user (${code ?? status}): check domain-wide delegation for the client id and the calendar.events.readonly scope`,
      { vendor: 'google', status, isRetryable: false },
    );
  }
  return new IntegrationError("Google's token endpoint could not be reached", { vendor: 'google', isRetryable: true });
}

function calendarError(user: string, error: unknown): CalendarError {
  if (error instanceof CalendarError) return error;
  if (error instanceof IntegrationError) {
    const hint = error.status === 404 ? ' (no such calendar: is the address a Workspace user?)' : '';
    return new CalendarError(`Google calendar of ${user}: ${error.message}${hint}`, { isRetryable: error.isRetryable, cause: error });
  }
  if (error instanceof Error && error.name === 'AbortError') return new CalendarError(`Google calendar of ${user}: cancelled`, { cause: error });
  return new CalendarError(`Google calendar of ${user}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
