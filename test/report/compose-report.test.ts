import type { CalendarMeeting } from '../../src/calendars/calendar-source.js';
import type { Invite } from '../../src/core/invite.js';
import type { Verdict } from '../../src/core/verdict.js';
import { EmbeddedJudge } from '../../src/judge/embedded-judge.js';
import { GuardedJudge } from '../../src/judge/guarded-judge.js';
import type { Judge } from '../../src/judge/judge.js';
import { createReportComposer } from '../../src/report/compose-report.js';
import { isoWeekRange } from '../../src/report/iso-week.js';
import { buildWeeklyReport } from '../../src/report/weekly-report-model.js';
import { FakeCalendarSource, SubjectJudge, cost, invite, links, mondayAfter, request, weekMeetings } from './compose-fixtures.js';

function composerFor(meetings: CalendarMeeting[], judge: Judge = new SubjectJudge(), extra: { maxListed?: number; concurrency?: number; clock?: () => Date } = {}) {
  const calendars = new FakeCalendarSource(meetings);
  return { calendars, judge, compose: createReportComposer({ calendars, judge, cost, clock: mondayAfter, ...extra }) };
}

/** The listed meetings, in the order the e-mail shows them. */
const listed = (text: string) => [...text.matchAll(/^\d+\. (.+)$/gm)].map((match) => match[1]);

