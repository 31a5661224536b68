import { InvalidInviteError, type Recurrence } from '../../core/invite.js';
import { AuthError, IntegrationError } from '../../integration/integration-error.js';
import { withRetry, type RetryPolicy } from '../../integration/retry.js';
import { CalendarError, type CalendarAccount, type CalendarMeeting, type CalendarSource, type MeetingsOptions, type TimeRange } from '../calendar-source.js';
import { createGraphAppTokenProvider, type GraphAppCredentials, type GraphTokenProvider } from './graph-app-token.js';
import {
  graphEventFields,
  graphEventToInvite,
  graphPatternToRecurrence,
  graphSkipReason,
  guessRecurrence,
  type GraphEvent,
  type GraphRecurrencePattern,
  type GraphSkipReason,
} from './graph-event-to-invite.js';
import { GraphTransport, type GraphTransportStats } from './graph-transport.js';

/**
 * A user's week from Microsoft Graph, app-only: `GET /users/{id}/calendarView` with `$select`,
 * times in UTC and bodies as text (`Prefer`), every `@odata.nextLink` page, then each recurring
 * series' master once for its pattern. Requests share one `GraphTransport`, so concurrent users
 * go out as `$batch`es of 20 with at most 4 requests per mailbox; 429 and 5xx are retried after
 * their `Retry-After` (src/integration/retry.ts).
 */

export interface GraphCalendarSourceOptions {
  /** ENTRA_TENANT_ID, ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET, ENTRA_AUTHORITY_URL. Or give `getAccessToken`. */
  credentials?: GraphAppCredentials;
  getAccessToken?: GraphTokenProvider;
  /** GRAPH_BASE_URL. */
  baseUrl: string;
  useBatch?: boolean;
  batchWindowMs?: number;
  maxInFlight?: number;
  perMailbox?: number;
  /** Events per page (`$top`; Graph's default is 10). */
  pageSize?: number;
  /** Read each series master for its recurrence pattern (default true; one request per series). */
  readSeriesPatterns?: boolean;
  retry?: RetryPolicy;
  sleep?: (milliseconds: number) => Promise<void>;
  /** Events Graph returned that could not be read; the rest are still returned. */
  onProblem?: (problem: { mailbox: string; eventId?: string; message: string }) => void;
}

export type GraphMeetingsResult = { account: CalendarAccount; meetings: CalendarMeeting[] } | { account: CalendarAccount; error: CalendarError };

const defaultRetry: RetryPolicy = { retries: 6, defaultDelayMs: 1000, maxDelayMs: 60_000 };

export class GraphCalendarSource implements CalendarSource {
  readonly transport: GraphTransport;
  private readonly getAccessToken: GraphTokenProvider;
  readonly skipped: Record<GraphSkipReason, number> = { declined: 0, cancelled: 0, allDay: 0, alone: 0 };

  constructor(private readonly options: GraphCalendarSourceOptions) {
    const getAccessToken = options.getAccessToken ?? (options.credentials ? createGraphAppTokenProvider(options.credentials) : undefined);
    if (!getAccessToken) throw new CalendarError('Microsoft Graph calendars need credentials: set ENTRA_TENANT_ID, ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET');
    this.getAccessToken = getAccessToken;
    this.transport = new GraphTransport({
      baseUrl: options.baseUrl,
      getAccessToken,
      useBatch: options.useBatch,
      batchWindowMs: options.batchWindowMs,
      maxInFlight: options.maxInFlight,
      perMailbox: options.perMailbox,
    });
  }

  get stats(): GraphTransportStats {
    return this.transport.stats;
  }

  async meetings(account: CalendarAccount, range: TimeRange, options: MeetingsOptions = {}): Promise<CalendarMeeting[]> {
    if (!('graph' in account) || typeof account.graph !== 'string' || account.graph.trim() === '') {
      throw new CalendarError('Graph calendar: expected { graph: <user id or address> }');
    }
    const mailbox = account.graph.trim();
    try {
      const events = await this.calendarView(mailbox, range, options.signal);
      const patterns = await this.seriesPatterns(mailbox, events, options.signal);
      return this.toMeetings(mailbox, events, patterns, range, options.userEmail ?? (mailbox.includes('@') ? mailbox : undefined));
    } catch (error) {
      throw calendarError(mailbox, error);
    }
  }

