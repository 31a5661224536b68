import { InvalidInviteError, parseInvite, type Attendee, type Invite, type InviteInput, type NamedRecurrence, type Recurrence } from '../../core/invite.js';

/**
 * Google Calendar event JSON (`events.list` with `singleEvents=true`, partial response) →
 * `Invite`, and the report's skip rules in Google's terms. Pure; the types are ours.
 */

export interface GoogleEventPerson {
  email?: string | null;
  displayName?: string | null;
  self?: boolean | null;
  optional?: boolean | null;
  resource?: boolean | null;
  organizer?: boolean | null;
  responseStatus?: string | null;
}

export interface GoogleEvent {
  id?: string | null;
  status?: string | null;
  summary?: string | null;
  description?: string | null;
  location?: string | null;
  start?: { dateTime?: string | null; date?: string | null; timeZone?: string | null } | null;
  end?: { dateTime?: string | null; date?: string | null; timeZone?: string | null } | null;
  attendees?: GoogleEventPerson[] | null;
  organizer?: GoogleEventPerson | null;
  recurringEventId?: string | null;
  hangoutLink?: string | null;
  conferenceData?: { entryPoints?: Array<{ uri?: string | null }> | null } | null;
  eventType?: string | null;
}

/** The `fields=` partial response: only what the mapping reads. */
export const googleEventListFields =
  'nextPageToken,items(id,status,summary,description,location,start,end,recurringEventId,hangoutLink,eventType,' +
  'conferenceData(entryPoints(uri)),organizer(email,displayName,self),attendees(email,displayName,self,optional,resource,organizer,responseStatus))';

export type GoogleSkipReason = 'declined' | 'cancelled' | 'allDay' | 'alone';

/** Not meetings, though they sit in the calendar. */
const personalEventTypes = new Set(['focusTime', 'outOfOffice', 'workingLocation']);

export function googleEventToInvite(event: GoogleEvent, recurrence: Recurrence | null = null): Invite {
  const start = instant(event.start?.dateTime, 'start');
  const end = instant(event.end?.dateTime, 'end');
  const organizer = person(event.organizer);
  const seen = new Set<string>(organizer ? [organizer.email.toLowerCase()] : []);
  const attendees: Attendee[] = [];
  for (const attendee of event.attendees ?? []) {
    const who = person(attendee);
    if (!who || seen.has(who.email.toLowerCase())) continue;
    seen.add(who.email.toLowerCase());
    attendees.push({ ...who, type: attendee.resource ? 'resource' : attendee.optional ? 'optional' : 'required' });
  }
  const input: InviteInput = {
    subject: event.summary ?? '',
    body: event.description ?? '',
    attendees,
    start: start.iso,
    durationMinutes: Math.max(0, Math.round((end.epochMs - start.epochMs) / 60_000)),
    recurrence: event.recurringEventId ? recurrence : null,
    source: 'google',
  };
  if (event.id) input.id = event.id;
  if (organizer) input.organizer = organizer;
  if (event.location?.trim()) input.location = event.location.trim();
  if (event.hangoutLink || event.conferenceData?.entryPoints?.some((entry) => entry.uri)) input.isOnline = true;
  return parseInvite(input);
}

export function googleSkipReason(event: GoogleEvent, userEmail?: string): GoogleSkipReason | undefined {
  if (event.status === 'cancelled') return 'cancelled';
  if (event.start?.date && !event.start.dateTime) return 'allDay';
  const user = userEmail?.toLowerCase();
  const own = (event.attendees ?? []).find((attendee) => attendee.self || (user && attendee.email?.toLowerCase() === user));
  if (own?.responseStatus === 'declined') return 'declined';
  if (event.eventType && personalEventTypes.has(event.eventType)) return 'alone';
  const people = new Set<string>();
  if (event.organizer?.email && !event.organizer.self) people.add(event.organizer.email.toLowerCase());
  for (const attendee of event.attendees ?? []) {
    if (!attendee.email || attendee.self || attendee.resource) continue;
    people.add(attendee.email.toLowerCase());
  }
  if (user) people.delete(user);
  return people.size === 0 ? 'alone' : undefined;
}

/** A master's `recurrence` lines (`RRULE:FREQ=WEEKLY;BYDAY=MO`) as an Invite recurrence. */
export function googleRecurrenceToInvite(lines: string[] | null | undefined): Recurrence | null {
  const rule = (lines ?? []).find((line) => /^RRULE:/i.test(line));
  if (!rule) return null;
  const text = rule.replace(/^RRULE:/i, '');
  return namedRule(text) ?? text;
}

const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR'];

function namedRule(rule: string): NamedRecurrence | undefined {
  const parts = new Map(rule.split(';').map((part) => part.split('=') as [string, string]).map(([key, value]) => [key.toUpperCase(), value ?? '']));
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'COUNT', 'UNTIL', 'WKST']);
  if ([...parts.keys()].some((key) => !known.has(key))) return undefined;
  const interval = Number(parts.get('INTERVAL') ?? 1) || 1;
  const byDay = parts.get('BYDAY') ? parts.get('BYDAY')!.split(',') : [];
  const byMonthDay = parts.get('BYMONTHDAY') ? parts.get('BYMONTHDAY')!.split(',') : [];
  const onWeekdays = byDay.length === 5 && weekdays.every((day) => byDay.includes(day));
  const frequency = parts.get('FREQ')?.toUpperCase();
  if (frequency === 'DAILY' && interval === 1 && byMonthDay.length === 0 && (byDay.length === 0 || onWeekdays)) return 'daily';
  if (frequency === 'WEEKLY' && interval === 1 && onWeekdays) return 'daily';
  if (frequency === 'WEEKLY' && byDay.length <= 1 && byMonthDay.length === 0) {
    if (interval === 1) return 'weekly';
    if (interval === 2) return 'biweekly';
  }
  if (frequency === 'MONTHLY' && interval === 1 && byDay.length <= 1 && byMonthDay.length <= 1) return 'monthly';
  return undefined;
}

function person(value: GoogleEventPerson | null | undefined): { name?: string; email: string } | undefined {
  const name = value?.displayName?.trim() || undefined;
  const email = value?.email?.trim() || name;
  if (!email) return undefined;
  return name ? { name, email } : { email };
}

/** RFC 3339 as Google writes it: "2026-06-02T10:00:00+02:00" or "…Z". */
function instant(value: string | null | undefined, field: 'start' | 'end'): { iso: string; epochMs: number } {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(value ?? '');
  const epochMs = match ? Date.parse(value!) : Number.NaN;
  if (!match || Number.isNaN(epochMs)) throw new InvalidInviteError(field, `expected an RFC 3339 date-time, got ${JSON.stringify(value ?? null)}`);
  return { iso: `${match[1]}${match[3]}`, epochMs };
}