describe('composing the weekly report', () => {
  it('asks the source for the recipient’s ISO week in their own time zone, as the recipient', async () => {
    const { calendars, compose } = composerFor(weekMeetings());
    await compose(request());
    expect(calendars.calls).toHaveLength(1);
    expect(calendars.calls[0]!.account).toEqual({ ics: 'test.ics' });
    expect(calendars.calls[0]!.range).toEqual(isoWeekRange('2026-W49', 'Europe/Berlin'));
    expect(calendars.calls[0]!.options?.userEmail).toBe('dana@acme.example.com');
  });

  it('judges a recurring series once: 5 occurrences, 1 judge call', async () => {
    const judge = new SubjectJudge();
    const { compose } = composerFor(weekMeetings(), judge);
    const report = await compose(request());
    expect(judge.judged.filter((judged) => judged.subject === 'Weekly status')).toHaveLength(1);
    // The first occurrence stands for the series.
    expect(judge.judged.find((judged) => judged.subject === 'Weekly status')!.start).toBe('2026-11-30T09:30:00+01:00');
    expect(report.summary.judgeCalls).toBe(6);
    expect(judge.judged).toHaveLength(6);
    expect(report.summary.recurringSeries).toBe(1);
  });

  it('adds up the week: meetings, hours by verdict, person-hours and cost given back', async () => {
    const { compose } = composerFor(weekMeetings());
    const { summary } = await compose(request());
    expect(summary).toEqual({
      meetings: 10, // the meeting next Monday is not in the week
      meetingHours: 7.25,
      asyncMeetings: 6, // 5 status + the recap; the sensitive two are not counted
      trimMeetings: 1,
      personHoursBack: 41, // 20 (status) + 15 (recap) + 6 (half of planning)
      costBack: { amount: 3075, currency: 'USD' },
      judgeCalls: 6,
      hoursByVerdict: { async: 3.25, trim: 2, keep: 2 },
      hoursBack: 4.25,
      recurringSeries: 1,
    });
  });

  it('ranks async and trim meetings by the person-hours they give back', async () => {
    const { compose } = composerFor(weekMeetings());
    const report = await compose(request());
    expect(listed(report.text)).toEqual(['Weekly status', 'All-hands recap', 'Quarterly planning']);
    const html = report.html;
    expect(html.indexOf('Weekly status')).toBeLessThan(html.indexOf('All-hands recap'));
    expect(html.indexOf('All-hands recap')).toBeLessThan(html.indexOf('Quarterly planning'));
  });

  it('never lists a sensitive meeting, even when the judge handed back async', async () => {
    const { compose } = composerFor(weekMeetings());
    const report = await compose(request());
    for (const part of [report.html, report.text, report.subject]) {
      expect(part).not.toContain('Performance review');
      expect(part).not.toContain('Team update');
    }
  });

  it('keeps a sensitive occurrence of an otherwise async series off the list', async () => {
    const meetings = weekMeetings().slice(0, 5);
    meetings[2] = { invite: invite('Weekly status', '2026-12-02T09:30:00+01:00', 30, 7, { body: 'Today: the layoffs in the Berlin office.' }), seriesId: 'series-status' };
    const { compose } = composerFor(meetings);
    const { summary, text } = await compose(request());
    expect(summary.asyncMeetings).toBe(4);
    expect(summary.hoursByVerdict).toEqual({ async: 2, trim: 0, keep: 0.5 });
    expect(summary.judgeCalls).toBe(1);
    expect(text).toContain('4× this week: Mon, Tue, Thu, Fri · 09:30');
  });

  it('with the real embedded judge, keeps a performance review off the list and lists the status round', async () => {
    const embedded = new GuardedJudge(new EmbeddedJudge(cost));
    const meetings: CalendarMeeting[] = [
      { invite: invite('Status round', '2026-12-01T09:00:00+01:00', 30, 8, { body: '<ul><li>Status update from each team</li><li>FYI: release notes</li><li>Metrics update</li></ul>' }) },
      { invite: invite('Performance review', '2026-12-02T10:00:00+01:00', 60, 1, { body: 'Your annual performance review: ratings, compensation and a development plan. FYI: updates only.' }) },
    ];
    const { summary, text } = await composerFor(meetings, embedded).compose(request());
    expect(listed(text)).toEqual(['Status round']);
    expect(summary.hoursByVerdict.keep).toBe(1);
  });

  it('reads well for an empty week', async () => {
    const { compose } = composerFor([]);
    const report = await compose(request());
    expect(report.subject).toBe('A week without meetings (week 49)');
    expect(report.summary).toMatchObject({ meetings: 0, meetingHours: 0, judgeCalls: 0, personHoursBack: 0, hoursBack: 0 });
    expect(report.html).not.toContain('data-chart');
    expect(report.text).toContain('Nothing to challenge');
    expect(report.html).toContain(links.unsubscribeUrl.replace('&', '&amp;'));
  });

  it('reads well for a week with nothing to skip', async () => {
    const meetings = [
      { invite: invite('Design review', '2026-12-01T10:00:00+01:00', 60, 4) },
      { invite: invite('1:1 Alex', '2026-12-03T11:00:00+01:00', 60, 1) },
    ];
    const report = await composerFor(meetings).compose(request());
    expect(report.subject).toBe('All 2 h of your meetings earned their place (week 49)');
    expect(report.summary).toMatchObject({ asyncMeetings: 0, trimMeetings: 0, hoursBack: 0, hoursByVerdict: { async: 0, trim: 0, keep: 2 } });
    expect(listed(report.text)).toEqual([]);
    expect(report.text).toContain('nothing here could have been an update');
    expect(report.html).toContain('data-chart');
  });

  it('lists at most maxListed meetings and says how many more there were', async () => {
    const report = await composerFor(weekMeetings(), new SubjectJudge(), { maxListed: 2 }).compose(request());
    expect(listed(report.text)).toEqual(['Weekly status', 'All-hands recap']);
    expect(report.text).toContain('And 1 more meeting worth 6 person-hours.');
    expect(report.summary.personHoursBack).toBe(41);
  });

  it('says "so far" while the week is still running', async () => {
    const midWeek = () => new Date('2026-12-02T12:00:00Z');
    const report = await composerFor(weekMeetings(), new SubjectJudge(), { clock: midWeek }).compose(request());
    expect(report.subject).toMatch(/\(week 49 so far\)$/);
    expect(report.text).toContain('Week 49 · 30 Nov – 6 Dec 2026 (so far)');
  });

  it('keeps at most `concurrency` judgments in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const slow: Judge = {
      async judge(inviteToJudge: Invite): Promise<Verdict> {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return new SubjectJudge().judge(inviteToJudge);
      },
    };
    const meetings = Array.from({ length: 12 }, (_, index) => ({ invite: invite(`Meeting ${index}`, `2026-12-0${1 + (index % 4)}T1${index % 10}:00:00+01:00`, 30, 3) }));
    const report = await composerFor(meetings, slow, { concurrency: 3 }).compose(request());
    expect(report.summary.judgeCalls).toBe(12);
    expect(most).toBe(3);
  });

  it('stops when aborted, before judging anything', async () => {
    const judge = new SubjectJudge();
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    await expect(composerFor(weekMeetings(), judge).compose(request(), { signal: controller.signal })).rejects.toThrow('shutting down');
    expect(judge.judged).toHaveLength(0);
  });

  it('refuses a bad week or time zone with a one-line error', async () => {
    const { compose } = composerFor([]);
    await expect(compose(request({ isoWeek: '2026-W54' }))).rejects.toThrow('2026 has weeks W01 to W53');
    await expect(compose({ ...request(), recipient: { ...request().recipient, timeZone: 'Nowhere/Land' } })).rejects.toThrow('time zone "Nowhere/Land"');
  });
});

