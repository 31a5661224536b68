import { CalendarError, type TimeRange } from '../../../src/calendars/calendar-source.js';
import { GraphCalendarSource, type GraphCalendarSourceOptions } from '../../../src/calendars/graph/graph-calendar-source.js';
import { graphEventToInvite, graphPatternToRecurrence } from '../../../src/calendars/graph/graph-event-to-invite.js';
import { fakeGraphEvent, startFakeGraph, type FakeGraph } from '../../fakes/fake-graph.js';

const week: TimeRange = { start: new Date('2026-06-01T00:00:00Z'), end: new Date('2026-06-08T00:00:00Z') };
const ana = 'ana@contoso.com';

let graph: FakeGraph;
let sleeps: number[];

function source(overrides: Partial<GraphCalendarSourceOptions> = {}): GraphCalendarSource {
  return new GraphCalendarSource({
    credentials: { tenantId: graph.tenantId, clientId: graph.clientId, clientSecret: graph.clientSecret, authorityUrl: graph.url },
    baseUrl: graph.graphBaseUrl,
    sleep: async (milliseconds) => {
      sleeps.push(milliseconds);
    },
    ...overrides,
  });
}

beforeEach(async () => {
  graph = await startFakeGraph();
  sleeps = [];
});
afterEach(() => graph.stop());

