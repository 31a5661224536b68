import type { TimeRange } from '../calendars/calendar-source.js';
import { meetingCost, type CostOptions } from '../core/cost.js';
import type { Invite } from '../core/invite.js';
import type { Verdict } from '../core/verdict.js';
import { isoWeekMonday, localDateAt, parseIsoWeek, weekdayOf } from './iso-week.js';
import { formatMinutes, headline, subheadline, type HeadlineFigures } from './report-format.js';
import type { ReportLinks, ReportSummary } from './weekly-report.js';

/**
 * Everything the e-mail shows, worked out once: the composer builds it from judged meetings and
 * the renderer only lays it out. Pure, so the figures are tested without rendering anything.
 */

export type ReportVerdict = 'async' | 'trim' | 'keep';

export interface JudgedMeeting {
  invite: Invite;
  seriesId?: string;
  verdict: Verdict;
}

export interface DayBar {
  /** "Mon" */
  weekday: string;
  /** "30 Nov" */
  date: string;
  /** The recipient's own hours that day, by verdict. */
  hours: Record<ReportVerdict, number>;
}

export interface ReportItem {
  verdict: 'async' | 'trim';
  subject: string;
  seriesId?: string;
  /** Occurrences this week (1 for a one-off). */
  occurrences: number;
  /** "Tue 1 Dec, 10:00" or "5× this week: Mon, Tue, Wed, Thu, Fri · 09:30" */
  when: string;
  /** One occurrence, as scheduled. */
  minutes: number;
  attendees: number;
  /** For a trim: how long the live part needs. */
  keepMinutes?: number;
  /** Over the week's occurrences. */
  personHours: number;
  personHoursBack: number;
  cost: number;
  costBack: number;
  currency: string;
  reasons: string[];
  /** For a recurring series: the one-click change, and what the series costs in a month. */
  action?: { label: string; url: string };
  perMonth?: { personHours: number; amount: number };
}

export interface WeeklyReport {
  recipientName?: string;
  isoWeek: string;
  /** "Week 49 · 30 Nov – 6 Dec 2026", with "(so far)" while the week is still running. */
  weekLabel: string;
  weekNumber: number;
  timeZone: string;
  headline: string;
  subheadline: string;
  subject: string;
  summary: ReportSummary;
  days: DayBar[];
  /** Ranked: the most person-hours given back first. */
  items: ReportItem[];
  /** Async and trim meetings ranked below the listed ones. */
  notListed: { items: number; personHoursBack: number };
  links: ReportLinks;
}

export interface BuildWeeklyReportInput {
  isoWeek: string;
  range: TimeRange;
  timeZone: string;
  recipientName?: string;
  judged: JudgedMeeting[];
  judgeCalls: number;
  cost: CostOptions;
  links: ReportLinks;
  now: Date;
  /** How many async and trim meetings the e-mail lists at most (default 10). */
  maxListed?: number;
}

const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const maxReasons = 3;

/** What the report counts a meeting as: a sensitive meeting is always a keep, whatever the judge said. */
export function reportVerdictOf(verdict: Verdict): ReportVerdict {
  return verdict.sensitive ? 'keep' : verdict.verdict;
}

