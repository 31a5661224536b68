import ICAL from 'ical.js';
import type { Invite } from '../../core/invite.js';
import type { CalendarMeeting, TimeRange } from '../calendar-source.js';
import { readIcsEvents, timeWithOffset, timezoneIdOf, type IcsEvent, type IcsProblem } from './ics-to-invites.js';

/**
 * The meetings of one iCalendar text that start inside a time range, for the weekly report:
 * recurring events are expanded (RRULE, RDATE, EXDATE and RECURRENCE-ID overrides), and what the
 * report must not count is skipped: events the user declined, cancelled ones, all-day events and
 * events with nobody but the user. Pure (ical.js only), like `icsToInvites`.
 */

export interface IcsMeetingsResult {
  meetings: CalendarMeeting[];
  /** Events that could not be read (see `icsToInvites`); the rest are still returned. */
  problems: IcsProblem[];
  /** How many occurrences in the range were left out, by reason (for logs and tests). */
  skipped: Record<SkipReason, number>;
  /** VEVENTs read into invites (before the range and the skips). */
  eventCount: number;
}

export type SkipReason = 'declined' | 'cancelled' | 'allDay' | 'alone';

/** A pathological rule (FREQ=SECONDLY since 1990) must not spin forever. */
const maxOccurrencesPerSeries = 50_000;
const dayMs = 24 * 60 * 60 * 1000;

export function icsToMeetings(text: string, range: TimeRange, userEmail?: string): IcsMeetingsResult {
  const { events, problems } = readIcsEvents(text);
  const user = (userEmail ?? calendarOwner(events))?.trim().toLowerCase() || undefined;
  const skipped: Record<SkipReason, number> = { declined: 0, cancelled: 0, allDay: 0, alone: 0 };
  const startMs = range.start.getTime();
  const endMs = range.end.getTime();
  const inRange = (ms: number) => ms >= startMs && ms < endMs;

  const candidates: Array<{ event: IcsEvent; invite: Invite; seriesId?: string }> = [];
  const overridesByUid = new Map<string, IcsEvent[]>();
  const masters: IcsEvent[] = [];
  for (const event of events) {
    const uid = uidOf(event.component);
    if (uid && event.component.hasProperty('recurrence-id')) {
      overridesByUid.set(uid, [...(overridesByUid.get(uid) ?? []), event]);
    } else {
      masters.push(event);
    }
  }
  const recurringUids = new Set<string>();
  for (const master of masters) {
    const uid = uidOf(master.component);
    const recurring = isRecurring(master.component);
    if (!recurring) {
      if (inRange(Date.parse(master.invite.start))) candidates.push({ event: master, invite: master.invite });
      continue;
    }
    if (uid) recurringUids.add(uid);
    const overridden = new Set((overridesByUid.get(uid ?? '') ?? []).map((override) => recurrenceIdMs(override.component)));
    let expanded: ReturnType<typeof expand>;
    try {
      expanded = expand(master, startMs, endMs);
    } catch (error) {
      problems.push({ message: `VEVENT "${master.invite.subject.slice(0, 60)}": recurrence could not be expanded (${error instanceof Error ? error.message.slice(0, 120) : 'unknown error'})` });
      continue;
    }
    if (expanded.gaveUp) {
      problems.push({ message: `VEVENT "${master.invite.subject.slice(0, 60)}": more than ${maxOccurrencesPerSeries} occurrences before the range; not expanded` });
    }
    for (const occurrence of expanded.occurrences) {
      if (overridden.has(occurrence.recurrenceMs)) continue; // the override stands in for it
      candidates.push({ event: master, invite: occurrence.invite, seriesId: uid });
    }
  }
  // Overrides are counted where they now start, which may be outside their original slot.
  for (const [uid, overrides] of overridesByUid) {
    const master = masters.find((each) => uidOf(each.component) === uid);
    for (const override of overrides) {
      if (!inRange(Date.parse(override.invite.start))) continue;
      const invite = master && recurringUids.has(uid) ? { ...override.invite, recurrence: master.invite.recurrence ?? null } : override.invite;
      candidates.push({ event: override, invite, seriesId: uid });
    }
  }

  const meetings: CalendarMeeting[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const reason = skipReason(candidate.event.component, candidate.invite, user);
    if (reason) {
      skipped[reason] += 1;
      continue;
    }
    const key = `${candidate.invite.id ?? ''}|${candidate.invite.start}|${candidate.invite.subject}`;
    if (seen.has(key)) continue; // the same event exported twice (concatenated calendars)
    seen.add(key);
    meetings.push(candidate.seriesId ? { invite: candidate.invite, seriesId: candidate.seriesId } : { invite: candidate.invite });
  }
  meetings.sort((a, b) => Date.parse(a.invite.start) - Date.parse(b.invite.start) || a.invite.subject.localeCompare(b.invite.subject));
  return { meetings, problems, skipped, eventCount: events.length };
}