describe('GraphCalendarSource', () => {
  it("reads a user's week with an app-only token, $select, UTC times and text bodies", async () => {
    graph.addMailbox(
      'user-1',
      [
        fakeGraphEvent({
          id: 'e1',
          subject: 'Roadmap review',
          start: '2026-06-02T09:00:00Z',
          minutes: 45,
          body: { contentType: 'html', content: '<p>Agenda:</p><ul><li>Q3 plan</li></ul>' },
          attendees: [
            { type: 'required', emailAddress: { name: 'Bob', address: 'bob@contoso.com' } },
            { type: 'optional', emailAddress: { name: 'Cy', address: 'cy@contoso.com' } },
            { type: 'resource', emailAddress: { name: 'Room 4', address: 'room4@contoso.com' } },
          ],
          organizer: { emailAddress: { name: 'Dee', address: 'dee@contoso.com' } },
          isOnlineMeeting: true,
          location: { displayName: 'Microsoft Teams Meeting' },
        }),
      ],
      ana,
    );
    const meetings = await source().meetings({ graph: 'user-1' }, week);
    expect(meetings).toEqual([
      {
        invite: {
          id: 'e1',
          subject: 'Roadmap review',
          body: 'Agenda: Q3 plan',
          organizer: { name: 'Dee', email: 'dee@contoso.com' },
          attendees: [
            { name: 'Bob', email: 'bob@contoso.com', type: 'required' },
            { name: 'Cy', email: 'cy@contoso.com', type: 'optional' },
            { name: 'Room 4', email: 'room4@contoso.com', type: 'resource' },
          ],
          start: '2026-06-02T09:00:00Z',
          durationMinutes: 45,
          recurrence: null,
          isOnline: true,
          location: 'Microsoft Teams Meeting',
          source: 'graph',
        },
      },
    ]);
    expect(graph.tokensIssued).toBe(1);
    const view = graph.requests.find((request) => request.url.includes('calendarView'))!;
    const query = new URL(view.url, graph.url).searchParams;
    expect(query.get('startDateTime')).toBe('2026-06-01T00:00:00.000Z');
    expect(query.get('endDateTime')).toBe('2026-06-08T00:00:00.000Z');
    expect(query.get('$select')!.split(',')).toEqual(expect.arrayContaining(['subject', 'body', 'attendees', 'responseStatus', 'seriesMasterId', 'isCancelled', 'isAllDay']));
    expect(view.headers.prefer).toBe('outlook.timezone="UTC", outlook.body-content-type="text"');
    expect(view.headers.authorization).toMatch(/^Bearer fake-graph-token-/);
  });

  it('skips declined, cancelled, all-day and alone; counts meetings by where they start', async () => {
    graph.addMailbox(
      ana,
      [
        fakeGraphEvent({ id: 'kept', subject: 'Kept', start: '2026-06-02T09:00:00Z' }),
        fakeGraphEvent({ id: 'declined', start: '2026-06-02T10:00:00Z', responseStatus: { response: 'declined' } }),
        fakeGraphEvent({ id: 'cancelled', start: '2026-06-02T11:00:00Z', isCancelled: true }),
        fakeGraphEvent({ id: 'allday', start: '2026-06-03T00:00:00Z', minutes: 24 * 60, isAllDay: true }),
        fakeGraphEvent({ id: 'focus', start: '2026-06-03T09:00:00Z', attendees: [], organizer: { emailAddress: { name: 'Ana', address: ana } }, isOrganizer: true }),
        fakeGraphEvent({ id: 'overlap', subject: 'Began last week', start: '2026-05-31T23:30:00Z', minutes: 60 }),
      ],
    );
    const graphSource = source();
    const meetings = await graphSource.meetings({ graph: ana }, week);
    expect(meetings.map((meeting) => meeting.invite.id)).toEqual(['kept']);
    expect(graphSource.skipped).toEqual({ declined: 1, cancelled: 1, allDay: 1, alone: 1 });
  });

  it("gives an occurrence its series id and its master's pattern, read once per series", async () => {
    const occurrence = (day: number) =>
      fakeGraphEvent({ id: `occ-${day}`, subject: 'Standup', start: `2026-06-0${day}T08:00:00Z`, minutes: 15, type: 'occurrence', seriesMasterId: 'master-1' });
    graph.addMailbox('user-2', [
      { ...fakeGraphEvent({ id: 'master-1', start: '2026-01-05T08:00:00Z', type: 'seriesMaster' }), recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] } } },
      occurrence(1),
      occurrence(2),
      occurrence(3),
    ]);
    const meetings = await source().meetings({ graph: 'user-2' }, week);
    expect(meetings).toHaveLength(3);
    expect(meetings.every((meeting) => meeting.seriesId === 'master-1' && meeting.invite.recurrence === 'daily')).toBe(true);
    expect(graph.requests.filter((request) => request.url.includes('/events/master-1'))).toHaveLength(1);
  });

  it('guesses the pattern when the master cannot be read', async () => {
    graph.addMailbox('user-3', [fakeGraphEvent({ id: 'o1', start: '2026-06-02T08:00:00Z', type: 'occurrence', seriesMasterId: 'gone' })]);
    const meetings = await source().meetings({ graph: 'user-3' }, week);
    expect(meetings[0]).toMatchObject({ seriesId: 'gone', invite: { recurrence: 'weekly' } });
  });

  it('follows @odata.nextLink through every page', async () => {
    graph.addMailbox('user-4', Array.from({ length: 7 }, (_, index) => fakeGraphEvent({ id: `p${index}`, start: `2026-06-02T0${index}:00:00Z` })));
    const meetings = await source({ pageSize: 3 }).meetings({ graph: 'user-4' }, week);
    expect(meetings.map((meeting) => meeting.invite.id)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
    const pages = graph.requests.filter((request) => request.url.includes('calendarView'));
    expect(pages).toHaveLength(3);
    expect(pages[1]!.url).toContain('skiptoken');
  });

  it('waits the Retry-After of a 429 and of a 503, then reads the page', async () => {
    graph.addMailbox('user-5', [fakeGraphEvent({ id: 'x', start: '2026-06-02T09:00:00Z' })]);
    graph.failNext(
      'calendarView',
      { status: 429, headers: { 'Retry-After': '7' }, body: { error: { code: 'TooManyRequests', message: 'Too many requests' } } },
      { status: 503, headers: { 'Retry-After': '2' }, body: { error: { code: 'ServiceUnavailable', message: 'Try later' } } },
    );
    const meetings = await source({ useBatch: false }).meetings({ graph: 'user-5' }, week);
    expect(meetings).toHaveLength(1);
    expect(sleeps).toEqual([7000, 2000]);
  });

  it('gives up when throttling outlasts the retries, with a retryable CalendarError', async () => {
    graph.addMailbox('user-6', []);
    graph.failNext('calendarView', ...Array.from({ length: 3 }, () => ({ status: 429, headers: { 'Retry-After': '1' } })));
    const error = (await source({ useBatch: false, retry: { retries: 2, defaultDelayMs: 10, maxDelayMs: 5000 } })
      .meetings({ graph: 'user-6' }, week)
      .catch((caught: unknown) => caught)) as CalendarError;
    expect(error).toBeInstanceOf(CalendarError);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toBe('Graph calendar of user-6: Microsoft Graph answered 429');
  });

  it('a token Graph no longer takes is replaced once, then the week is read', async () => {
    graph.addMailbox('user-7', [fakeGraphEvent({ id: 'k', start: '2026-06-02T09:00:00Z' })]);
    const graphSource = source();
    await graphSource.meetings({ graph: 'user-7' }, week);
    graph.revokeTokens(); // we still hold the old token
    await expect(graphSource.meetings({ graph: 'user-7' }, week)).resolves.toHaveLength(1);
    expect(graph.tokensIssued).toBe(2);
  });

  it('a 401 that a fresh token does not cure is a CalendarError naming the code, with no token or secret in it', async () => {
    graph.addMailbox('user-7', []);
    const unauthorized = { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure. Invalid audience.' } } };
    graph.failNext('calendarView', unauthorized, unauthorized);
    const error = (await source().meetings({ graph: 'user-7' }, week).catch((caught: unknown) => caught)) as CalendarError;
    expect(error).toBeInstanceOf(CalendarError);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toBe('Graph calendar of user-7: Microsoft Graph answered 401 InvalidAuthenticationToken: Access token validation failure. Invalid audience.');
    expect(error.message).not.toMatch(/fake-graph-token|fake-secret-value/);
    expect(graph.tokensIssued).toBe(2);
  });

  it('a wrong client secret says which settings to check, without the secret', async () => {
    graph.addMailbox('user-8', []);
    const error = (await source({ credentials: { tenantId: graph.tenantId, clientId: graph.clientId, clientSecret: 'wrong-secret-123', authorityUrl: graph.url } })
      .meetings({ graph: 'user-8' }, week)
      .catch((caught: unknown) => caught)) as CalendarError;
    expect(error).toBeInstanceOf(CalendarError);
    expect(error.message).toBe(
      "Graph calendar of user-8: Entra ID refused the app's credentials (invalid_client, AADSTS7000215): check ENTRA_TENANT_ID, ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET",
    );
    expect(error.message).not.toContain('wrong-secret-123');
  });

  it('an unknown mailbox is a 404 with a hint', async () => {
    await expect(source().meetings({ graph: 'nobody' }, week)).rejects.toThrow(
      "Graph calendar of nobody: Microsoft Graph answered 404 ErrorInvalidUser: The requested user 'nobody' is invalid. (no such mailbox, or it has no Exchange Online calendar)",
    );
  });

  it('reports a malformed event and keeps the others', async () => {
    graph.addMailbox('user-9', [
      fakeGraphEvent({ id: 'good', start: '2026-06-02T09:00:00Z' }),
      { ...fakeGraphEvent({ id: 'bad', start: '2026-06-02T10:00:00Z' }), start: { dateTime: '2026-06-02T10:00:00.0000000', timeZone: 'Mars/Olympus Mons' } },
    ]);
    const problems: string[] = [];
    const meetings = await source({ onProblem: (problem) => problems.push(problem.message) }).meetings({ graph: 'user-9' }, week);
    expect(meetings.map((meeting) => meeting.invite.id)).toEqual(['good']);
    expect(problems).toEqual(['event bad: field "start": unknown time zone "Mars/Olympus Mons" (ask for UTC)']);
  });

  it('refuses a page without "value"', async () => {
    graph.addMailbox('user-10', []);
    graph.failNext('calendarView', { status: 200, body: { unexpected: true } });
    await expect(source({ useBatch: false }).meetings({ graph: 'user-10' }, week)).rejects.toThrow('Graph calendar of user-10: Microsoft Graph: a calendarView page without "value"');
  });

  it('groups many users into $batch requests of 20, retrying items throttled inside a batch', async () => {
    const users = Array.from({ length: 45 }, (_, index) => `user-${index}`);
    for (const user of users) graph.addMailbox(user, [fakeGraphEvent({ id: `${user}-e`, start: '2026-06-02T09:00:00Z' })]);
    graph.failNext('/users/user-7/calendarView', { status: 429, headers: { 'Retry-After': '3' }, body: { error: { code: 'ApplicationThrottled', message: 'Slow down' } } });
    const graphSource = source({ batchWindowMs: 20 });
    const results = await graphSource.meetingsForMany(
      users.map((user) => ({ account: { graph: user } })),
      week,
    );
    expect(results.every((result) => 'meetings' in result && result.meetings.length === 1)).toBe(true);
    const batches = graph.requests.filter((request) => request.url === '/v1.0/$batch');
    expect(batches.length).toBeGreaterThanOrEqual(3);
    expect(batches.length).toBeLessThanOrEqual(4);
    expect(graph.requests.filter((request) => request.inBatch && request.status === 429)).toHaveLength(1);
    expect(sleeps).toEqual([3000]);
    expect(graphSource.stats.graphRequests).toBe(46);
  });

  it('keeps at most 4 requests in flight per mailbox', async () => {
    graph.setOptions({ latencyMs: 20 });
    graph.addMailbox('busy', [fakeGraphEvent({ id: 'b', start: '2026-06-02T09:00:00Z' })]);
    const graphSource = source({ useBatch: false });
    const results = await Promise.all(Array.from({ length: 12 }, () => graphSource.meetings({ graph: 'busy' }, week)));
    expect(results.every((meetings) => meetings.length === 1)).toBe(true);
    expect(graph.peakConcurrencyPerMailbox).toBe(4);
    expect(graph.concurrencyViolations).toBe(0);
  });

  it("one user's failure in a fan-out is that user's entry only", async () => {
    graph.addMailbox('fine', [fakeGraphEvent({ id: 'f', start: '2026-06-02T09:00:00Z' })]);
    const results = await source().meetingsForMany([{ account: { graph: 'fine' } }, { account: { graph: 'missing' } }], week);
    expect('meetings' in results[0]! && results[0].meetings).toHaveLength(1);
    expect('error' in results[1]! && results[1].error.message).toMatch(/^Graph calendar of missing: Microsoft Graph answered 404/);
  });
});

