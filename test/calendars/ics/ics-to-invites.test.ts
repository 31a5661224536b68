import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { icsToInvites, type IcsResult } from '../../../src/calendars/ics/ics-to-invites.js';
import { parseInvite } from '../../../src/core/invite.js';
import { describeWithShared, haveShared, sharedDirectory } from '../../support/shared-data.js';

/** Joins content lines the way Outlook writes them: CRLF. */
function ics(...lines: string[]): string {
  return lines.join('\r\n') + '\r\n';
}

function calendar(...body: string[]): string {
  return ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...body, 'END:VCALENDAR');
}

function event(...properties: string[]): string[] {
  return ['BEGIN:VEVENT', ...properties, 'END:VEVENT'];
}

/** The single invite of a one-event calendar; fails loudly when there are problems. */
function onlyInvite(text: string) {
  const result = icsToInvites(text);
  expect(result.problems).toEqual([]);
  expect(result.invites).toHaveLength(1);
  return result.invites[0]!;
}

const westEuropeTimezone = [
  'BEGIN:VTIMEZONE',
  'TZID:W. Europe Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
];

const outlookInvite = calendar(
  'METHOD:REQUEST',
  ...westEuropeTimezone,
  ...event(
    'ORGANIZER;CN=Ana Organiser:mailto:ana@example.com',
    'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Ben Required:mailto:ben@example.com',
    'ATTENDEE;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Cleo Optional:mailto:cleo@example.com',
    'ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;CN=Room 4.01:MAILTO:room401@example.com',
    'ATTENDEE;ROLE=REQ-PARTICIPANT;CN=Ana Organiser:MAILTO:ANA@EXAMPLE.COM',
    'DESCRIPTION;LANGUAGE=en-US:Plain agenda\\n1. Status\\nJoin: https://teams.microsoft.com/l/meetup-join/abc',
    'UID:040000008200E00074C5B7101A82E008',
    'SUMMARY;LANGUAGE=en-US:Project sync',
    'DTSTART;TZID=W. Europe Standard Time:20250602T100000',
    'DTEND;TZID=W. Europe Standard Time:20250602T110000',
    'LOCATION;LANGUAGE=en-US:Microsoft Teams Meeting',
    'X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/abc',
    'X-ALT-DESC;FMTTYPE=text/html:<html><body><p>Agenda</p><ol><li>Status</li></ol></body></html>',
  ),
);

