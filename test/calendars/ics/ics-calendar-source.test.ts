import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CalendarError, type CalendarMeeting, type TimeRange } from '../../../src/calendars/calendar-source.js';
import { IcsCalendarSource } from '../../../src/calendars/ics/ics-calendar-source.js';
import { icsToMeetings } from '../../../src/calendars/ics/ics-to-meetings.js';
import { describeWithShared, sharedDirectory } from '../../support/shared-data.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';

const user = 'ana@example.com';
/** ISO week 2026-W23: Monday 1 June to Monday 8 June 2026, UTC. */
const week: TimeRange = { start: new Date('2026-06-01T00:00:00Z'), end: new Date('2026-06-08T00:00:00Z') };

function calendar(...events: string[][]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...events.flat(), 'END:VCALENDAR'].join('\r\n') + '\r\n';
}

function event(uid: string, summary: string, ...properties: string[]): string[] {
  return ['BEGIN:VEVENT', `UID:${uid}`, `SUMMARY:${summary}`, ...properties, 'END:VEVENT'];
}

const withBob = ['ORGANIZER;CN=Bob:mailto:bob@example.com', `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${user}`, 'ATTENDEE:mailto:bob@example.com'];

function subjects(meetings: CalendarMeeting[]): string[] {
  return meetings.map((meeting) => meeting.invite.subject);
}

