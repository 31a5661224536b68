import { CalendarError, type TimeRange } from '../../../src/calendars/calendar-source.js';
import { GoogleCalendarSource, type GoogleCalendarSourceOptions } from '../../../src/calendars/google/google-calendar-source.js';
import { googleRecurrenceToInvite } from '../../../src/calendars/google/google-event-to-invite.js';
import { parseServiceAccountKey } from '../../../src/calendars/google/google-service-account.js';
import { partial, startFakeGoogleCalendar, type FakeGoogleCalendar, type FakeGoogleEvent } from '../../fakes/fake-google-calendar.js';

const week: TimeRange = { start: new Date('2026-06-01T00:00:00Z'), end: new Date('2026-06-08T00:00:00Z') };
const ana = 'ana@example.com';

let fake: FakeGoogleCalendar;
let sleeps: number[];

function source(overrides: Partial<GoogleCalendarSourceOptions> = {}): GoogleCalendarSource {
  return new GoogleCalendarSource({
    key: parseServiceAccountKey(fake.keyFileJson),
    rootUrl: fake.rootUrl,
    backoffMs: 100,
    sleep: async (milliseconds) => {
      sleeps.push(milliseconds);
    },
    ...overrides,
  });
}

function meeting(id: string, start: string, fields: Partial<FakeGoogleEvent> = {}): FakeGoogleEvent {
  const end = new Date(Date.parse(start) + 30 * 60_000).toISOString().replace('.000Z', 'Z');
  return {
    id,
    status: 'confirmed',
    summary: `Meeting ${id}`,
    start: { dateTime: start },
    end: { dateTime: end },
    organizer: { email: 'bob@example.com', displayName: 'Bob' },
    attendees: [
      { email: 'bob@example.com', displayName: 'Bob', organizer: true, responseStatus: 'accepted' },
      { email: ana, self: true, responseStatus: 'accepted' },
    ],
    ...fields,
  };
}

beforeEach(async () => {
  fake = await startFakeGoogleCalendar();
  sleeps = [];
});
afterEach(() => fake.stop());