export function buildWeeklyReport(input: BuildWeeklyReportInput): WeeklyReport {
  const { timeZone, cost } = input;
  const week = parseIsoWeek(input.isoWeek);
  const people = new Map<JudgedMeeting, number>();
  for (const meeting of input.judged) people.set(meeting, meetingCost(meeting.invite, cost).attendees);

  const hoursByVerdict = { async: 0, trim: 0, keep: 0 };
  const dayHours = weekdayNames.map(() => ({ async: 0, trim: 0, keep: 0 }));
  let hoursBack = 0;
  let asyncMeetings = 0;
  let trimMeetings = 0;
  for (const meeting of input.judged) {
    const kind = reportVerdictOf(meeting.verdict);
    const hours = meeting.invite.durationMinutes / 60;
    hoursByVerdict[kind] += hours;
    const weekday = weekdayOf(localDateAt(new Date(meeting.invite.start), timeZone));
    dayHours[weekday - 1]![kind] += hours;
    if (kind === 'async') asyncMeetings++;
    if (kind === 'trim') trimMeetings++;
    hoursBack += minutesBack(meeting.invite, meeting.verdict) / 60;
  }

  const ranked = rankItems(groupItems(input.judged, people, input));
  const maxListed = input.maxListed ?? 10;
  const items = ranked.slice(0, maxListed);
  const rest = ranked.slice(maxListed);
  const personHoursBack = ranked.reduce((sum, item) => sum + item.personHoursBack, 0);
  const meetingHours = hoursByVerdict.async + hoursByVerdict.trim + hoursByVerdict.keep;
  const summary: ReportSummary = {
    meetings: input.judged.length,
    meetingHours: round2(meetingHours),
    asyncMeetings,
    trimMeetings,
    personHoursBack: round2(personHoursBack),
    costBack: { amount: round2(personHoursBack * cost.hourlyRate), currency: cost.currency },
    judgeCalls: input.judgeCalls,
    hoursByVerdict: { async: round2(hoursByVerdict.async), trim: round2(hoursByVerdict.trim), keep: round2(hoursByVerdict.keep) },
    hoursBack: round2(hoursBack),
    recurringSeries: new Set(input.judged.flatMap((meeting) => (meeting.seriesId ? [meeting.seriesId] : []))).size,
  };

  const figures: HeadlineFigures = {
    meetings: summary.meetings,
    meetingHours,
    asyncHours: hoursByVerdict.async,
    trimHoursBack: hoursBack - hoursByVerdict.async,
  };
  const monday = isoWeekMonday(week);
  const days: DayBar[] = dayHours.flatMap((hours, index) => {
    const weekend = index >= 5;
    if (weekend && hours.async + hours.trim + hours.keep === 0) return [];
    const date = new Date(Date.UTC(monday.year, monday.month - 1, monday.day + index));
    return [{ weekday: weekdayNames[index]!, date: `${date.getUTCDate()} ${monthNames[date.getUTCMonth()]}`, hours: roundAll(hours) }];
  });
  const running = input.now.getTime() < input.range.end.getTime();
  const weekLabel = `Week ${week.week} · ${dateRangeLabel(monday)}${running ? ' (so far)' : ''}`;
  const title = headline(figures);
  return {
    ...(input.recipientName ? { recipientName: input.recipientName } : {}),
    isoWeek: input.isoWeek,
    weekLabel,
    weekNumber: week.week,
    timeZone,
    headline: title,
    subheadline: subheadline(figures),
    subject: `${title} (week ${week.week}${running ? ' so far' : ''})`,
    summary,
    days,
    items,
    notListed: { items: rest.length, personHoursBack: round2(rest.reduce((sum, item) => sum + item.personHoursBack, 0)) },
    links: input.links,
  };
}

/**
 * The recipient's minutes a verdict gives back: all of an async meeting, the part of a trim beyond
 * what the live items need (half the meeting when the judge did not say), none of a keep.
 */
export function minutesBack(invite: Invite, verdict: Verdict): number {
  switch (reportVerdictOf(verdict)) {
    case 'async':
      return invite.durationMinutes;
    case 'trim': {
      const keep = verdict.suggestion?.keepMinutes ?? invite.durationMinutes / 2;
      return Math.max(0, invite.durationMinutes - keep);
    }
    default:
      return 0;
  }
}

function groupItems(judged: JudgedMeeting[], people: Map<JudgedMeeting, number>, input: BuildWeeklyReportInput): (ReportItem & { firstStart: number })[] {
  const groups = new Map<string, JudgedMeeting[]>();
  judged.forEach((meeting, index) => {
    if (reportVerdictOf(meeting.verdict) === 'keep') return;
    const key = meeting.seriesId !== undefined ? `series:${meeting.seriesId}` : `one:${index}`;
    const group = groups.get(key);
    if (group) group.push(meeting);
    else groups.set(key, [meeting]);
  });

  return [...groups.values()].map((occurrences) => {
    occurrences.sort((a, b) => Date.parse(a.invite.start) - Date.parse(b.invite.start));
    const first = occurrences[0]!;
    const verdict = reportVerdictOf(first.verdict) as 'async' | 'trim';
    let personHours = 0;
    let personHoursBack = 0;
    for (const meeting of occurrences) {
      const attendees = people.get(meeting)!;
      personHours += (attendees * meeting.invite.durationMinutes) / 60;
      personHoursBack += (attendees * minutesBack(meeting.invite, meeting.verdict)) / 60;
    }
    const keepMinutes = verdict === 'trim' ? Math.round(first.invite.durationMinutes - minutesBack(first.invite, first.verdict)) : undefined;
    const { hourlyRate, currency } = input.cost;
    const item: ReportItem & { firstStart: number } = {
      verdict,
      // Clipped: Gmail cuts off messages over 102 KB, and a 5,000-character subject says nothing more.
      subject: clip(first.invite.subject, 200) || '(no subject)',
      occurrences: occurrences.length,
      when: describeWhen(occurrences.map((meeting) => new Date(meeting.invite.start)), input.timeZone),
      minutes: first.invite.durationMinutes,
      attendees: people.get(first)!,
      personHours: round2(personHours),
      personHoursBack: round2(personHoursBack),
      cost: round2(personHours * hourlyRate),
      costBack: round2(personHoursBack * hourlyRate),
      currency,
      reasons: first.verdict.reasons.filter((reason) => !/person-hours|headcount unknown/.test(reason)).slice(0, maxReasons).map((reason) => clip(reason, 300)),
      firstStart: Date.parse(first.invite.start),
    };
    if (keepMinutes !== undefined) item.keepMinutes = keepMinutes;
    if (first.seriesId !== undefined) {
      item.seriesId = first.seriesId;
      item.action = seriesAction(item, first.seriesId, input.links.settingsUrl);
      const perMonth = meetingCost(first.invite, input.cost).perMonth;
      if (perMonth) {
        const share = personHours > 0 ? personHoursBack / personHours : 0;
        item.perMonth = { personHours: round2(perMonth.personHours * share), amount: round2(perMonth.amount * share) };
      }
    }
    return item;
  });
}