describe('the report model', () => {
  const range = isoWeekRange('2026-W49', 'Europe/Berlin');
  const base = { isoWeek: '2026-W49', range, timeZone: 'Europe/Berlin', judgeCalls: 0, cost, links, now: mondayAfter() };
  const verdict = (kind: Verdict['verdict'], keepMinutes?: number): Verdict => ({
    verdict: kind, confidence: 0.8, sensitive: false, reasons: ['because'], agenda: [], judge: 'embedded',
    cost: { attendees: 0, minutes: 0, personHours: 0, amount: 0, currency: 'USD' },
    ...(keepMinutes ? { suggestion: { keepMinutes, asyncItems: [] } } : {}),
  });

  it('breaks a tie in person-hours back by the costlier meeting, then the earlier one', () => {
    const report = buildWeeklyReport({
      ...base,
      judged: [
        { invite: invite('Later async', '2026-12-03T10:00:00+01:00', 60, 3), verdict: verdict('async') }, // 4 back, 4 spent
        { invite: invite('Trim', '2026-12-01T10:00:00+01:00', 120, 3), verdict: verdict('trim', 60) }, // 4 back, 8 spent
        { invite: invite('Earlier async', '2026-12-02T10:00:00+01:00', 60, 3), verdict: verdict('async') }, // 4 back, 4 spent
      ],
    });
    expect(report.items.map((item) => item.subject)).toEqual(['Trim', 'Earlier async', 'Later async']);
  });

  it('gives back half of a trimmed meeting when the judge did not say how much to keep', () => {
    const report = buildWeeklyReport({ ...base, judged: [{ invite: invite('Trim', '2026-12-01T10:00:00+01:00', 90, 1), verdict: verdict('trim') }] });
    expect(report.items[0]).toMatchObject({ keepMinutes: 45, personHours: 3, personHoursBack: 1.5, costBack: 112.5 });
    expect(report.summary.hoursBack).toBe(0.75);
  });

  it('builds the one-click link for a series from the settings URL', () => {
    const report = buildWeeklyReport({
      ...base,
      links: { ...links, settingsUrl: 'https://challenger.example.com/settings?tab=report' },
      judged: [{ invite: invite('Sync & plan', '2026-12-01T10:00:00+01:00', 60, 3, { recurrence: 'weekly' }), seriesId: 'AAMk/+=x', verdict: verdict('trim', 25) }],
    });
    const action = report.items[0]!.action!;
    expect(action.label).toBe('Shorten ‘Sync & plan’ to 25 min');
    const url = new URL(action.url);
    expect(url.searchParams.get('tab')).toBe('report');
    expect(url.searchParams.get('series')).toBe('AAMk/+=x');
    expect(url.searchParams.get('suggest')).toBe('trim');
    expect(url.searchParams.get('minutes')).toBe('25');
    // 4 people × 35 min back × 52/12 a week ≈ 10.11 person-hours a month.
    expect(report.items[0]!.perMonth).toEqual({ personHours: 10.11, amount: 758.33 });
  });

  it('puts a meeting on the day it starts in the recipient’s zone', () => {
    // Sunday 23:30 UTC is Monday 08:30 in Tokyo.
    const report = buildWeeklyReport({
      ...base,
      range: isoWeekRange('2026-W49', 'Asia/Tokyo'),
      timeZone: 'Asia/Tokyo',
      judged: [{ invite: invite('Early', '2026-11-29T23:30:00Z', 60, 2), verdict: verdict('keep') }],
    });
    expect(report.days.map((day) => day.weekday)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);
    expect(report.days[0]).toEqual({ weekday: 'Mon', date: '30 Nov', hours: { async: 0, trim: 0, keep: 1 } });
  });

  it('shows a weekend day only when it had meetings', () => {
    const report = buildWeeklyReport({ ...base, judged: [{ invite: invite('Launch', '2026-12-05T10:00:00+01:00', 30, 2), verdict: verdict('keep') }] });
    expect(report.days.map((day) => day.weekday)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
  });
});
