import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IcsCalendarSource } from '../../src/calendars/ics/ics-calendar-source.js';
import { EmbeddedJudge } from '../../src/judge/embedded-judge.js';
import { GuardedJudge } from '../../src/judge/guarded-judge.js';
import type { Judge } from '../../src/judge/judge.js';
import type { Invite } from '../../src/core/invite.js';
import { createReportComposer } from '../../src/report/compose-report.js';
import { cost, links } from './compose-fixtures.js';

/** The composer on the real ICS source and the real embedded judge: what `report --ics` runs. */

const user = 'ana@acme.example.com';
const crew = ['ORGANIZER;CN=Bob:mailto:bob@acme.example.com', `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${user}`, ...['cem', 'dia', 'eva', 'finn', 'gio', 'hal'].map((name) => `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${name}@acme.example.com`)];
const event = (uid: string, summary: string, description: string, ...properties: string[]) => [
  'BEGIN:VEVENT', `UID:${uid}`, `SUMMARY:${summary}`, `DESCRIPTION:${description}`, ...properties, ...crew, 'END:VEVENT',
];
const calendarText = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN',
  // A daily status round since October: 5 occurrences in 2026-W49.
  ...event('status-round', 'Daily status round', 'Status update from each team\\nFYI: release notes\\nMetrics update: support queue',
    'DTSTART;TZID=Europe/Berlin:20261001T093000', 'DTEND;TZID=Europe/Berlin:20261001T100000', 'RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR'),
  ...event('review', 'Design review: checkout', 'Decide between the two checkout flows and discuss the open accessibility issues.',
    'DTSTART;TZID=Europe/Berlin:20261202T130000', 'DTEND;TZID=Europe/Berlin:20261202T140000'),
  // Declined: the source leaves it out, so the report never sees it.
  'BEGIN:VEVENT', 'UID:declined', 'SUMMARY:Vendor FYI', 'DTSTART:20261203T100000Z', 'DTEND:20261203T110000Z',
  'ORGANIZER:mailto:vendor@other.example.com', `ATTENDEE;PARTSTAT=DECLINED:mailto:${user}`, 'ATTENDEE:mailto:bob@acme.example.com', 'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe('composing from an ICS file with the embedded judge', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'report-ics-'));
    writeFileSync(join(folder, 'ana.ics'), calendarText);
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('judges the daily series once and lists it with its one-click change', async () => {
    const judged: Invite[] = [];
    const embedded = new GuardedJudge(new EmbeddedJudge(cost));
    const counting: Judge = { judge: (invite, options) => (judged.push(invite), embedded.judge(invite, options)) };
    const compose = createReportComposer({ calendars: new IcsCalendarSource(), judge: counting, cost, clock: () => new Date('2026-12-07T07:00:00Z') });
    const report = await compose({
      recipient: { email: user, timeZone: 'Europe/Berlin', calendar: { ics: join(folder, 'ana.ics') } },
      isoWeek: '2026-W49',
      links,
    });
    expect(report.summary).toMatchObject({ meetings: 6, judgeCalls: 2, recurringSeries: 1, asyncMeetings: 5, meetingHours: 3.5 });
    expect(judged.map((invite) => invite.subject)).toEqual(['Daily status round', 'Design review: checkout']);
    expect(report.subject).toBe('2.5 h in meetings that could have been async (week 49)');
    expect(report.text).toContain('1. Daily status round');
    expect(report.text).toContain('5× this week: Mon, Tue, Wed, Thu, Fri · 09:30');
    expect(report.text).toContain('Make ‘Daily status round’ an async update https://challenger.example.com/settings?series=status-round&suggest=async');
    expect(report.text).not.toContain('Vendor FYI');
    expect(report.text).not.toContain('Design review');
  });
});
