/// <reference types="office-js" />
import { parseInvite, type Attendee, type Invite, type Recurrence } from '../../core/invite.js';

type Person = NonNullable<Invite['organizer']>;

/**
 * Reads the appointment being organised (compose mode) into an `Invite`. Browser-safe: used by the
 * task pane and by the launch-event handlers (classic Outlook on Windows JavaScript-only runtime).
 *
 * Result shape: `{ invite, unreadFields }`. Every field is read independently; a field whose read
 * fails (AsyncResultStatus.Failed, API missing on this client, or a throw) degrades to a neutral
 * value and its name is listed in `unreadFields`:
 *   subject → '', body → '', requiredAttendees / optionalAttendees → [], start → now,
 *   end → 30 minutes, recurrence → omitted, location → omitted, organizer → options.organizerEmail.
 * Callers decide whether a partial read is good enough (the send handler treats a missing
 * start/attendees read as "don't block").
 */
export interface DraftRead {
  invite: Invite;
  unreadFields: DraftField[];
}

export type DraftField = 'subject' | 'body' | 'requiredAttendees' | 'optionalAttendees' | 'start' | 'end' | 'recurrence' | 'location' | 'organizer';

export interface ReadDraftOptions {
  /** The mailbox owner's address, used when the organizer cannot be read and to de-duplicate. */
  organizerEmail?: string;
}

/** A failed Office async call, naming the field it was reading. */
export class OfficeReadError extends Error {
  override readonly name = 'OfficeReadError';
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`Could not read the appointment's ${field}: ${detail}`);
  }
}

type Callback<T> = (result: Office.AsyncResult<T>) => void;

/** Promisifies one Office callback API; rejects with an OfficeReadError naming `field`. */
export function officeAsync<T>(field: string, call: (callback: Callback<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      call((result) => {
        if (!result || String(result.status) === 'failed') {
          reject(new OfficeReadError(field, result?.error?.message ?? 'no result'));
        } else {
          resolve(result.value);
        }
      });
    } catch (error) {
      reject(new OfficeReadError(field, error instanceof Error ? error.message : String(error)));
    }
  });
}

const htmlCoercion = 'html' as Office.CoercionType; // Office.CoercionType.Html, without needing the global

export async function readDraftInvite(item: Office.AppointmentCompose, options: ReadDraftOptions = {}): Promise<DraftRead> {
  const unreadFields: DraftField[] = [];
  const read = <T>(field: DraftField, call: (callback: Callback<T>) => void): Promise<T | undefined> =>
    officeAsync(field, call).catch(() => {
      unreadFields.push(field);
      return undefined;
    });

  const [subject, body, required, optional, start, end, recurrence, location, organizer] = await Promise.all([
    read<string>('subject', (cb) => item.subject.getAsync(cb)),
    read<string>('body', (cb) => item.body.getAsync(htmlCoercion, cb)),
    read<Office.EmailAddressDetails[]>('requiredAttendees', (cb) => item.requiredAttendees.getAsync(cb)),
    read<Office.EmailAddressDetails[]>('optionalAttendees', (cb) => item.optionalAttendees.getAsync(cb)),
    read<Date>('start', (cb) => item.start.getAsync(cb)),
    read<Date>('end', (cb) => item.end.getAsync(cb)),
    read<Office.Recurrence | null>('recurrence', (cb) => item.recurrence.getAsync(cb)),
    read<string>('location', (cb) => item.location.getAsync(cb)),
    read<Office.EmailAddressDetails>('organizer', (cb) => item.organizer.getAsync(cb)),
  ]);

  const organizerPerson = toPerson(organizer) ?? (options.organizerEmail ? { email: options.organizerEmail } : undefined);
  const organizerEmails = new Set([organizerPerson?.email, options.organizerEmail].filter((e): e is string => !!e).map((e) => e.toLowerCase()));
  // Classic Outlook on Windows lists the organizer as a required attendee: count them once.
  const attendees = [...toAttendees(required, 'required'), ...toAttendees(optional, 'optional')].filter(
    (attendee) => !organizerEmails.has(attendee.email.toLowerCase()),
  );

  const startDate = validDate(start) ?? new Date();
  if (start !== undefined && !validDate(start) && !unreadFields.includes('start')) unreadFields.push('start');
  const endDate = validDate(end);
  if (end !== undefined && !endDate && !unreadFields.includes('end')) unreadFields.push('end');
  const durationMinutes = endDate ? Math.max(0, Math.round((endDate.getTime() - startDate.getTime()) / 60_000)) : 30;

  const html = typeof body === 'string' ? body : '';
  const invite = parseInvite({
    subject: typeof subject === 'string' ? subject : '',
    body: html,
    ...(organizerPerson ? { organizer: organizerPerson } : {}),
    attendees,
    start: toIsoWithOffset(startDate),
    durationMinutes: Math.min(durationMinutes, 60 * 24 * 31),
    ...(recurrence !== undefined ? { recurrence: toRecurrence(recurrence) } : {}),
    ...(typeof location === 'string' && location.trim() ? { location: location.trim() } : {}),
    ...(looksOnline(html, typeof location === 'string' ? location : '') ? { isOnline: true } : {}),
    source: 'outlook-draft',
  });
  return { invite, unreadFields };
}

