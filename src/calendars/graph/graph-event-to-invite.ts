import { InvalidInviteError, type Attendee, type Invite, type Recurrence } from '../../core/invite.js';

/**
 * Microsoft Graph event JSON (what `calendarView` returns for our `$select`) → `Invite`, and the
 * report's skip rules in Graph's terms. Pure; the JSON types here are ours, not the SDK's.
 */

export interface GraphEmailAddress {
  name?: string | null;
  address?: string | null;
}

export interface GraphEvent {
  id?: string;
  subject?: string | null;
  body?: { contentType?: string; content?: string | null } | null;
  bodyPreview?: string | null;
  start?: { dateTime?: string; timeZone?: string } | null;
  end?: { dateTime?: string; timeZone?: string } | null;
  attendees?: Array<{ type?: string; emailAddress?: GraphEmailAddress | null; status?: { response?: string } | null }> | null;
  organizer?: { emailAddress?: GraphEmailAddress | null } | null;
  isAllDay?: boolean | null;
  isCancelled?: boolean | null;
  isOrganizer?: boolean | null;
  responseStatus?: { response?: string } | null;
  seriesMasterId?: string | null;
  type?: string | null;
  isOnlineMeeting?: boolean | null;
  location?: { displayName?: string | null } | null;
}

/** `recurrence.pattern` of a series master. */
export interface GraphRecurrencePattern {
  type?: string;
  interval?: number;
  daysOfWeek?: string[];
  dayOfMonth?: number;
  index?: string;
  month?: number;
}

/** The `$select` this mapping needs (and nothing more: fewer bytes per page). */
export const graphEventFields = [
  'subject',
  'body',
  'start',
  'end',
  'attendees',
  'organizer',
  'isAllDay',
  'isCancelled',
  'isOrganizer',
  'responseStatus',
  'seriesMasterId',
  'type',
  'isOnlineMeeting',
  'location',
] as const;

export type GraphSkipReason = 'declined' | 'cancelled' | 'allDay' | 'alone';

/** Throws `InvalidInviteError` naming the field when the event cannot be an Invite. */
export function graphEventToInvite(event: GraphEvent, recurrence: Recurrence | null = null): Invite {
  const start = graphDateTime(event.start, 'start');
  const end = graphDateTime(event.end, 'end');
  const organizer = person(event.organizer?.emailAddress);
  const seen = new Set<string>(organizer ? [organizer.email.toLowerCase()] : []);
  const attendees: Attendee[] = [];
  for (const attendee of event.attendees ?? []) {
    const who = person(attendee.emailAddress);
    if (!who || seen.has(who.email.toLowerCase())) continue;
    seen.add(who.email.toLowerCase());
    attendees.push({ ...who, type: attendee.type === 'optional' ? 'optional' : attendee.type === 'resource' ? 'resource' : 'required' });
  }
  const durationMinutes = Math.max(0, Math.round((end.epochMs - start.epochMs) / 60_000));
  if (durationMinutes > maxDurationMinutes) throw new InvalidInviteError('durationMinutes', 'longer than a month');
  // Built field by field to the Invite schema (times checked above) rather than through zod:
  // a report run maps tens of thousands of events and the schema check was most of the cost.
  const invite: Invite = {
    subject: event.subject ?? '',
    body: event.body?.content ?? event.bodyPreview ?? '',
    attendees,
    start: start.iso,
    durationMinutes,
    recurrence: event.seriesMasterId || event.type === 'occurrence' || event.type === 'exception' ? recurrence : null,
    source: 'graph',
  };
  if (event.id) invite.id = event.id;
  if (organizer) invite.organizer = organizer;
  const location = event.location?.displayName?.trim();
  if (location) invite.location = location;
  if (typeof event.isOnlineMeeting === 'boolean') invite.isOnline = event.isOnlineMeeting;
  return invite;
}

const maxDurationMinutes = 60 * 24 * 31;

/**
 * Why the report leaves an event out, if it does. `userEmail` is the mailbox's address when
 * known; without it, `isOrganizer` still tells whether the organizer is the user.
 */
export function graphSkipReason(event: GraphEvent, invite: Invite, userEmail?: string): GraphSkipReason | undefined {
  if (event.isCancelled) return 'cancelled';
  if (event.isAllDay) return 'allDay';
  if (event.responseStatus?.response === 'declined') return 'declined';
  const people = new Set(
    [invite.organizer?.email, ...invite.attendees.filter((attendee) => attendee.type !== 'resource').map((attendee) => attendee.email)]
      .filter((email): email is string => Boolean(email))
      .map((email) => email.toLowerCase()),
  );
  if (userEmail) people.delete(userEmail.toLowerCase());
  if (event.isOrganizer && invite.organizer) people.delete(invite.organizer.email.toLowerCase());
  return people.size === 0 ? 'alone' : undefined;
}

