import { calendar, type calendar_v3 } from 'googleapis/build/src/apis/calendar/index.js';
import { IntegrationError } from '../integration/integration-error.js';
import { withRetry, type RetryPolicy } from '../integration/retry.js';
import { googleApiError, googleClientOptions, retryPolicyOf, type GoogleApiOptions } from './google-api.js';

/**
 * The Calendar API calls the add-on makes, with the user's token: read one event, follow a
 * calendar's changes (incremental sync), and open and close push channels. Errors come back as
 * our IntegrationErrors; a missing event is `undefined`, not an error.
 */

export type GoogleEvent = calendar_v3.Schema$Event;

export interface WatchChannel {
  id: string;
  resourceId: string;
  expiration: number;
}

/** The sync token is gone (410): start again with a full sync. */
export class SyncTokenExpired extends IntegrationError {
  override readonly name = 'SyncTokenExpired';
}

export class GoogleCalendarClient {
  private readonly api;
  private readonly retry: RetryPolicy;

  constructor(options: GoogleApiOptions) {
    this.api = calendar({ version: 'v3', ...googleClientOptions(options) });
    this.retry = retryPolicyOf(options);
  }

  /** The event, or undefined when the Calendar API does not know it (an event still being created). */
  async getEvent(calendarId: string, eventId: string): Promise<GoogleEvent | undefined> {
    try {
      return await withRetry(() => this.call('events.get', () => this.api.events.get({ calendarId, eventId, maxAttendees: 500 })), this.retry);
    } catch (error) {
      if (error instanceof IntegrationError && (error.status === 404 || error.status === 410)) return undefined;
      throw error;
    }
  }

  /**
   * Events changed since `syncToken` (all current events without one), and the token for next
   * time. A token Google no longer honours throws SyncTokenExpired.
   */
  async changedEvents(calendarId: string, syncToken: string | undefined): Promise<{ events: GoogleEvent[]; nextSyncToken: string }> {
    const events: GoogleEvent[] = [];
    let pageToken: string | undefined;
    for (;;) {
      const page = await withRetry(() =>
        this.call('events.list', () => this.api.events.list({ calendarId, ...(syncToken ? { syncToken } : {}), ...(pageToken ? { pageToken } : {}), maxResults: 250, singleEvents: false })),
        this.retry,
      ).catch((error: unknown) => {
        if (error instanceof IntegrationError && error.status === 410) throw new SyncTokenExpired('calendar events.list: 410 fullSyncRequired', { vendor: 'google', status: 410, isRetryable: false });
        throw error;
      });
      events.push(...(page.items ?? []));
      if (page.nextPageToken) {
        pageToken = page.nextPageToken;
        continue;
      }
      if (!page.nextSyncToken) throw new IntegrationError('calendar events.list: no nextSyncToken on the last page', { vendor: 'google', isRetryable: false });
      return { events, nextSyncToken: page.nextSyncToken };
    }
  }

  /** Opens a push channel: Google will POST to `address` when the calendar's events change. */
  async watch(calendarId: string, channel: { id: string; address: string; token: string; expiration: number }): Promise<WatchChannel> {
    const data = await withRetry(() =>
      this.call('events.watch', () => this.api.events.watch({ calendarId, requestBody: { id: channel.id, type: 'web_hook', address: channel.address, token: channel.token, expiration: String(channel.expiration) } })),
      this.retry,
    );
    if (!data.id || !data.resourceId) throw new IntegrationError('calendar events.watch: no channel id or resource id in the answer', { vendor: 'google', isRetryable: false });
    return { id: data.id, resourceId: data.resourceId, expiration: Number(data.expiration ?? channel.expiration) };
  }

  /** Closes a channel; one Google no longer knows is already closed. */
  async stop(channel: { id: string; resourceId: string }): Promise<void> {
    try {
      await withRetry(() => this.call('channels.stop', () => this.api.channels.stop({ requestBody: { id: channel.id, resourceId: channel.resourceId } })), this.retry);
    } catch (error) {
      if (error instanceof IntegrationError && error.status === 404) return;
      throw error;
    }
  }

  private async call<T>(method: string, request: () => Promise<{ data: T }>): Promise<T> {
    try {
      return (await request()).data;
    } catch (error) {
      throw googleApiError(error, `calendar ${method}`);
    }
  }
}
