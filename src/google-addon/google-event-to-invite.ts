import type { calendar_v3 } from 'googleapis/build/src/apis/calendar/index.js';
import type { Attendee, Invite, InviteInput } from '../core/invite.js';
import { parseInvite } from '../core/invite.js';
import type { CalendarEventObject } from './event-object.js';
import type { KnownFacts } from './verdict-card.js';

/**
 * Calendar data as an `Invite`: a saved event read through the Calendar API (everything), or an
 * event being created as the add-on's event object shows it (people, series, call; no text, no
 * times). Both pure.
 */

/** A Calendar API event resource (events.get) as an Invite. `seriesRule` is the master's RRULE for an occurrence. */
export function googleEventToInvite(event: calendar_v3.Schema$Event, options: { seriesRule?: string | null } = {}): Invite {
  const start = event.start?.dateTime ?? (event.start?.date ? `${event.start.date}T00:00:00Z` : undefined);
  const end = event.end?.dateTime ?? (event.end?.date ? `${event.end.date}T00:00:00Z` : undefined);
  const durationMinutes = start && end ? Math.max(0, Math.round((Date.parse(end) - Date.parse(start)) / 60_000)) : 0;
  const attendees: Attendee[] = (event.attendees ?? [])
    .filter((attendee) => attendee.email && attendee.responseStatus !== 'declined')
    .map((attendee) => ({
      email: attendee.email!,
      ...(attendee.displayName ? { name: attendee.displayName } : {}),
      type: attendee.resource ? 'resource' : attendee.optional ? 'optional' : 'required',
    }));
  const rule = (event.recurrence ?? []).find((line) => /^RRULE:/i.test(line)) ?? options.seriesRule ?? null;
  const input: InviteInput = {
    id: event.id ?? undefined,
    subject: event.summary ?? '',
    body: event.description ?? '',
    ...(event.organizer?.email ? { organizer: { email: event.organizer.email, ...(event.organizer.displayName ? { name: event.organizer.displayName } : {}) } } : {}),
    attendees,
    // Google lists only the viewer when the guest list is hidden from them.
    ...(event.attendeesOmitted ? { attendeeCount: Math.max(attendees.length, 1) } : {}),
    start: start ?? new Date(0).toISOString(),
    durationMinutes,
    recurrence: rule,
    isOnline: Boolean(event.hangoutLink || event.conferenceData),
    ...(event.location ? { location: event.location } : {}),
    source: 'google-calendar',
  };
  return parseInvite(input);
}

/**
 * An event still being created, judged on what the add-on may see. The times are unknown: the
 * invite says one hour, and the card says the cost is per hour rather than pretending.
 */
export function eventObjectToInvite(calendar: CalendarEventObject | undefined, now: Date, pasted: { title?: string; agenda?: string; minutes?: number } = {}): { invite: Invite; facts: KnownFacts } {
  const attendeesVisible = calendar?.capabilities?.canSeeAttendees !== false && calendar?.attendees !== undefined;
  const organizerEmail = calendar?.organizer?.email?.toLowerCase();
  const attendees: Attendee[] = (calendar?.attendees ?? [])
    .filter((attendee) => attendee.email && attendee.email.toLowerCase() !== organizerEmail)
    .map((attendee) => ({ email: attendee.email!, ...(attendee.displayName ? { name: attendee.displayName } : {}), type: attendee.resource ? 'resource' : attendee.optional ? 'optional' : 'required' }));
  const recurring = Boolean(calendar?.recurringEventId);
  const conference = Boolean(calendar?.conferenceData?.conferenceId || calendar?.conferenceData?.entryPoints?.length);
  const invite = parseInvite({
    subject: pasted.title ?? '',
    body: pasted.agenda ?? '',
    ...(organizerEmail ? { organizer: { email: organizerEmail } } : {}),
    attendees,
    start: now.toISOString(),
    durationMinutes: pasted.minutes ?? 60,
    // The event object says "part of a series", not how often: weekly is the common case.
    recurrence: recurring ? 'weekly' : null,
    isOnline: conference,
    source: 'google-addon',
  });
  return { invite, facts: { attendees: attendeesVisible ? attendees.filter((attendee) => attendee.type !== 'resource').length : undefined, attendeesVisible, recurring, conference, pasted: Boolean(pasted.title || pasted.agenda) } };
}