function toPerson(details: Office.EmailAddressDetails | undefined | null): Person | undefined {
  if (!details || typeof details.emailAddress !== 'string' || !details.emailAddress) return undefined;
  return details.displayName && details.displayName !== details.emailAddress
    ? { name: details.displayName, email: details.emailAddress }
    : { email: details.emailAddress };
}

function toAttendees(list: Office.EmailAddressDetails[] | undefined, type: 'required' | 'optional'): Attendee[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((details) => {
    const person = toPerson(details);
    if (!person) return [];
    const recipientType = String(details.recipientType ?? '');
    const isGroup = recipientType === 'distributionList' || recipientType === 'group';
    return [{ ...person, type: isGroup ? 'group' : type }];
  });
}

function validDate(value: unknown): Date | undefined {
  const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** ISO 8601 in the runtime's local offset, e.g. 2026-03-02T10:00:00+01:00 (what Outlook shows the organizer). */
export function toIsoWithOffset(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offset * 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local.toISOString().slice(0, 19)}${sign}${hh}:${mm}`;
}

/** Office recurrence → 'daily' | 'weekly' | 'biweekly' | 'monthly', an RRULE for the rest, null when single. */
export function toRecurrence(recurrence: Office.Recurrence | null | undefined): Recurrence | null {
  if (!recurrence || !recurrence.recurrenceType) return null;
  const interval = Math.max(1, Number(recurrence.recurrenceProperties?.interval ?? 1) || 1);
  const type = String(recurrence.recurrenceType);
  const rule = (freq: string) => (interval === 1 ? `FREQ=${freq}` : `FREQ=${freq};INTERVAL=${interval}`);
  switch (type) {
    case 'daily':
      return interval === 1 ? 'daily' : rule('DAILY');
    case 'weekday':
      return 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR';
    case 'weekly':
      return interval === 1 ? 'weekly' : interval === 2 ? 'biweekly' : rule('WEEKLY');
    case 'monthly':
    case 'relativeMonthly':
      return interval === 1 ? 'monthly' : rule('MONTHLY');
    case 'yearly':
    case 'relativeYearly':
      return rule('YEARLY');
    default:
      return null;
  }
}

const onlineMeetingPattern = /teams\.microsoft\.com\/l\/meetup-join|teams\.live\.com\/meet|Microsoft Teams (meeting|Need help)|zoom\.us\/j\/|meet\.google\.com\//i;

export function looksOnline(body: string, location: string): boolean {
  return onlineMeetingPattern.test(body) || /Microsoft Teams Meeting|Zoom/i.test(location);
}