  /**
   * Many users' weeks at once (the report's fan-out): every user's first page goes out in the
   * same `$batch`es. One user's failure is that user's entry, never the others'.
   */
  async meetingsForMany(
    requests: Array<{ account: CalendarAccount; userEmail?: string }>,
    range: TimeRange,
    options: { signal?: AbortSignal; concurrency?: number } = {},
  ): Promise<GraphMeetingsResult[]> {
    const results: GraphMeetingsResult[] = new Array(requests.length);
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const index = next++;
        const { account, userEmail } = requests[index]!;
        try {
          results[index] = { account, meetings: await this.meetings(account, range, { signal: options.signal, userEmail }) };
        } catch (error) {
          results[index] = { account, error: error instanceof CalendarError ? error : new CalendarError(String(error)) };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(requests.length, options.concurrency ?? 400) }, worker));
    return results;
  }

  private async calendarView(mailbox: string, range: TimeRange, signal: AbortSignal | undefined): Promise<GraphEvent[]> {
    const query = new URLSearchParams({
      startDateTime: range.start.toISOString(),
      endDateTime: range.end.toISOString(),
      $select: graphEventFields.join(','),
      $top: String(this.options.pageSize ?? 100),
    });
    let url: string | undefined = `/users/${encodeURIComponent(mailbox)}/calendarView?${query.toString().replace(/%24/g, '$').replace(/%2C/gi, ',')}`;
    const events: GraphEvent[] = [];
    for (let pages = 0; url; pages++) {
      if (pages > 1000) throw new IntegrationError('Microsoft Graph: more than 1,000 pages of events; stopped', { vendor: 'graph', isRetryable: false });
      signal?.throwIfAborted();
      const page: { value?: unknown; '@odata.nextLink'?: unknown } = await this.get(mailbox, url, signal);
      if (!Array.isArray(page?.value)) throw new IntegrationError('Microsoft Graph: a calendarView page without "value"', { vendor: 'graph', isRetryable: false });
      events.push(...(page.value as GraphEvent[]));
      url = typeof page['@odata.nextLink'] === 'string' ? this.transport.relative(page['@odata.nextLink']) : undefined;
    }
    return events;
  }

  private async seriesPatterns(mailbox: string, events: GraphEvent[], signal: AbortSignal | undefined): Promise<Map<string, Recurrence | null>> {
    const patterns = new Map<string, Recurrence | null>();
    if (this.options.readSeriesPatterns === false) return patterns;
    const masterIds = [...new Set(events.filter((event) => !event.isCancelled && !event.isAllDay && event.responseStatus?.response !== 'declined').flatMap((event) => (event.seriesMasterId ? [event.seriesMasterId] : [])))];
    await Promise.all(
      masterIds.map(async (id) => {
        try {
          const master = await this.get<{ recurrence?: { pattern?: GraphRecurrencePattern } }>(mailbox, `/users/${encodeURIComponent(mailbox)}/events/${encodeURIComponent(id)}?$select=recurrence`, signal);
          patterns.set(id, graphPatternToRecurrence(master?.recurrence?.pattern));
        } catch (error) {
          // A master we may not read (deleted, private) costs only its pattern, not the meetings.
          if (error instanceof IntegrationError && !error.isRetryable && !(error instanceof AuthError)) return;
          throw error;
        }
      }),
    );
    return patterns;
  }

  private get<T>(mailbox: string, url: string, signal: AbortSignal | undefined): Promise<T> {
    const headers = { Prefer: 'outlook.timezone="UTC", outlook.body-content-type="text"' };
    let refreshed = false;
    return withRetry(
      async () => {
        signal?.throwIfAborted();
        try {
          return await this.transport.get<T>({ mailbox, url, headers });
        } catch (error) {
          // A kept token Graph no longer takes (revoked, signing keys rolled): one fresh token, once.
          if (error instanceof AuthError && error.status === 401 && error.vendor === 'graph' && !refreshed && this.getAccessToken.invalidate) {
            refreshed = true;
            this.getAccessToken.invalidate();
            return this.transport.get<T>({ mailbox, url, headers });
          }
          throw error;
        }
      },
      this.options.retry ?? defaultRetry,
      this.options.sleep,
    );
  }

  private toMeetings(mailbox: string, events: GraphEvent[], patterns: Map<string, Recurrence | null>, range: TimeRange, userEmail: string | undefined): CalendarMeeting[] {
    const perSeries = new Map<string, number>();
    for (const event of events) if (event.seriesMasterId) perSeries.set(event.seriesMasterId, (perSeries.get(event.seriesMasterId) ?? 0) + 1);
    const meetings: CalendarMeeting[] = [];
    const seen = new Set<string>();
    for (const event of events) {
      const seriesId = event.seriesMasterId || undefined;
      const recurrence = seriesId ? (patterns.get(seriesId) ?? guessRecurrence(perSeries.get(seriesId) ?? 1)) : null;
      let invite;
      try {
        invite = graphEventToInvite(event, recurrence);
      } catch (error) {
        if (!(error instanceof InvalidInviteError)) throw error;
        this.options.onProblem?.({ mailbox, eventId: event.id, message: `event ${event.id ?? '(no id)'}: ${error.message}` });
        continue;
      }
      // calendarView returns events that overlap the range; the report counts those that start in it.
      const start = Date.parse(invite.start);
      if (start < range.start.getTime() || start >= range.end.getTime()) continue;
      const reason = graphSkipReason(event, invite, userEmail);
      if (reason) {
        this.skipped[reason] += 1;
        continue;
      }
      if (invite.id && seen.has(invite.id)) continue; // a page boundary shifted by a concurrent change
      if (invite.id) seen.add(invite.id);
      meetings.push(seriesId ? { invite, seriesId } : { invite });
    }
    return meetings.sort((a, b) => Date.parse(a.invite.start) - Date.parse(b.invite.start) || a.invite.subject.localeCompare(b.invite.subject));
  }
}

function calendarError(mailbox: string, error: unknown): CalendarError {
  if (error instanceof CalendarError) return error;
  if (error instanceof IntegrationError) {
    const hint = error.status === 404 ? ' (no such mailbox, or it has no Exchange Online calendar)' : error.status === 403 ? ' (grant the app Calendars.Read application permission)' : '';
    return new CalendarError(`Graph calendar of ${mailbox}: ${error.message}${hint}`, { isRetryable: error.isRetryable, cause: error });
  }
  if (error instanceof Error && error.name === 'AbortError') return new CalendarError(`Graph calendar of ${mailbox}: cancelled`, { cause: error });
  return new CalendarError(`Graph calendar of ${mailbox}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