describe('icsToMeetings', () => {
  it('returns a one-off meeting in the range, without a series', () => {
    const text = calendar(event('one', 'Design review', 'DTSTART:20260602T090000Z', 'DTEND:20260602T100000Z', ...withBob));
    const { meetings } = icsToMeetings(text, week, user);
    expect(meetings).toHaveLength(1);
    expect(meetings[0]!.seriesId).toBeUndefined();
    expect(meetings[0]!.invite).toMatchObject({ id: 'one', subject: 'Design review', start: '2026-06-02T09:00:00Z', durationMinutes: 60 });
  });

  it('keeps the range half-open: a meeting at the start is in, one at the end is out', () => {
    const text = calendar(
      event('a', 'At start', 'DTSTART:20260601T000000Z', 'DTEND:20260601T003000Z', ...withBob),
      event('b', 'At end', 'DTSTART:20260608T000000Z', 'DTEND:20260608T003000Z', ...withBob),
      event('c', 'Week before', 'DTSTART:20260529T090000Z', 'DTEND:20260529T100000Z', ...withBob),
    );
    expect(subjects(icsToMeetings(text, week, user).meetings)).toEqual(['At start']);
  });

  it('expands a weekly series begun in winter into this week with the summer offset, series id = UID', () => {
    const text = calendar(
      event('weekly-sync', 'Weekly sync', 'DTSTART;TZID=Europe/Berlin:20260105T100000', 'DTEND;TZID=Europe/Berlin:20260105T103000', 'RRULE:FREQ=WEEKLY;BYDAY=MO', ...withBob),
    );
    const { meetings } = icsToMeetings(text, week, user);
    expect(meetings).toHaveLength(1);
    expect(meetings[0]).toMatchObject({
      seriesId: 'weekly-sync',
      invite: { id: 'weekly-sync#20260601T100000', start: '2026-06-01T10:00:00+02:00', durationMinutes: 30, recurrence: 'weekly' },
    });
  });

  it('expands a daily series to each day in the range, minus EXDATEs, with overrides in place of their slot', () => {
    const text = calendar(
      event(
        'standup',
        'Standup',
        'DTSTART:20260501T080000Z',
        'DTEND:20260501T081500Z',
        'RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR',
        'EXDATE:20260603T080000Z',
        ...withBob,
      ),
      // Thursday's standup moved to the afternoon and renamed; Friday's was cancelled.
      event('standup', 'Standup (moved)', 'RECURRENCE-ID:20260604T080000Z', 'DTSTART:20260604T150000Z', 'DTEND:20260604T151500Z', ...withBob),
      event('standup', 'Standup', 'RECURRENCE-ID:20260605T080000Z', 'DTSTART:20260605T080000Z', 'DTEND:20260605T081500Z', 'STATUS:CANCELLED', ...withBob),
      // Next Monday's standup pulled into this Sunday: counted where it now is.
      event('standup', 'Standup (early)', 'RECURRENCE-ID:20260608T080000Z', 'DTSTART:20260607T080000Z', 'DTEND:20260607T081500Z', ...withBob),
    );
    const { meetings, skipped } = icsToMeetings(text, week, user);
    expect(meetings.map((meeting) => meeting.invite.start)).toEqual([
      '2026-06-01T08:00:00Z',
      '2026-06-02T08:00:00Z',
      '2026-06-04T15:00:00Z',
      '2026-06-07T08:00:00Z',
    ]);
    expect(subjects(meetings)).toEqual(['Standup', 'Standup', 'Standup (moved)', 'Standup (early)']);
    expect(meetings.every((meeting) => meeting.seriesId === 'standup')).toBe(true);
    expect(meetings.every((meeting) => meeting.invite.recurrence === 'daily')).toBe(true);
    expect(skipped.cancelled).toBe(1);
  });

  it('skips meetings the user declined, and keeps tentative ones', () => {
    const text = calendar(
      event('d', 'Declined', 'DTSTART:20260602T090000Z', 'DTEND:20260602T100000Z', 'ORGANIZER:mailto:bob@example.com', `ATTENDEE;PARTSTAT=DECLINED:mailto:${user.toUpperCase()}`),
      event('t', 'Tentative', 'DTSTART:20260602T110000Z', 'DTEND:20260602T120000Z', 'ORGANIZER:mailto:bob@example.com', `ATTENDEE;PARTSTAT=TENTATIVE:mailto:${user}`),
    );
    const result = icsToMeetings(text, week, user);
    expect(subjects(result.meetings)).toEqual(['Tentative']);
    expect(result.skipped.declined).toBe(1);
  });

  it("finds the user from Google's X-WR-CALNAME when no address is given", () => {
    const text = calendar(
      ['X-WR-CALNAME:ana@example.com'],
      event('d', 'Declined', 'DTSTART:20260602T090000Z', 'DTEND:20260602T100000Z', 'ORGANIZER:mailto:bob@example.com', `ATTENDEE;PARTSTAT=DECLINED:mailto:${user}`),
    );
    expect(icsToMeetings(text, week).skipped.declined).toBe(1);
  });

  it('skips cancelled events and a calendar sent as METHOD:CANCEL', () => {
    const cancelled = calendar(event('c', 'Cancelled', 'DTSTART:20260602T090000Z', 'DTEND:20260602T100000Z', 'STATUS:CANCELLED', ...withBob));
    expect(icsToMeetings(cancelled, week, user).skipped.cancelled).toBe(1);
    const cancelMessage = calendar(['METHOD:CANCEL'], event('m', 'Called off', 'DTSTART:20260602T090000Z', 'DTEND:20260602T100000Z', ...withBob));
    expect(icsToMeetings(cancelMessage, week, user).meetings).toEqual([]);
  });

  it('skips all-day events, with VALUE=DATE or a bare date', () => {
    const text = calendar(
      event('h1', 'Offsite', 'DTSTART;VALUE=DATE:20260602', 'DTEND;VALUE=DATE:20260603', ...withBob),
      event('h2', 'Holiday', 'DTSTART:20260603', ...withBob),
    );
    const result = icsToMeetings(text, week, user);
    expect(result.meetings).toEqual([]);
    expect(result.skipped.allDay).toBe(2);
  });

  it('skips events with nobody but the user (rooms do not count as company)', () => {
    const text = calendar(
      event('focus', 'Focus time', 'DTSTART:20260602T090000Z', 'DTEND:20260602T110000Z'),
      event('self', 'Me, myself', 'DTSTART:20260602T120000Z', 'DTEND:20260602T130000Z', `ORGANIZER:mailto:${user}`, `ATTENDEE:mailto:${user}`),
      event('room', 'Room booked', 'DTSTART:20260602T140000Z', 'DTEND:20260602T150000Z', `ORGANIZER:mailto:${user}`, 'ATTENDEE;CUTYPE=ROOM:mailto:room-4@example.com'),
      event('pair', 'Pairing', 'DTSTART:20260602T160000Z', 'DTEND:20260602T170000Z', `ORGANIZER:mailto:${user}`, 'ATTENDEE:mailto:bob@example.com'),
    );
    const result = icsToMeetings(text, week, user);
    expect(subjects(result.meetings)).toEqual(['Pairing']);
    expect(result.skipped.alone).toBe(3);
  });

  it('without a user address, an event with a single person is taken to be the user alone', () => {
    const text = calendar(
      event('solo', 'Solo', 'DTSTART:20260602T090000Z', 'DTEND:20260602T100000Z', 'ORGANIZER:mailto:someone@example.com'),
      event('duo', 'Duo', 'DTSTART:20260602T110000Z', 'DTEND:20260602T120000Z', 'ORGANIZER:mailto:someone@example.com', 'ATTENDEE:mailto:other@example.com'),
    );
    expect(subjects(icsToMeetings(text, week).meetings)).toEqual(['Duo']);
  });

  it('returns the readable events of a partly broken file and reports the broken one', () => {
    const text = calendar(
      event('ok', 'Readable', 'DTSTART:20260602T090000Z', 'DTEND:20260602T100000Z', ...withBob),
      event('bad', 'No start', 'DTEND:20260602T100000Z', ...withBob),
    );
    const result = icsToMeetings(text, week, user);
    expect(subjects(result.meetings)).toEqual(['Readable']);
    expect(result.problems).toEqual([expect.objectContaining({ field: 'start' })]);
  });

  it('places an RDATE given as a PERIOD at its start, for its own length', () => {
    const text = calendar(
      event('p', 'Workshop', 'DTSTART:20260520T090000Z', 'DTEND:20260520T100000Z', 'RDATE;VALUE=PERIOD:20260603T130000Z/20260603T150000Z', ...withBob),
    );
    const { meetings } = icsToMeetings(text, week, user);
    expect(meetings).toEqual([expect.objectContaining({ seriesId: 'p', invite: expect.objectContaining({ start: '2026-06-03T13:00:00Z', durationMinutes: 120 }) })]);
  });

  it('stops expanding a pathological rule instead of spinning', () => {
    const text = calendar(event('tick', 'Every second', 'DTSTART:20200101T000000Z', 'DTEND:20200101T000001Z', 'RRULE:FREQ=SECONDLY', ...withBob));
    const result = icsToMeetings(text, week, user);
    expect(result.meetings).toEqual([]);
    expect(result.problems).toEqual([{ message: 'VEVENT "Every second": more than 50000 occurrences before the range; not expanded' }]);
  });
});

