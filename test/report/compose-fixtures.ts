import type { CalendarAccount, CalendarMeeting, CalendarSource, MeetingsOptions, TimeRange } from '../../src/calendars/calendar-source.js';
import { meetingCost } from '../../src/core/cost.js';
import { parseInvite, type Invite, type InviteInput } from '../../src/core/invite.js';
import type { Verdict, VerdictKind } from '../../src/core/verdict.js';
import type { Judge } from '../../src/judge/judge.js';
import type { ReportRequest } from '../../src/report/weekly-report.js';

/**
 * A week of meetings (2026-W49, Europe/Berlin: Mon 30 Nov – Sun 6 Dec) with known figures, a
 * calendar source that hands them out, and a judge that answers by subject and counts its calls.
 */

export const cost = { hourlyRate: 75, currency: 'USD' };
export const links = {
  settingsUrl: 'https://challenger.example.com/settings',
  unsubscribeUrl: 'https://challenger.example.com/unsubscribe?token=abc.def',
};

const people = (count: number) => Array.from({ length: count }, (_, index) => ({ email: `person${index + 1}@acme.example.com` }));

export function invite(subject: string, start: string, durationMinutes: number, attendees: number, extra: Partial<InviteInput> = {}): Invite {
  return parseInvite({
    subject,
    body: extra.body ?? `Agenda for ${subject}`,
    start,
    durationMinutes,
    organizer: { email: 'organiser@acme.example.com' },
    attendees: people(attendees),
    ...extra,
  });
}

/** Four planted verdicts, by subject; anything else is a keep. */
export const plannedVerdicts: Record<string, { verdict: VerdictKind; sensitive?: boolean; keepMinutes?: number; reasons?: string[] }> = {
  'Weekly status': { verdict: 'async', reasons: ['5 of 5 items are status updates or FYIs', 'No decision or discussion is asked for', '8 people, daily: 86.67 person-hours ($6,500) a month'] },
  'All-hands recap': { verdict: 'async', reasons: ['Reads as one-way information'] },
  'Quarterly planning': { verdict: 'trim', keepMinutes: 60, reasons: ['2 of 4 items are updates that can go in a pre-read', 'Keep about 60 of 120 minutes for the live items'] },
  // The judge (wrongly) calls these async; the report must still never list them.
  'Performance review': { verdict: 'async', sensitive: true, reasons: ['Sensitive: performance'] },
  'Team update': { verdict: 'async', sensitive: false, reasons: ['Reads as one-way information'] },
};

/** 10 meetings in range, 1 outside it. */
export function weekMeetings(): CalendarMeeting[] {
  const days = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];
  return [
    // A daily series: 5 × 30 min × 8 people = 20 person-hours, judged once.
    ...days.map((day) => ({ invite: invite('Weekly status', `${day}T09:30:00+01:00`, 30, 7, { recurrence: 'daily' }), seriesId: 'series-status' })),
    { invite: invite('Quarterly planning', '2026-12-01T14:00:00+01:00', 120, 5) }, // 6 people: 6 person-hours back
    { invite: invite('All-hands recap', '2026-12-02T16:00:00+01:00', 45, 19) }, // 20 people: 15 person-hours
    { invite: invite('1:1 Alex', '2026-12-03T11:00:00+01:00', 30, 1) },
    { invite: invite('Performance review', '2026-12-04T15:00:00+01:00', 60, 1) },
    // The guard reads "layoffs" in the text although the judge said not sensitive.
    { invite: invite('Team update', '2026-12-04T16:00:00+01:00', 30, 3, { body: 'Sharing the plan for the layoffs in the Berlin office.' }) },
    // Next Monday: outside the week, must be dropped.
    { invite: invite('All-hands recap', '2026-12-07T10:00:00+01:00', 60, 19) },
  ];
}

export class FakeCalendarSource implements CalendarSource {
  readonly calls: { account: CalendarAccount; range: TimeRange; options?: MeetingsOptions }[] = [];
  constructor(private readonly meetingList: CalendarMeeting[]) {}

  meetings(account: CalendarAccount, range: TimeRange, options?: MeetingsOptions): Promise<CalendarMeeting[]> {
    this.calls.push({ account, range, ...(options ? { options } : {}) });
    return Promise.resolve(this.meetingList);
  }
}

export class SubjectJudge implements Judge {
  readonly judged: Invite[] = [];
  judge(inviteToJudge: Invite): Promise<Verdict> {
    this.judged.push(inviteToJudge);
    const planned = plannedVerdicts[inviteToJudge.subject] ?? { verdict: 'keep' as const, reasons: ['Decisions need people live'] };
    const verdict: Verdict = {
      verdict: planned.verdict,
      confidence: 0.8,
      sensitive: planned.sensitive ?? false,
      reasons: planned.reasons ?? ['Decisions need people live'],
      agenda: [],
      cost: meetingCost(inviteToJudge, cost),
      judge: 'embedded',
      ...(planned.keepMinutes ? { suggestion: { keepMinutes: planned.keepMinutes, asyncItems: [0] } } : {}),
    };
    return Promise.resolve(verdict);
  }
}

export function request(overrides: Partial<ReportRequest> = {}): ReportRequest {
  return {
    recipient: { email: 'dana@acme.example.com', name: 'Dana', timeZone: 'Europe/Berlin', calendar: { ics: 'test.ics' } },
    isoWeek: '2026-W49',
    links,
    ...overrides,
  };
}

/** After the week: Monday 7 Dec 2026, 08:00 in Berlin. */
export const mondayAfter = () => new Date('2026-12-07T07:00:00Z');
