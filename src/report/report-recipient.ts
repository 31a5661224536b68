import { z } from 'zod';
import type { CalendarAccount } from '../calendars/calendar-source.js';
import type { StoredUser } from '../store/store.js';
import { isTimeZone } from '../store/user-settings.js';
import type { ReportRecipient } from './weekly-report.js';

/** A stored user as the composer's recipient; a user without an address or a calendar cannot get a report. */

export const calendarAccountSchema = z.union([
  z.strictObject({ ics: z.string().trim().min(1, 'must not be empty') }),
  z.strictObject({ graph: z.string().trim().min(1, 'must not be empty') }),
  z.strictObject({ google: z.string().trim().min(1, 'must not be empty') }),
], { error: 'expected exactly one of {"ics": …}, {"graph": …} or {"google": …}' });

/** The user's data cannot make a report (no address, no calendar): retrying will not help. */
export class RecipientError extends Error {
  override readonly name = 'RecipientError';
}

export function recipientOf(user: StoredUser): ReportRecipient {
  const who = `${user.tenantId}/${user.userId}`;
  if (!user.email) throw new RecipientError(`user ${who} has no e-mail address`);
  const calendar = calendarAccountSchema.safeParse(user.calendar);
  if (!calendar.success) throw new RecipientError(`user ${who} has no calendar to read (expected {"ics"}, {"graph"} or {"google"})`);
  if (!isTimeZone(user.timeZone)) throw new RecipientError(`user ${who} has an unknown time zone "${user.timeZone}"`);
  return { email: user.email, ...(user.name ? { name: user.name } : {}), timeZone: user.timeZone, calendar: calendar.data as CalendarAccount };
}