/** The occurrences of a recurring master whose start lies in [startMs, endMs). */
function expand(master: IcsEvent, startMs: number, endMs: number): { occurrences: Array<{ invite: Invite; recurrenceMs: number }>; gaveUp: boolean } {
  const occurrences: Array<{ invite: Invite; recurrenceMs: number }> = [];
  const tzid = timezoneIdOf(master.component, 'dtstart');
  const uid = uidOf(master.component);
  let iterator: ICAL.RecurExpansion;
  try {
    iterator = new ICAL.Event(master.component).iterator();
  } catch {
    return { occurrences, gaveUp: false }; // an unreadable rule: it cannot be placed in time
  }
  for (let count = 0; ; count++) {
    if (count === maxOccurrencesPerSeries) return { occurrences, gaveUp: true };
    let value: unknown;
    try {
      value = iterator.next();
    } catch {
      break;
    }
    if (!value) break;
    // An RDATE may be a PERIOD (start/end or start/duration): it starts at its start.
    const next = value instanceof ICAL.Period ? value.start : value;
    if (!(next instanceof ICAL.Time)) continue;
    const periodMinutes = value instanceof ICAL.Period ? Math.round(value.getDuration().toSeconds() / 60) : undefined;
    // The wall clock read as UTC is within a day of the instant: cheap pre-filter before offsets.
    const roughMs = next.toUnixTime() * 1000;
    if (roughMs < startMs - dayMs) continue;
    if (roughMs >= endMs + dayMs) break;
    const start = timeWithOffset(next, tzid);
    const instant = Date.parse(start);
    if (instant < startMs || instant >= endMs) continue;
    const id = uid ? `${uid}#${next.toICALString()}` : undefined;
    const durationMinutes = periodMinutes !== undefined && periodMinutes >= 0 ? periodMinutes : master.invite.durationMinutes;
    occurrences.push({ invite: { ...master.invite, start, durationMinutes, ...(id ? { id } : {}) }, recurrenceMs: instant });
  }
  return { occurrences, gaveUp: false };
}

function skipReason(component: ICAL.Component, invite: Invite, user: string | undefined): SkipReason | undefined {
  if (isCancelled(component)) return 'cancelled';
  if (isAllDay(component)) return 'allDay';
  if (user && ownStatus(component, user) === 'DECLINED') return 'declined';
  const people = new Set(
    [invite.organizer?.email, ...invite.attendees.filter((attendee) => attendee.type !== 'resource').map((attendee) => attendee.email)]
      .filter((email): email is string => Boolean(email))
      .map((email) => email.toLowerCase()),
  );
  if (user) people.delete(user);
  else if (people.size === 1) people.clear(); // whose calendar is unknown: one person is the user
  return people.size === 0 ? 'alone' : undefined;
}

function isCancelled(component: ICAL.Component): boolean {
  const status = component.getFirstPropertyValue('status');
  if (typeof status === 'string' && status.toUpperCase() === 'CANCELLED') return true;
  const method = component.parent?.getFirstPropertyValue('method');
  return typeof method === 'string' && method.toUpperCase() === 'CANCEL';
}

function isAllDay(component: ICAL.Component): boolean {
  const property = component.getFirstProperty('dtstart');
  if (!property) return false;
  if (String(property.getParameter('value') ?? '').toUpperCase() === 'DATE') return true;
  const raw: unknown = property.jCal[3];
  return typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}(T::)?$/.test(raw);
}

/** The user's own PARTSTAT on their ATTENDEE line (ACCEPTED, DECLINED, TENTATIVE, NEEDS-ACTION). */
function ownStatus(component: ICAL.Component, user: string): string | undefined {
  for (const property of component.getAllProperties('attendee')) {
    const value = property.getFirstValue();
    const email = typeof value === 'string' ? value.replace(/^mailto:/i, '').trim().toLowerCase() : '';
    const parameterEmail = String(property.getParameter('email') ?? '').toLowerCase();
    if (email === user || parameterEmail === user) return String(property.getParameter('partstat') ?? '').toUpperCase() || undefined;
  }
  return undefined;
}

function isRecurring(component: ICAL.Component): boolean {
  return component.hasProperty('rrule') || component.hasProperty('rdate');
}

function uidOf(component: ICAL.Component): string | undefined {
  const uid = component.getFirstPropertyValue('uid');
  return typeof uid === 'string' && uid.trim() !== '' ? uid : undefined;
}

function recurrenceIdMs(component: ICAL.Component): number {
  const value = component.getFirstPropertyValue('recurrence-id');
  if (!(value instanceof ICAL.Time)) return Number.NaN;
  return Date.parse(timeWithOffset(value, timezoneIdOf(component, 'recurrence-id')));
}

/** Google writes the owner's address as the calendar's name (X-WR-CALNAME) in its exports. */
function calendarOwner(events: IcsEvent[]): string | undefined {
  const calendar = events[0]?.component.parent;
  const name = calendar?.getFirstPropertyValue('x-wr-calname');
  return typeof name === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(name.trim()) ? name.trim() : undefined;
}
