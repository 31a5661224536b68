import { render as renderEmail } from '@react-email/render';
import { createElement } from 'react';
import type { CalendarMeeting } from '../../src/calendars/calendar-source.js';
import { WeeklyReportEmail, barWidths } from '../../src/report/email/WeeklyReportEmail.js';
import { createReportComposer } from '../../src/report/compose-report.js';
import { isoWeekRange } from '../../src/report/iso-week.js';
import { plainTextOptions, renderWeeklyReport } from '../../src/report/render-report.js';
import { buildWeeklyReport } from '../../src/report/weekly-report-model.js';
import { FakeCalendarSource, SubjectJudge, cost, invite, links, mondayAfter, plannedVerdicts, request, weekMeetings } from './compose-fixtures.js';

async function render(meetings: CalendarMeeting[] = weekMeetings()) {
  return createReportComposer({ calendars: new FakeCalendarSource(meetings), judge: new SubjectJudge(), cost, clock: mondayAfter })(request());
}

/** The listed meetings, in the order the e-mail shows them. */
const listed = (text: string) => [...text.matchAll(/^\d+\. (.+)$/gm)].map((match) => match[1]);

/** Text content of the HTML with tags dropped and entities decoded: what a reader sees. */
const visible = (html: string) =>
  html
    .replace(/<(style|title)[^>]*>[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** The chart rows: each day's segments (kind and width) and the track after them. */
function chartRows(html: string) {
  const chart = html.slice(html.indexOf('data-chart'), html.indexOf('</table>', html.lastIndexOf('data-segment')));
  return chart.split('data-plain-text=').slice(1).map((row) => ({
    label: row.slice(1, row.indexOf('"', 1)),
    segments: [...row.matchAll(/<td width="(\d+)%" height="16" bgcolor="(#[0-9a-f]{6})" data-segment="(\w+)"/g)].map((match) => ({ kind: match[3], percent: Number(match[1]), colour: match[2] })),
    track: Number(/<td width="(\d+)%" height="16" bgcolor="#eef1f4"/.exec(row)?.[1] ?? 0),
  }));
}

describe('the rendered weekly report', () => {
  it('leads with the headline in the subject, the HTML title and h1, and the plain text', async () => {
    const report = await render();
    expect(report.subject).toBe('3.3 h in meetings that could have been async (week 49)');
    expect(report.html).toMatch(/<h1[^>]*>3\.3 h in meetings that could have been async<\/h1>/);
    expect(report.html).toContain('<title>3.3 h in meetings that could have been async (week 49)</title>');
    expect(report.text.split('\n').slice(0, 3)).toEqual(['Dana · Week 49 · 30 Nov – 6 Dec 2026', '', '3.3 h in meetings that could have been async']);
    expect(report.html.startsWith('<!DOCTYPE html')).toBe(true);
  });

  it('draws the bar chart with table cells scaled to the busiest day, no images', async () => {
    const { html } = await render();
    expect(html).not.toMatch(/<img|<svg|background-image/i);
    const rows = chartRows(html);
    expect(rows.map((row) => row.label)).toEqual([
      'Mon 30 Nov: 0.5 h (0.5 h could be async)',
      'Tue 1 Dec: 2.5 h (0.5 h could be async, 2 h could be shorter)',
      'Wed 2 Dec: 1.3 h (1.3 h could be async)',
      'Thu 3 Dec: 1 h (0.5 h could be async, 0.5 h kept)',
      'Fri 4 Dec: 2 h (0.5 h could be async, 1.5 h kept)',
    ]);
    // Tuesday (2.5 h) is the busiest day: its bar fills the row; Monday's 0.5 h is a fifth of it.
    expect(rows[1]!.segments).toEqual([
      { kind: 'async', percent: 20, colour: '#c2410c' },
      { kind: 'trim', percent: 80, colour: '#d97706' },
    ]);
    expect(rows[1]!.track).toBe(0);
    expect(rows[0]!.segments).toEqual([{ kind: 'async', percent: 20, colour: '#c2410c' }]);
    expect(rows[0]!.track).toBe(80);
    for (const row of rows) expect(row.segments.reduce((sum, segment) => sum + segment.percent, 0) + row.track).toBe(100);
  });

  it('lists every async and trim meeting with its reasons, person-hours and cost', async () => {
    const { html, text } = await render();
    const seen = visible(html);
    for (const [subject, figures] of [
      ['Weekly status', '8 people · 5 × 30 min · 20 person-hours ($1,500)'],
      ['All-hands recap', '20 people · 45 min · 15 person-hours ($1,125)'],
      ['Quarterly planning', '6 people · 2 h · 12 person-hours ($900) · 6 person-hours back ($450)'],
    ] as const) {
      expect(seen).toContain(subject);
      expect(seen).toContain(figures);
      expect(text).toContain(figures);
      for (const reason of plannedVerdicts[subject]!.reasons!.filter((reason) => !reason.includes('person-hours'))) {
        expect(seen).toContain(reason);
        expect(text).toContain(` - ${reason}`);
      }
    }
    expect(text).toContain('Could be 1 h instead of 2 h');
    expect(text).toContain('5× this week: Mon, Tue, Wed, Thu, Fri · 09:30');
    expect(text).toContain('Wed 2 Dec, 16:00');
  });

  it('offers a one-click change for a recurring series, and links settings and unsubscribe', async () => {
    const { html, text } = await render();
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!.replace(/&amp;/g, '&'));
    expect(hrefs).toEqual([
      'https://challenger.example.com/settings?series=series-status&suggest=async',
      links.settingsUrl,
      links.unsubscribeUrl,
    ]);
    expect(visible(html)).toContain('Make ‘Weekly status’ an async update');
    expect(text).toContain('Make ‘Weekly status’ an async update https://challenger.example.com/settings?series=series-status&suggest=async');
    expect(text).toContain(`Unsubscribe ${links.unsubscribeUrl}`);
    expect(text).toContain(`Report settings ${links.settingsUrl}`);
    // A one-off meeting gets no series button.
    expect(html.match(/data-action/g)).toHaveLength(1);
  });

  it('says the same figures in the plain-text part as in the HTML', async () => {
    const { html, text } = await render();
    const seen = visible(html);
    for (const figure of ['4.3 h', '41 person-hours for everyone invited', '$3,075', '10 meetings, 7.3 h in all; trimming would give back another 1 h.', 'Gives back about 86.7 person-hours ($6,500) a month.']) {
      expect(seen).toContain(figure);
      expect(text.replace(/\s+/g, ' ')).toContain(figure);
    }
  });

  it('renders the plain-text part exactly like this', async () => {
    const { text } = await render();
    expect(text).toBe(`Dana · Week 49 · 30 Nov – 6 Dec 2026

3.3 h in meetings that could have been async

10 meetings, 7.3 h in all; trimming would give back another 1 h.

4.3 h
of your time back
41
person-hours for everyone invited
$3,075
of people’s time

Your meeting hours by day

Mon 30 Nov: 0.5 h (0.5 h could be async)
Tue 1 Dec: 2.5 h (0.5 h could be async, 2 h could be shorter)
Wed 2 Dec: 1.3 h (1.3 h could be async)
Thu 3 Dec: 1 h (0.5 h could be async, 0.5 h kept)
Fri 4 Dec: 2 h (0.5 h could be async, 1.5 h kept)

What could have been an update

1. Weekly status
Could be async
5× this week: Mon, Tue, Wed, Thu, Fri · 09:30
 - 5 of 5 items are status updates or FYIs
 - No decision or discussion is asked for

8 people · 5 × 30 min · 20 person-hours ($1,500)
Make ‘Weekly status’ an async update https://challenger.example.com/settings?series=series-status&suggest=async
Gives back about 86.7 person-hours ($6,500) a month.

2. All-hands recap
Could be async
Wed 2 Dec, 16:00
 - Reads as one-way information

20 people · 45 min · 15 person-hours ($1,125)

3. Quarterly planning
Could be 1 h instead of 2 h
Tue 1 Dec, 14:00
 - 2 of 4 items are updates that can go in a pre-read
 - Keep about 60 of 120 minutes for the live items

6 people · 2 h · 12 person-hours ($900) · 6 person-hours back ($450)

----------------------------------------

Times are in Europe/Berlin. Hours are yours; person-hours count everyone invited. Figures are estimates from the invites.

Report settings https://challenger.example.com/settings · Unsubscribe https://challenger.example.com/unsubscribe?token=abc.def
`);
  });

  it('reads well with no meetings: headline, no chart, the footer links', async () => {
    const { html, text, subject } = await render([]);
    expect(subject).toBe('A week without meetings (week 49)');
    expect(visible(html)).toContain('A week without meetings Nothing to challenge: enjoy the focus time.');
    expect(html).not.toContain('data-chart');
    expect(html).not.toContain('What could have been an update');
    expect(text).toContain(`Unsubscribe ${links.unsubscribeUrl}`);
    expect(text).not.toContain('person-hours (');
  });

  it('reads well when nothing could be skipped', async () => {
    const { html, text, subject } = await render([{ invite: invite('Design review', '2026-12-01T10:00:00+01:00', 90, 4) }]);
    expect(subject).toBe('All 1.5 h of your meetings earned their place (week 49)');
    expect(visible(html)).toContain('1 meeting, 1.5 h in all: none of them could have been an update.');
    expect(text).toContain('Tue 1 Dec: 1.5 h (1.5 h kept)');
    expect(chartRows(html)[1]!.segments).toEqual([{ kind: 'keep', percent: 100, colour: '#64748b' }]);
    expect(html).not.toContain('data-item');
  });

  it('escapes a hostile subject and reasons, and keeps the subject line on one line', async () => {
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>\r\nBcc: victim@example.com';
    plannedVerdicts[hostile] = { verdict: 'async', reasons: ['<b onmouseover="alert(3)">bold</b>'] };
    try {
      const meetings: CalendarMeeting[] = [{ invite: invite(hostile, '2026-12-01T10:00:00+01:00', 60, 5, { recurrence: 'weekly' }), seriesId: 'x"><script>alert(4)</script>' }];
      const report = await createReportComposer({ calendars: new FakeCalendarSource(meetings), judge: new SubjectJudge(), cost, clock: mondayAfter })(request());
      expect(report.html).not.toMatch(/<script|<img|<b onmouseover/i);
      expect(report.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(report.html).toContain('&lt;b onmouseover=&quot;alert(3)&quot;&gt;bold&lt;/b&gt;');
      // The series id reaches the link only as an encoded query parameter.
      const action = /href="(https:\/\/challenger\.example\.com\/settings\?series=[^"]+)"/.exec(report.html)![1]!.replace(/&amp;/g, '&');
      expect(new URL(action).searchParams.get('series')).toBe('x"><script>alert(4)</script>');
      expect(report.subject).not.toMatch(/[\r\n]/);
      expect(report.text).toContain('<script>alert(1)</script>');
    } finally {
      delete plannedVerdicts[hostile];
    }
  });

  it('renders a meeting with a 1 MB body without carrying the body into the e-mail', async () => {
    const huge = `<p>${'Status update: all green. '.repeat(40_000)}</p>`;
    expect(huge.length).toBeGreaterThan(1_000_000);
    const started = performance.now();
    const report = await render([{ invite: invite('All-hands recap', '2026-12-02T16:00:00+01:00', 45, 19, { body: huge }) }]);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(report.html.length).toBeLessThan(30_000);
    expect(report.html).not.toContain('all green');
    expect(report.text).toContain('1. All-hands recap');
  });

  it('stays under Gmail’s 102 KB clipping limit with ten long entries and a hundred more behind them', async () => {
    const subject = (index: number) => `Status ${index} ${'with a very long subject line '.repeat(200)}`;
    const meetings = Array.from({ length: 110 }, (_, index) => {
      plannedVerdicts[subject(index)] = { verdict: 'async', reasons: [`${'A long reason, '.repeat(100)}${index}`, 'Second reason', 'Third reason'] };
      return { invite: invite(subject(index), `2026-12-0${1 + (index % 5)}T${String(8 + (index % 10)).padStart(2, '0')}:00:00+01:00`, 30, 3), seriesId: `series-${index}` };
    });
    try {
      const report = await render(meetings);
      expect(Buffer.byteLength(report.html)).toBeLessThan(102 * 1024);
      expect(listed(report.text)).toHaveLength(10);
      expect(listed(report.text)[0]!.length).toBeLessThanOrEqual(200);
      expect(report.text).toContain('And 100 more meetings worth 200 person-hours.');
    } finally {
      for (let index = 0; index < 110; index++) delete plannedVerdicts[subject(index)];
    }
  });

  it('clips long subjects in the button but keeps the whole subject in the list', async () => {
    const subject = `Weekly status ${'and more '.repeat(12)}end`;
    plannedVerdicts[subject] = { verdict: 'async', reasons: ['Reads as one-way information'] };
    try {
      const report = await render([{ invite: invite(subject, '2026-12-01T10:00:00+01:00', 30, 3), seriesId: 's' }]);
      expect(report.text).toContain(`1. ${subject}`);
      expect(report.text).toMatch(/Make ‘Weekly status and more .{20,60}…’ an async update/);
    } finally {
      delete plannedVerdicts[subject];
    }
  });
});