describe('IcsCalendarSource with files', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'ics-source-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('reads a file and passes the user address through', async () => {
    const path = join(directory, 'week.ics');
    writeFileSync(
      path,
      calendar(
        event('k', 'Kept', 'DTSTART:20260602T090000Z', 'DTEND:20260602T100000Z', ...withBob),
        event('d', 'Declined', 'DTSTART:20260602T110000Z', 'DTEND:20260602T120000Z', 'ORGANIZER:mailto:bob@example.com', `ATTENDEE;PARTSTAT=DECLINED:mailto:${user}`),
      ),
    );
    const meetings = await new IcsCalendarSource().meetings({ ics: path }, week, { userEmail: user });
    expect(subjects(meetings)).toEqual(['Kept']);
  });

  it('a calendar with no events is an empty week, not an error', async () => {
    const path = join(directory, 'empty.ics');
    writeFileSync(path, calendar());
    await expect(new IcsCalendarSource().meetings({ ics: path }, week)).resolves.toEqual([]);
  });

  it('says which file is missing', async () => {
    await expect(new IcsCalendarSource().meetings({ ics: join(directory, 'nope.ics') }, week)).rejects.toThrow(
      new CalendarError(`calendar file not found: ${join(directory, 'nope.ics')}`),
    );
  });

  it('refuses a file that is not iCalendar, naming the file', async () => {
    const path = join(directory, 'notes.txt');
    writeFileSync(path, 'just some notes\n');
    await expect(new IcsCalendarSource().meetings({ ics: path }, week)).rejects.toThrow(/calendar file .*notes\.txt is not a usable iCalendar file: not an iCalendar file/);
  });

  it('refuses a file over the size cap', async () => {
    const path = join(directory, 'big.ics');
    writeFileSync(path, calendar(event('k', 'x'.repeat(5000), 'DTSTART:20260602T090000Z', ...withBob)));
    await expect(new IcsCalendarSource({ maxBytes: 1000 }).meetings({ ics: path }, week)).rejects.toThrow(/larger than/);
  });

  it('passes problems with single events to onProblem', async () => {
    const path = join(directory, 'partly.ics');
    writeFileSync(path, calendar(event('ok', 'Readable', 'DTSTART:20260602T090000Z', ...withBob), event('bad', 'Broken', ...withBob)));
    const problems: string[] = [];
    const meetings = await new IcsCalendarSource({ onProblem: (problem) => problems.push(problem.message) }).meetings({ ics: path }, week, { userEmail: user });
    expect(subjects(meetings)).toEqual(['Readable']);
    expect(problems).toEqual([expect.stringContaining('"Broken" has no DTSTART')]);
  });
});