describe('icsToInvites', () => {
  describe('an Outlook invitation', () => {
    it('converts the start with the file’s VTIMEZONE and keeps the duration', () => {
      const invite = onlyInvite(outlookInvite);
      expect(invite.start).toBe('2025-06-02T10:00:00+02:00');
      expect(invite.durationMinutes).toBe(60);
      expect(invite.id).toBe('040000008200E00074C5B7101A82E008');
      expect(invite.subject).toBe('Project sync');
      expect(invite.location).toBe('Microsoft Teams Meeting');
      expect(invite.source).toBe('ics');
      expect(invite.recurrence).toBeNull();
    });

    it('reads the organizer and types attendees as required, optional and resource', () => {
      const invite = onlyInvite(outlookInvite);
      expect(invite.organizer).toEqual({ name: 'Ana Organiser', email: 'ana@example.com' });
      expect(invite.attendees).toEqual([
        { name: 'Ben Required', email: 'ben@example.com', type: 'required' },
        { name: 'Cleo Optional', email: 'cleo@example.com', type: 'optional' },
        { name: 'Room 4.01', email: 'room401@example.com', type: 'resource' },
      ]);
    });

    it('falls back to the EMAIL parameter, then the name, and skips attendees with neither', () => {
      const text = calendar(
        ...event(
          'UID:people',
          'SUMMARY:People',
          'DTSTART:20250602T100000Z',
          'ATTENDEE;CN=Dee;EMAIL=dee@example.com:urn:uuid:1234',
          'ATTENDEE;CN=Projector:invalid',
          'ATTENDEE:urn:uuid:5678',
        ),
      );
      expect(onlyInvite(text).attendees).toEqual([
        { name: 'Dee', email: 'dee@example.com', type: 'required' },
        { name: 'Projector', email: 'Projector', type: 'required' },
      ]);
    });

    it('counts the organizer once when it is also listed as an attendee', () => {
      const invite = onlyInvite(outlookInvite);
      const emails = [invite.organizer!.email, ...invite.attendees.map((attendee) => attendee.email)];
      expect(emails.filter((email) => email.toLowerCase() === 'ana@example.com')).toHaveLength(1);
    });

    it('prefers the HTML body in X-ALT-DESC over the plain DESCRIPTION', () => {
      const invite = onlyInvite(outlookInvite);
      expect(invite.body).toBe('<html><body><p>Agenda</p><ol><li>Status</li></ol></body></html>');
    });

    it('marks a Teams meeting as online', () => {
      expect(onlyInvite(outlookInvite).isOnline).toBe(true);
    });
  });

  describe('start times', () => {
    it('uses the file’s VTIMEZONE even when its name is not a known zone', () => {
      const text = calendar(
        'BEGIN:VTIMEZONE',
        'TZID:Customized Time Zone',
        'BEGIN:STANDARD',
        'DTSTART:16010101T000000',
        'TZOFFSETFROM:+0530',
        'TZOFFSETTO:+0530',
        'END:STANDARD',
        'END:VTIMEZONE',
        ...event('UID:custom', 'SUMMARY:Custom zone', 'DTSTART;TZID="Customized Time Zone":20250602T100000'),
      );
      expect(onlyInvite(text).start).toBe('2025-06-02T10:00:00+05:30');
    });

    it('computes the offset of an IANA TZID the file does not define, summer and winter', () => {
      const text = calendar(
        ...event('UID:july', 'SUMMARY:July', 'DTSTART;TZID=America/New_York:20250715T090000'),
        ...event('UID:january', 'SUMMARY:January', 'DTSTART;TZID=America/New_York:20250115T090000'),
      );
      const { invites } = icsToInvites(text);
      expect(invites.map((invite) => invite.start)).toEqual(['2025-07-15T09:00:00-04:00', '2025-01-15T09:00:00-05:00']);
    });

    it('reads Windows and "(UTC+05:30) …" zone names without VTIMEZONE and falls back to +00:00 for unknown names', () => {
      const text = calendar(
        ...event('UID:windows', 'SUMMARY:Windows name', 'DTSTART;TZID=Eastern Standard Time:20250715T090000'),
        ...event('UID:display', 'SUMMARY:Display name', 'DTSTART;TZID="(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi":20250715T090000'),
        ...event('UID:unknown', 'SUMMARY:Unknown name', 'DTSTART;TZID=Somewhere Special Time:20250715T090000'),
      );
      const { invites, problems } = icsToInvites(text);
      expect(problems).toEqual([]);
      expect(invites.map((invite) => invite.start)).toEqual([
        '2025-07-15T09:00:00-04:00',
        '2025-07-15T09:00:00+05:30',
        '2025-07-15T09:00:00+00:00',
      ]);
    });

    it('keeps UTC times as Z and reads floating times as +00:00', () => {
      const text = calendar(
        ...event('UID:utc', 'SUMMARY:UTC', 'DTSTART:20250602T100000Z'),
        ...event('UID:floating', 'SUMMARY:Floating', 'DTSTART:20250602T100000'),
      );
      expect(icsToInvites(text).invites.map((invite) => invite.start)).toEqual(['2025-06-02T10:00:00Z', '2025-06-02T10:00:00+00:00']);
    });
  });

  describe('durations', () => {
    it('reads DURATION when there is no DTEND', () => {
      const invite = onlyInvite(calendar(...event('UID:d', 'SUMMARY:Review', 'DTSTART:20250602T100000Z', 'DURATION:PT1H30M')));
      expect(invite.durationMinutes).toBe(90);
    });

    it('gives an all-day event midnight +00:00 and whole days', () => {
      const invite = onlyInvite(
        calendar(...event('UID:a', 'SUMMARY:Offsite', 'DTSTART;VALUE=DATE:20250602', 'DTEND;VALUE=DATE:20250604')),
      );
      expect(invite.start).toBe('2025-06-02T00:00:00+00:00');
      expect(invite.durationMinutes).toBe(2 * 1440);
    });

    it('gives an all-day event without an end one day, also when VALUE=DATE is missing', () => {
      const invite = onlyInvite(calendar(...event('UID:b', 'SUMMARY:Holiday', 'DTSTART:20250602')));
      expect(invite.start).toBe('2025-06-02T00:00:00+00:00');
      expect(invite.durationMinutes).toBe(1440);
    });

    it('gives an event without end or duration zero minutes and never a negative length', () => {
      const text = calendar(
        ...event('UID:none', 'SUMMARY:Reminder', 'DTSTART:20250602T100000Z'),
        ...event('UID:backwards', 'SUMMARY:Backwards', 'DTSTART:20250602T100000Z', 'DTEND:20250602T090000Z'),
      );
      expect(icsToInvites(text).invites.map((invite) => invite.durationMinutes)).toEqual([0, 0]);
    });
  });

  describe('recurrence', () => {
    it.each([
      ['FREQ=DAILY', 'daily'],
      ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'daily'],
      ['FREQ=WEEKLY;BYDAY=MO', 'weekly'],
      ['FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;UNTIL=20251231T000000Z', 'weekly'],
      ['FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', 'biweekly'],
      ['FREQ=MONTHLY;BYDAY=2TU', 'monthly'],
      ['FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1', 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1'],
      ['FREQ=WEEKLY;BYDAY=MO,WE', 'FREQ=WEEKLY;BYDAY=MO,WE'],
      ['FREQ=YEARLY', 'FREQ=YEARLY'],
    ])('reads RRULE:%s as %s', (rule, expected) => {
      const invite = onlyInvite(calendar(...event('UID:r', 'SUMMARY:Series', 'DTSTART:20250602T100000Z', `RRULE:${rule}`)));
      expect(invite.recurrence).toBe(expected);
    });

    it('gives a RECURRENCE-ID override its own id next to the series', () => {
      const text = calendar(
        ...event('UID:series', 'SUMMARY:Standup', 'DTSTART:20250602T090000Z', 'RRULE:FREQ=DAILY'),
        ...event('UID:series', 'RECURRENCE-ID:20250604T090000Z', 'SUMMARY:Standup (moved)', 'DTSTART:20250604T100000Z'),
      );
      expect(icsToInvites(text).invites.map((invite) => invite.id)).toEqual(['series', 'series#20250604T090000Z']);
    });
  });

  describe('online meetings', () => {
    it('sees a Zoom link in the description and leaves isOnline out when there is none', () => {
      const text = calendar(
        ...event('UID:zoom', 'SUMMARY:Zoom', 'DTSTART:20250602T100000Z', 'DESCRIPTION:Join https://us02web.zoom.us/j/123'),
        ...event('UID:room', 'SUMMARY:Room', 'DTSTART:20250602T100000Z', 'LOCATION:Room 1'),
      );
      const [zoom, room] = icsToInvites(text).invites;
      expect(zoom?.isOnline).toBe(true);
      expect(room).not.toHaveProperty('isOnline');
    });
  });

  describe('broken input', () => {
    it('reads the good event and names the line and field of the one without DTSTART', () => {
      const text = calendar(
        ...event('UID:good', 'SUMMARY:Good', 'DTSTART:20250602T100000Z'),
        ...event('UID:bad', 'SUMMARY:No start'),
      );
      const { invites, problems } = icsToInvites(text);
      expect(invites.map((invite) => invite.id)).toEqual(['good']);
      // Lines 1-3 open the calendar, 4-8 are the good event, the bad one begins on line 9.
      expect(problems).toEqual([{ line: 9, field: 'start', message: 'VEVENT "No start" has no DTSTART' }]);
    });

    it('skips an event ical.js cannot parse and keeps the others', () => {
      const text = calendar(
        ...event('UID:broken', 'SUMMARY:Broken', 'DTSTART:20250602T100000Z', 'RRULE:FREQ=NEVER'),
        ...event('UID:fine', 'SUMMARY:Fine', 'DTSTART:20250602T100000Z'),
      );
      const { invites, problems } = icsToInvites(text);
      expect(invites.map((invite) => invite.id)).toEqual(['fine']);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ line: 4, message: expect.stringMatching(/^iCalendar syntax error in VEVENT: /) });
    });

    it('says a calendar without events has no VEVENT', () => {
      expect(icsToInvites(calendar()).problems).toEqual([{ line: 1, message: 'no VEVENT in calendar' }]);
    });

    it.each([
      ['non-iCalendar text', 'Subject: lunch\nSee you at noon.\n', 'not an iCalendar file (no BEGIN:VCALENDAR)'],
      ['an empty string', '', 'empty file (no iCalendar data)'],
      ['binary garbage', String.fromCharCode(...Array.from({ length: 4096 }, (_, index) => (index * 37) % 256)), 'not an iCalendar file (no BEGIN:VCALENDAR)'],
    ])('reports %s as one problem without throwing', (_name, text, message) => {
      expect(icsToInvites(text)).toEqual({ invites: [], problems: [{ message }] });
    });

    it('reports garbage inside a calendar as a one-line syntax error', () => {
      const garbage = String.fromCharCode(...Array.from({ length: 2048 }, (_, index) => (index * 7919) % 256));
      const { invites, problems } = icsToInvites(`BEGIN:VCALENDAR\n${garbage}\nEND:VCALENDAR\n`);
      expect(invites).toEqual([]);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.every((problem) => isOneLine(problem.message))).toBe(true);
    });
  });

  describe('file format tolerance', () => {
    it('reads LF line endings, a byte order mark and folded lines', () => {
      const text = '\uFEFFBEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nSUMMARY:A long\n  folded subject\nDTSTART:20250602T100000Z\nEND:VEVENT\nEND:VCALENDAR\n';
      expect(onlyInvite(text).subject).toBe('A long folded subject');
    });

    it('reads every calendar of concatenated files, with their own line numbers', () => {
      const text = calendar(...event('UID:one', 'SUMMARY:One', 'DTSTART:20250602T100000Z')) + calendar(...event('UID:two', 'SUMMARY:Two'));
      const { invites, problems } = icsToInvites(text);
      expect(invites.map((invite) => invite.id)).toEqual(['one']);
      // The first calendar takes lines 1-9; the second one's VEVENT begins on line 13.
      expect(problems).toEqual([{ line: 13, field: 'start', message: 'VEVENT "Two" has no DTSTART' }]);
    });

    it('reads bare VEVENTs that have no VCALENDAR around them', () => {
      const text = ics(...event('UID:bare', 'SUMMARY:Bare', 'DTSTART:20250602T100000Z'));
      expect(onlyInvite(text).id).toBe('bare');
    });

    it('reads a calendar cut off after its last event', () => {
      const text = ics('BEGIN:VCALENDAR', ...event('UID:cut', 'SUMMARY:Cut', 'DTSTART:20250602T100000Z'));
      expect(onlyInvite(text).id).toBe('cut');
    });

    it('reads a 1 MB description in well under a second', () => {
      const description = 'Agenda line with words and a link https://example.com/page; more\\n'.repeat(16_000);
      const folded = `DESCRIPTION:${description}`.match(/.{1,74}/g)!.join('\r\n ');
      const text = calendar(...event('UID:big', 'SUMMARY:Big', 'DTSTART:20250602T100000Z', folded));
      const startedAt = performance.now();
      const invite = onlyInvite(text);
      expect(performance.now() - startedAt).toBeLessThan(500);
      expect(invite.body.length).toBeGreaterThan(1_000_000);
    });
  });

  describeWithShared('real-ics', 'real files from other projects', () => {
    const corpus = resolve(sharedDirectory, 'real-ics');
    const files = haveShared('real-ics') ? readdirSync(corpus, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ics')) : [];

    it('finds the corpus', () => {
      expect(files.length).toBeGreaterThan(100);
    });

    it('reads every file into invites or one-line problems, and every invite is valid', () => {
      const failures = files.flatMap((file) => corpusFailures(file, readFileSync(join(corpus, file), 'utf8')));
      expect(failures).toEqual([]);
    });
  });
});