describe('graphPatternToRecurrence', () => {
  it.each([
    [{ type: 'daily', interval: 1 }, 'daily'],
    [{ type: 'daily', interval: 3 }, 'FREQ=DAILY;INTERVAL=3'],
    [{ type: 'weekly', interval: 1, daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] }, 'daily'],
    [{ type: 'weekly', interval: 1, daysOfWeek: ['thursday'] }, 'weekly'],
    [{ type: 'weekly', interval: 2, daysOfWeek: ['thursday'] }, 'biweekly'],
    [{ type: 'weekly', interval: 1, daysOfWeek: ['monday', 'wednesday'] }, 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE'],
    [{ type: 'relativeMonthly', interval: 1, daysOfWeek: ['monday'], index: 'first' }, 'monthly'],
    [{ type: 'absoluteYearly', interval: 1, dayOfMonth: 3, month: 6 }, 'FREQ=YEARLY;INTERVAL=1'],
    [{}, null],
  ])('%j → %s', (pattern, expected) => {
    expect(graphPatternToRecurrence(pattern)).toBe(expected);
  });
});

describe('graphEventToInvite', () => {
  const utc = (dateTime: string) => ({ dateTime, timeZone: 'UTC' });

  it('refuses a date that does not exist and an event longer than a month, naming the field', () => {
    expect(() => graphEventToInvite({ start: utc('2026-02-30T09:00:00.0000000'), end: utc('2026-03-01T09:00:00.0000000') })).toThrow(
      'field "start": not a real date-time: 2026-02-30T09:00:00',
    );
    expect(() => graphEventToInvite({ start: utc('2026-01-01T09:00:00.0000000'), end: utc('2026-03-01T09:00:00.0000000') })).toThrow('field "durationMinutes": longer than a month');
  });

  it('reads a time given in an IANA zone when Graph ignores the UTC preference', () => {
    const invite = graphEventToInvite({ start: { dateTime: '2026-06-02T10:00:00.0000000', timeZone: 'Europe/Berlin' }, end: { dateTime: '2026-06-02T10:30:00.0000000', timeZone: 'Europe/Berlin' } });
    expect(invite).toMatchObject({ start: '2026-06-02T10:00:00+02:00', durationMinutes: 30, subject: '', attendees: [] });
  });
});