const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const dayCodes: Record<string, string> = { sunday: 'SU', monday: 'MO', tuesday: 'TU', wednesday: 'WE', thursday: 'TH', friday: 'FR', saturday: 'SA' };

/** A series master's pattern as an Invite recurrence: a name when it means one meeting per period, else an RRULE. */
export function graphPatternToRecurrence(pattern: GraphRecurrencePattern | undefined | null): Recurrence | null {
  if (!pattern?.type) return null;
  const interval = pattern.interval && pattern.interval > 0 ? pattern.interval : 1;
  const days = (pattern.daysOfWeek ?? []).map((day) => day.toLowerCase());
  const onWeekdays = days.length === 5 && weekdays.every((day) => days.includes(day));
  switch (pattern.type) {
    case 'daily':
      if (interval === 1) return 'daily';
      return `FREQ=DAILY;INTERVAL=${interval}`;
    case 'weekly':
      if (interval === 1 && onWeekdays) return 'daily';
      if (days.length <= 1 && interval === 1) return 'weekly';
      if (days.length <= 1 && interval === 2) return 'biweekly';
      return `FREQ=WEEKLY;INTERVAL=${interval}${days.length ? `;BYDAY=${days.map((day) => dayCodes[day] ?? day.slice(0, 2).toUpperCase()).join(',')}` : ''}`;
    case 'absoluteMonthly':
    case 'relativeMonthly':
      return interval === 1 ? 'monthly' : `FREQ=MONTHLY;INTERVAL=${interval}`;
    case 'absoluteYearly':
    case 'relativeYearly':
      return `FREQ=YEARLY;INTERVAL=${interval}`;
    default:
      return null;
  }
}

/**
 * When the master cannot be read (deleted, no permission), guess from the occurrences in the
 * range: several in one week is a daily meeting, one is weekly at most.
 */
export function guessRecurrence(occurrencesInRange: number): Recurrence {
  return occurrencesInRange >= 3 ? 'daily' : 'weekly';
}

function person(address: GraphEmailAddress | null | undefined): { name?: string; email: string } | undefined {
  const name = address?.name?.trim() || undefined;
  const email = address?.address?.trim() || name;
  if (!email) return undefined;
  return name ? { name, email } : { email };
}

/**
 * Graph writes `{ dateTime: "2026-06-02T09:00:00.0000000", timeZone: "UTC" }` (we ask for UTC
 * with `Prefer: outlook.timezone`). An IANA zone is also read, through Intl.
 */
function graphDateTime(value: GraphEvent['start'], field: 'start' | 'end'): { iso: string; epochMs: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/.exec(value?.dateTime ?? '');
  if (!match) return invalid(field, `expected a Graph dateTime, got ${JSON.stringify(value?.dateTime ?? null)}`);
  const [year, month, day, hour, minute, second = 0] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part))) as number[];
  const wall = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6] ?? '00'}`;
  // Checked by hand (this runs for every event of every user): 30 February is not a date.
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysInMonth(year!, month!) || hour! > 23 || minute! > 59 || second > 59) {
    return invalid(field, `not a real date-time: ${wall}`);
  }
  const zone = value?.timeZone ?? 'UTC';
  const offsetMinutes = zone === 'UTC' || zone === 'Etc/UTC' || zone === 'GMT' ? 0 : zoneOffsetMinutes(zone, wall);
  if (offsetMinutes === undefined) return invalid(field, `unknown time zone ${JSON.stringify(zone)} (ask for UTC)`);
  const epochMs = Date.UTC(year!, month! - 1, day!, hour!, minute!, second) - offsetMinutes * 60_000;
  return { iso: offsetMinutes === 0 ? `${wall}Z` : `${wall}${formatOffset(offsetMinutes)}`, epochMs };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function invalid(field: string, problem: string): never {
  throw new InvalidInviteError(field, problem);
}

function zoneOffsetMinutes(zone: string, wall: string): number | undefined {
  try {
    const formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    const asUtc = Date.parse(`${wall}Z`);
    const offsetAt = (instant: number) => {
      const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
      const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
      return Math.round((local - instant) / 60_000);
    };
    return offsetAt(asUtc - offsetAt(asUtc) * 60_000);
  } catch {
    return undefined;
  }
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}
