import { z } from 'zod';

/**
 * An `Invite` is what every source (Outlook draft, Google event, Graph/Google/ICS week, JSON) is
 * normalised into before it is judged. Shape: DESIGN.md "Contracts".
 */

/** ISO 8601 date-time with an explicit offset (or Z): the only unambiguous instant. */
const isoDateTimeWithOffset = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
    'expected an ISO 8601 date-time with an offset, e.g. 2025-06-02T10:00:00+01:00',
  )
  .refine(isRealDateTime, 'not a real date-time');

/** Date.parse rolls 2025-02-30 over to 2 March: check the calendar fields survive the round trip. */
function isRealDateTime(value: string): boolean {
  // Every value the pattern accepts has the layout: its digits are read in place, no strings cut.
  if (hasDateTimeLayout(value)) {
    return isRealCalendarTime(digitsAt(value, 0, 4), digitsAt(value, 5, 7), digitsAt(value, 8, 10), digitsAt(value, 11, 13), digitsAt(value, 14, 16));
  }
  // Any other text is cut and converted as `Number` does it, for the same answer.
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [hour, minute] = value.slice(11, 16).split(':').map(Number) as [number, number];
  return isRealCalendarTime(year, month, day, hour, minute);
}

function isRealCalendarTime(year: number, month: number, day: number, hour: number, minute: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60;
}

/** "YYYY-MM-DD?HH:MM": digits with "-", "-" and ":" where the pattern puts them. */
function hasDateTimeLayout(value: string): boolean {
  if (value.length < 16) return false;
  for (let at = 0; at < 16; at++) {
    const code = value.charCodeAt(at);
    if (at === 4 || at === 7) {
      if (code !== 45) return false; // "-"
    } else if (at === 13) {
      if (code !== 58) return false; // ":"
    } else if (at !== 10 && (code < 48 || code > 57)) return false;
  }
  return true;
}

/** The decimal number written by the digits from `from` up to `to`. */
function digitsAt(value: string, from: number, to: number): number {
  let number = 0;
  for (let at = from; at < to; at++) number = number * 10 + value.charCodeAt(at) - 48;
  return number;
}

/** `group`: a distribution list or a calendar group (iCalendar CUTYPE=GROUP): many people behind one address. */
export const attendeeTypes = ['required', 'optional', 'resource', 'group'] as const;
export type AttendeeType = (typeof attendeeTypes)[number];

export const personSchema = z.object({
  name: z.string().optional(),
  email: z.string(),
});

export const attendeeSchema = personSchema.extend({
  type: z.enum(attendeeTypes).default('required'),
});

export const namedRecurrences = ['daily', 'weekly', 'biweekly', 'monthly'] as const;
export type NamedRecurrence = (typeof namedRecurrences)[number];

export const recurrenceSchema = z
  .union([z.enum(namedRecurrences), z.string().regex(/^(RRULE:)?FREQ=/i, 'expected daily|weekly|biweekly|monthly or an RRULE')])
  .nullable();

export const inviteSchema = z.object({
  id: z.string().optional(),
  subject: z.string(),
  body: z.string().default(''),
  organizer: personSchema.optional(),
  attendees: z.array(attendeeSchema).default([]),
  attendeeCount: z.number().int().nonnegative().optional(),
  start: isoDateTimeWithOffset,
  durationMinutes: z.number().nonnegative().max(60 * 24 * 31, 'longer than a month'),
  recurrence: recurrenceSchema.optional(),
  isOnline: z.boolean().optional(),
  location: z.string().optional(),
  language: z.string().optional(),
  source: z.string().optional(),
});

/** An invite after validation: defaults applied. */
export type Invite = z.infer<typeof inviteSchema>;
/** What callers may hand in: `body` and `attendees` may be left out. */
export type InviteInput = z.input<typeof inviteSchema>;
export type Attendee = Invite['attendees'][number];
export type Recurrence = NonNullable<Invite['recurrence']>;

/** A field-level problem in an invite, with the path to the field ("attendees.2.email"). */
export class InvalidInviteError extends Error {
  override readonly name = 'InvalidInviteError';
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(field ? `field "${field}": ${problem}` : problem);
  }
}

/** Validates unknown data as an Invite, or throws an InvalidInviteError naming the first bad field. */
export function parseInvite(data: unknown): Invite {
  const result = inviteSchema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue ? issue.path.join('.') : '';
  const problem = issue ? describeIssue(issue, data) : 'invalid invite';
  throw new InvalidInviteError(field, problem);
}

/** A schema issue in words: a missing field says "is required" rather than zod's type message. */
export function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  if (issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined) return 'is required';
  return issue.message;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