/** What is wrong with one corpus file's result, as readable strings naming the file. */
function corpusFailures(file: string, text: string): string[] {
  let result: IcsResult;
  try {
    result = icsToInvites(text);
  } catch (error) {
    return [`${file}: threw ${String(error)}`];
  }
  const { invites, problems } = result;
  const failures: string[] = [];
  if (invites.length + problems.length === 0) failures.push(`${file}: neither invites nor problems`);
  for (const problem of problems) {
    if (!isOneLine(problem.message)) failures.push(`${file}: problem message is not one line: ${JSON.stringify(problem.message)}`);
    if (problem.line !== undefined && !(Number.isInteger(problem.line) && problem.line >= 1)) failures.push(`${file}: bad line ${problem.line}`);
  }
  for (const invite of invites) {
    try {
      parseInvite(invite);
    } catch (error) {
      failures.push(`${file}: invalid invite ${invite.id ?? invite.subject}: ${String(error)}`);
    }
  }
  return failures;
}

/** Every character Unicode (and Python's str.splitlines) treats as a line break. */
const lineBreaks = new Set(['\n', '\r', '\v', '\f', '\u001c', '\u001d', '\u001e', '\u0085', '\u2028', '\u2029']);

function isOneLine(message: string): boolean {
  return message.length > 0 && ![...message].some((character) => lineBreaks.has(character));
}