describe('IcsCalendarSource with a feed URL', () => {
  let server: Server;
  let base: string;
  let replies: Array<{ status: number; headers?: Record<string, string>; body?: string; delayMs?: number; chunks?: number }>;
  let requests: string[];
  const feed = calendar(event('f', 'From the feed', 'DTSTART:20260603T090000Z', 'DTEND:20260603T093000Z', ...withBob));

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      const reply = replies.shift() ?? { status: 200, body: feed };
      const send = () => {
        if (reply.chunks) {
          // No Content-Length: the cap must be enforced while streaming.
          response.writeHead(reply.status, { 'content-type': 'text/calendar', ...reply.headers });
          for (let index = 0; index < reply.chunks; index++) response.write('X'.repeat(1024));
          response.end();
          return;
        }
        response.writeHead(reply.status, { 'content-type': 'text/calendar', ...reply.headers });
        response.end(reply.body ?? '');
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    replies = [];
    requests = [];
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const secretPath = '/calendar/ical/ana%40example.com/private-5ecr3t0123456789/basic.ics';

  it('downloads the feed and returns its meetings', async () => {
    const meetings = await new IcsCalendarSource().meetings({ ics: `${base}${secretPath}` }, week, { userEmail: user });
    expect(subjects(meetings)).toEqual(['From the feed']);
    expect(requests).toEqual([secretPath]);
  });

  it('a 404 says to check the secret address, and never shows it', async () => {
    replies.push({ status: 404, body: 'Not Found' });
    const error = await new IcsCalendarSource().meetings({ ics: `${base}${secretPath}` }, week).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CalendarError);
    expect((error as Error).message).toMatch(/^calendar feed at 127\.0\.0\.1:\d+ answered 404 \(not found\): check the calendar's secret address$/);
    expect((error as Error).message).not.toContain('5ecr3t');
  });

  it('retries once after a 503, waiting the Retry-After', async () => {
    replies.push({ status: 503, headers: { 'retry-after': '0' } });
    const meetings = await new IcsCalendarSource().meetings({ ics: `${base}${secretPath}` }, week, { userEmail: user });
    expect(subjects(meetings)).toEqual(['From the feed']);
    expect(requests).toHaveLength(2);
  });

  it('gives up after a second 429 with a retryable CalendarError', async () => {
    replies.push({ status: 429, headers: { 'retry-after': '0' } }, { status: 429, headers: { 'retry-after': '0' } });
    const error = (await new IcsCalendarSource().meetings({ ics: `${base}${secretPath}` }, week).catch((caught: unknown) => caught)) as CalendarError;
    expect(error).toBeInstanceOf(CalendarError);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toMatch(/answered 429/);
    expect(requests).toHaveLength(2);
  });

  it('an HTML login page instead of a calendar is a clear error', async () => {
    replies.push({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body>Sign in</body></html>' });
    await expect(new IcsCalendarSource().meetings({ ics: `${base}${secretPath}` }, week)).rejects.toThrow(
      /^calendar feed at 127\.0\.0\.1:\d+ is not a usable iCalendar file: not an iCalendar file/,
    );
  });

  it('stops reading a feed larger than the cap, with or without Content-Length', async () => {
    replies.push({ status: 200, body: 'X'.repeat(4096) });
    await expect(new IcsCalendarSource({ maxBytes: 2048 }).meetings({ ics: `${base}${secretPath}` }, week)).rejects.toThrow(/is larger than/);
    replies.push({ status: 200, chunks: 64 });
    await expect(new IcsCalendarSource({ maxBytes: 2048 }).meetings({ ics: `${base}${secretPath}` }, week)).rejects.toThrow(/is larger than/);
  });

  it('gives up on a feed that does not answer in time', async () => {
    replies.push({ status: 200, body: feed, delayMs: 1000 });
    await expect(new IcsCalendarSource({ timeoutMs: 100 }).meetings({ ics: `${base}${secretPath}` }, week)).rejects.toThrow(
      /^calendar feed at 127\.0\.0\.1:\d+ did not answer within 100 ms$/,
    );
  });

  it('a feed nobody listens on is a retryable error naming only the host', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = (await new IcsCalendarSource({ retry: { retries: 0, defaultDelayMs: 0, maxDelayMs: 0 } })
      .meetings({ ics: `http://127.0.0.1:${port}${secretPath}` }, week)
      .catch((caught: unknown) => caught)) as CalendarError;
    expect(error).toBeInstanceOf(CalendarError);
    expect(error.message).toBe(`calendar feed at 127.0.0.1:${port} could not be reached (ECONNREFUSED)`);
    expect(error.isRetryable).toBe(true);
  });

  it('a port fetch refuses to call says why, not just "TypeError"', async () => {
    const error = (await new IcsCalendarSource({ retry: { retries: 0, defaultDelayMs: 0, maxDelayMs: 0 } })
      .meetings({ ics: `http://127.0.0.1:1${secretPath}` }, week)
      .catch((caught: unknown) => caught)) as CalendarError;
    expect(error).toBeInstanceOf(CalendarError);
    expect(error.message).toBe('calendar feed at 127.0.0.1:1 could not be reached (bad port)');
  });
});

describeWithShared('real-ics', 'icsToMeetings on every file in ../shared/real-ics', () => {
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const name of readdirSync(directory)) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ics')) files.push(path);
    }
  };
  walk(join(sharedDirectory, 'real-ics'));

  it('never throws, and every meeting has a real start inside the range', () => {
    const range = { start: new Date('2015-01-01T00:00:00Z'), end: new Date('2016-01-01T00:00:00Z') };
    let meetings = 0;
    for (const path of files) {
      const result = icsToMeetings(readFileSync(path, 'utf8'), range);
      for (const meeting of result.meetings) {
        const start = Date.parse(meeting.invite.start);
        expect(start >= range.start.getTime() && start < range.end.getTime()).toBe(true);
      }
      meetings += result.meetings.length;
    }
    expect(files.length).toBeGreaterThan(100);
    expect(meetings).toBeGreaterThan(0);
  }, 120_000);
});
