import { CalendarError, type CalendarAccount, type CalendarMeeting, type CalendarSource, type MeetingsOptions, type TimeRange } from './calendar-source.js';
import type { ServerConfig } from '../config.js';
import type { GoogleCalendarSource } from './google/google-calendar-source.js';
import type { GraphCalendarSource } from './graph/graph-calendar-source.js';
import { IcsCalendarSource, type IcsCalendarSourceOptions } from './ics/ics-calendar-source.js';

/**
 * One `CalendarSource` for every kind of account a user may have: it hands `{ ics }`, `{ graph }`
 * and `{ google }` to the matching adapter. ICS needs no configuration; Graph and Google are
 * present only when the server has credentials for them, and say which variables to set when not.
 */

export const calendarKinds = ['ics', 'graph', 'google'] as const;
export type CalendarKind = (typeof calendarKinds)[number];

export interface CalendarSourceDeps {
  ics?: IcsCalendarSourceOptions;
  /** Absent when Microsoft Graph is not configured. */
  graph?: CalendarSource;
  /** Absent when Google Calendar is not configured. */
  google?: CalendarSource;
}

const notConfigured: Record<'graph' | 'google', string> = {
  graph: 'Microsoft Graph calendars are not configured: set ENTRA_TENANT_ID, ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET',
  google: 'Google calendars are not configured: set GOOGLE_SERVICE_ACCOUNT_EMAIL and GOOGLE_SERVICE_ACCOUNT_KEY_FILE (a service account key with domain-wide delegation)',
};

export function createCalendarSource(deps: CalendarSourceDeps = {}): CalendarSource {
  const ics = new IcsCalendarSource(deps.ics);
  return {
    async meetings(account: CalendarAccount, range: TimeRange, options?: MeetingsOptions): Promise<CalendarMeeting[]> {
      const kind = accountKind(account);
      if (!isValidRange(range)) throw new CalendarError('time range: start and end must be valid dates, start before end');
      if (kind === 'ics') return ics.meetings(account, range, options);
      const source = deps[kind];
      if (!source) throw new CalendarError(notConfigured[kind]);
      return source.meetings(account, range, options);
    },
  };
}

/**
 * The sources the server's configuration allows: Graph when ENTRA_TENANT_ID, ENTRA_CLIENT_ID and
 * ENTRA_CLIENT_SECRET are set (app-only, Calendars.Read application permission); Google when
 * GOOGLE_SERVICE_ACCOUNT_KEY_FILE is (with GOOGLE_SERVICE_ACCOUNT_EMAIL; domain-wide delegation
 * of calendar.events.readonly).
 */
export function calendarSourceDepsFromConfig(config: Pick<ServerConfig, 'entra' | 'graphBaseUrl' | 'google' | 'googleApiRootUrl'>): CalendarSourceDeps {
  const deps: CalendarSourceDeps = {};
  const entra = config.entra;
  if (entra?.clientSecret) {
    const credentials = { tenantId: entra.tenantId, clientId: entra.clientId, clientSecret: entra.clientSecret, authorityUrl: entra.authorityUrl };
    // Vendor code (msal-node, googleapis) loads on first use only: importing this module stays cheap.
    let source: Promise<GraphCalendarSource> | undefined;
    deps.graph = {
      async meetings(account, range, options) {
        source ??= import('./graph/graph-calendar-source.js').then(({ GraphCalendarSource }) => new GraphCalendarSource({ credentials, baseUrl: config.graphBaseUrl }));
        return (await source).meetings(account, range, options);
      },
    };
  }
  const keyFile = config.google?.keyFile;
  if (keyFile) {
    // The key is read on first use, so a server without Google users never opens it.
    let source: Promise<GoogleCalendarSource> | undefined;
    deps.google = {
      async meetings(account, range, options) {
        source ??= Promise.all([import('./google/google-service-account.js'), import('./google/google-calendar-source.js')]).then(async ([{ readServiceAccountKey }, { GoogleCalendarSource }]) =>
          new GoogleCalendarSource({ key: await readServiceAccountKey(keyFile), rootUrl: config.googleApiRootUrl }),
        );
        const google = await source.catch((error: unknown) => {
          source = undefined; // a fixed file is picked up on the next call
          throw error;
        });
        return google.meetings(account, range, options);
      },
    };
  }
  return deps;
}

/** The account's kind; anything else fails loudly, listing the kinds there are. */
export function accountKind(account: CalendarAccount): CalendarKind {
  const keys = account && typeof account === 'object' ? Object.keys(account) : [];
  const kinds = calendarKinds.filter((kind) => keys.includes(kind));
  if (kinds.length !== 1) {
    const found = keys.length ? `"${keys.join('", "')}"` : 'nothing';
    throw new CalendarError(`No such calendar kind (found ${found}; expected exactly one of ${calendarKinds.join(', ')})`);
  }
  const kind = kinds[0]!;
  const value = (account as Record<string, unknown>)[kind];
  if (typeof value !== 'string' || value.trim() === '') throw new CalendarError(`calendar account "${kind}" needs a non-empty string`);
  return kind;
}

function isValidRange(range: TimeRange | undefined): boolean {
  const start = range?.start;
  const end = range?.end;
  return start instanceof Date && end instanceof Date && !Number.isNaN(start.getTime()) && !Number.isNaN(end.getTime()) && start < end;
}