describe('GoogleCalendarSource', () => {
  it('acts as the user through delegation and maps the partial response to invites', async () => {
    fake.addUser(ana, [
      meeting('e1', '2026-06-02T10:00:00+02:00', {
        description: 'Agenda: launch checklist',
        location: 'Room 4',
        hangoutLink: 'https://meet.google.com/abc-defg-hij',
        attendees: [
          { email: ana, self: true, responseStatus: 'accepted' },
          { email: 'cy@example.com', displayName: 'Cy', optional: true },
          { email: 'room-4@resource.calendar.google.com', displayName: 'Room 4', resource: true },
        ],
      }),
    ]);
    const meetings = await source().meetings({ google: ana }, week);
    expect(meetings).toEqual([
      {
        invite: {
          id: 'e1',
          subject: 'Meeting e1',
          body: 'Agenda: launch checklist',
          organizer: { name: 'Bob', email: 'bob@example.com' },
          attendees: [
            { email: ana, type: 'required' },
            { name: 'Cy', email: 'cy@example.com', type: 'optional' },
            { name: 'Room 4', email: 'room-4@resource.calendar.google.com', type: 'resource' },
          ],
          start: '2026-06-02T10:00:00+02:00',
          durationMinutes: 30,
          recurrence: null,
          isOnline: true,
          location: 'Room 4',
          source: 'google',
        },
      },
    ]);
    const list = fake.requests.find((request) => request.path.endsWith('/events'))!;
    expect(list.user).toBe(ana);
    expect(list.query).toMatchObject({ timeMin: '2026-06-01T00:00:00.000Z', timeMax: '2026-06-08T00:00:00.000Z', singleEvents: 'true', orderBy: 'startTime' });
    expect(list.query.fields).toMatch(/^nextPageToken,items\(id,status,summary/);
    expect(fake.tokensIssued).toBe(1);
  });

  it('skips declined, cancelled, all-day, focus time and alone', async () => {
    fake.addUser(ana, [
      meeting('kept', '2026-06-02T09:00:00Z'),
      meeting('declined', '2026-06-02T10:00:00Z', { attendees: [{ email: 'bob@example.com' }, { email: ana, self: true, responseStatus: 'declined' }] }),
      meeting('cancelled', '2026-06-02T11:00:00Z', { status: 'cancelled' }),
      { ...meeting('allday', '2026-06-03T00:00:00Z'), start: { date: '2026-06-03' }, end: { date: '2026-06-04' } },
      meeting('focus', '2026-06-03T09:00:00Z', { eventType: 'focusTime' }),
      meeting('alone', '2026-06-03T13:00:00Z', { organizer: { email: ana, self: true }, attendees: undefined }),
      meeting('earlier', '2026-05-31T23:45:00Z'),
    ]);
    const google = source();
    const meetings = await google.meetings({ google: ana }, week);
    expect(meetings.map((each) => each.invite.id)).toEqual(['kept']);
    expect(google.skipped).toEqual({ declined: 1, cancelled: 1, allDay: 1, alone: 2 });
  });

  it("gives instances their series id and the master's RRULE, read once", async () => {
    fake.addUser(ana, [
      { ...meeting('series', '2026-01-06T09:00:00Z'), recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU'] },
      meeting('series_20260602T090000Z', '2026-06-02T09:00:00Z', { recurringEventId: 'series' }),
    ]);
    const meetings = await source().meetings({ google: ana }, week);
    expect(meetings).toEqual([expect.objectContaining({ seriesId: 'series', invite: expect.objectContaining({ recurrence: 'biweekly' }) })]);
    expect(fake.requests.filter((request) => request.path.endsWith('/events/series'))).toHaveLength(1);
  });

  it('reads every page', async () => {
    fake.addUser(ana, Array.from({ length: 5 }, (_, index) => meeting(`p${index}`, `2026-06-0${index + 1}T09:00:00Z`)));
    const meetings = await source({ pageSize: 2 }).meetings({ google: ana }, week);
    expect(meetings.map((each) => each.invite.id)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    const pages = fake.requests.filter((request) => request.path.endsWith('/events'));
    expect(pages).toHaveLength(3);
    expect(pages[1]!.query.pageToken).toBeTruthy();
  });

  it('retries quota errors with growing back-off, and after Retry-After when given', async () => {
    fake.addUser(ana, [meeting('x', '2026-06-02T09:00:00Z')]);
    const quota = (reason: string, status = 403) => ({ status, body: { error: { code: status, message: 'Rate Limit Exceeded', errors: [{ domain: 'usageLimits', reason }] } } });
    fake.failNext('/events', quota('rateLimitExceeded'), quota('userRateLimitExceeded'), { ...quota('rateLimitExceeded', 429), headers: { 'Retry-After': '3' } });
    const meetings = await source().meetings({ google: ana }, week);
    expect(meetings).toHaveLength(1);
    expect(sleeps).toHaveLength(3);
    expect(sleeps[0]).toBeGreaterThanOrEqual(80);
    expect(sleeps[0]).toBeLessThanOrEqual(120);
    expect(sleeps[1]).toBeGreaterThanOrEqual(160);
    expect(sleeps[1]).toBeLessThanOrEqual(240);
    expect(sleeps[2]).toBe(3000);
  });

  it('a 403 that is not about quota is not retried', async () => {
    fake.addUser(ana, []);
    fake.failNext('/events', { status: 403, body: { error: { code: 403, message: 'Insufficient Permission', errors: [{ reason: 'insufficientPermissions' }] } } });
    const error = (await source().meetings({ google: ana }, week).catch((caught: unknown) => caught)) as CalendarError;
    expect(error).toBeInstanceOf(CalendarError);
    expect(error.message).toBe(`Google calendar of ${ana}: Google Calendar answered 403 insufficientPermissions: Insufficient Permission`);
    expect(sleeps).toEqual([]);
  });

  it('a user outside the delegation gets a CalendarError that says to check it, without key material', async () => {
    fake.addUser(ana, []);
    fake.withoutDelegation(ana);
    const error = (await source().meetings({ google: ana }, week).catch((caught: unknown) => caught)) as CalendarError;
    expect(error).toBeInstanceOf(CalendarError);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toMatch(/^Google calendar of ana@example\.com: Google refused the service account's token for this user \(unauthorized_client\): check domain-wide delegation/);
    expect(error.message).not.toMatch(/PRIVATE KEY|ya29/);
  });

  it('a calendar Google does not know is a 404 with a hint', async () => {
    await expect(source().meetings({ google: 'ghost@example.com' }, week)).rejects.toThrow(/^Google calendar of ghost@example\.com: Google Calendar answered 404 notFound: Not Found \(no such calendar/);
  });

  it('reports a malformed event and keeps the others', async () => {
    fake.addUser(ana, [meeting('good', '2026-06-02T09:00:00Z'), { ...meeting('bad', '2026-06-02T10:00:00Z'), start: { dateTime: '2026-06-02T10:00:00' } }]);
    const problems: string[] = [];
    const meetings = await source({ onProblem: (problem) => problems.push(problem.message) }).meetings({ google: ana }, week);
    expect(meetings.map((each) => each.invite.id)).toEqual(['good']);
    expect(problems).toEqual(['event bad: field "start": expected an RFC 3339 date-time, got "2026-06-02T10:00:00"']);
  });

  it('refuses an account that is not an address, and a key file that is not a key', () => {
    expect(() => parseServiceAccountKey('{"client_email": "x"}')).toThrow('GOOGLE_SERVICE_ACCOUNT_KEY_FILE: the service account key lacks client_email or private_key');
    expect(() => parseServiceAccountKey('not json')).toThrow(/is not JSON/);
    return expect(source().meetings({ google: 'ana' }, week)).rejects.toThrow(CalendarError);
  });
});

describe('googleRecurrenceToInvite', () => {
  it.each([
    [['RRULE:FREQ=DAILY'], 'daily'],
    [['RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'], 'daily'],
    [['EXDATE:20260602T090000Z', 'RRULE:FREQ=WEEKLY;BYDAY=TU'], 'weekly'],
    [['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU'], 'biweekly'],
    [['RRULE:FREQ=MONTHLY;BYDAY=1MO'], 'monthly'],
    [['RRULE:FREQ=WEEKLY;BYDAY=MO,WE'], 'FREQ=WEEKLY;BYDAY=MO,WE'],
    [[], null],
  ])('%j → %s', (lines, expected) => {
    expect(googleRecurrenceToInvite(lines)).toBe(expected);
  });
});

describe('the fake partial response', () => {
  it('keeps only the named fields, nested', () => {
    expect(partial({ a: 1, b: { c: 2, d: 3 }, items: [{ x: 1, y: 2 }] }, 'a,b(c),items(y)')).toEqual({ a: 1, b: { c: 2 }, items: [{ y: 2 }] });
  });
});