describe('bar widths', () => {
  const day = (async: number, trim: number, keep: number) => ({ weekday: 'Mon', date: '30 Nov', hours: { async, trim, keep } });

  it('never exceeds the row and never hides a small segment', () => {
    expect(barWidths(day(0.01, 0, 10), 10)).toEqual([{ kind: 'async', percent: 1 }, { kind: 'keep', percent: 99 }]);
    expect(barWidths(day(1 / 3, 1 / 3, 1 / 3), 1)).toEqual([{ kind: 'async', percent: 33 }, { kind: 'trim', percent: 33 }, { kind: 'keep', percent: 33 }]);
    expect(barWidths(day(0.5, 0.5, 0), 1)).toEqual([{ kind: 'async', percent: 50 }, { kind: 'trim', percent: 50 }]);
    expect(barWidths(day(0.335, 0.335, 0.33), 1).reduce((sum, segment) => sum + segment.percent, 0)).toBeLessThanOrEqual(100);
    expect(barWidths(day(0, 0, 0), 0)).toEqual([]);
  });

  it('renders a model straight through renderWeeklyReport', async () => {
    const judge = new SubjectJudge();
    const judged = await Promise.all(weekMeetings().slice(0, 10).map(async (meeting) => ({ ...meeting, verdict: await judge.judge(meeting.invite) })));
    const model = buildWeeklyReport({
      isoWeek: '2026-W49', range: isoWeekRange('2026-W49', 'UTC'), timeZone: 'UTC', judged, judgeCalls: 6, cost, links, now: mondayAfter(),
    });
    expect(model.items).toHaveLength(4); // "Team update" too: the sensitivity guard runs in the composer, not in the model
    const rendered = await renderWeeklyReport(model);
    expect(rendered.subject).toBe(model.subject);
    // The text part is what React Email's own plain-text rendering gives, from one render of the tree.
    const reference = await renderEmail(createElement(WeeklyReportEmail, { report: model }), { plainText: true, htmlToTextOptions: plainTextOptions });
    expect(rendered.text).toBe(reference.replace(/\n{3,}/g, '\n\n').trim() + '\n');
    expect(rendered.text.endsWith('\n')).toBe(true);
    expect(rendered.text).not.toMatch(/\n{3}/);
  });
});