/** Most person-hours back first; then the costlier meeting, the earlier one, the subject. */
function rankItems(items: (ReportItem & { firstStart: number })[]): ReportItem[] {
  return items
    .sort(
      (a, b) =>
        b.personHoursBack - a.personHoursBack ||
        b.personHours - a.personHours ||
        a.firstStart - b.firstStart ||
        a.subject.localeCompare(b.subject),
    )
    .map(({ firstStart: _firstStart, ...item }) => item);
}

/** A link into settings that applies the suggestion to the whole series after one click. */
function seriesAction(item: ReportItem, seriesId: string, settingsUrl: string): { label: string; url: string } {
  const url = new URL(settingsUrl);
  url.searchParams.set('series', seriesId);
  url.searchParams.set('suggest', item.verdict);
  if (item.verdict === 'trim' && item.keepMinutes !== undefined) url.searchParams.set('minutes', String(item.keepMinutes));
  const name = `‘${clip(item.subject, 60)}’`;
  const label =
    item.verdict === 'async'
      ? `Make ${name} an async update`
      : `Shorten ${name} to ${formatMinutes(item.keepMinutes ?? Math.round(item.minutes / 2))}`;
  return { label, url: url.toString() };
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl formatter costs far more than using one: one per zone, kept. */
function timeFormatFor(timeZone: string): Intl.DateTimeFormat {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormats.set(timeZone, format);
  }
  return format;
}

function describeWhen(starts: Date[], timeZone: string): string {
  const time = timeFormatFor(timeZone);
  const weekday = (start: Date) => weekdayNames[weekdayOf(localDateAt(start, timeZone)) - 1]!;
  const first = starts[0]!;
  if (starts.length === 1) {
    const date = localDateAt(first, timeZone);
    return `${weekday(first)} ${date.day} ${monthNames[date.month - 1]}, ${time.format(first)}`;
  }
  const times = new Set(starts.map((start) => time.format(start)));
  const days = starts.map(weekday);
  if (times.size === 1) return `${starts.length}× this week: ${days.join(', ')} · ${time.format(first)}`;
  return `${starts.length}× this week: ${starts.map((start) => `${weekday(start)} ${time.format(start)}`).join(', ')}`;
}

function dateRangeLabel(monday: { year: number; month: number; day: number }): string {
  const start = new Date(Date.UTC(monday.year, monday.month - 1, monday.day));
  const end = new Date(Date.UTC(monday.year, monday.month - 1, monday.day + 6));
  const day = (date: Date) => `${date.getUTCDate()} ${monthNames[date.getUTCMonth()]}`;
  const startYear = start.getUTCFullYear() === end.getUTCFullYear() ? '' : ` ${start.getUTCFullYear()}`;
  return `${day(start)}${startYear} – ${day(end)} ${end.getUTCFullYear()}`;
}

function clip(text: string, length: number): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > length ? `${single.slice(0, length - 1)}…` : single;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const roundAll = (hours: Record<ReportVerdict, number>) => ({ async: round2(hours.async), trim: round2(hours.trim), keep: round2(hours.keep) });
