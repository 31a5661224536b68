import type { Invite } from '../core/invite.js';

/**
 * Where the weekly report reads a user's past meetings. One adapter per vendor (graph/, google/,
 * ics/) behind this interface; each hands back plain `Invite`s and never leaks its SDK's types.
 */

/** A user's calendar, as `users import` records it (DESIGN.md). */
export type CalendarAccount = { ics: string } | { graph: string } | { google: string };

/** Half-open: meetings starting at or after `start` and before `end`. */
export interface TimeRange {
  start: Date;
  end: Date;
}

export interface CalendarMeeting {
  invite: Invite;
  /**
   * The series this occurrence belongs to (Graph `seriesMasterId`, Google `recurringEventId`, ICS
   * UID of an expanded RRULE), so that the report judges a recurring series once.
   */
  seriesId?: string;
}

export interface CalendarSource {
  /**
   * The meetings the user attended in `range`, in start order. Skipped at the source: declined
   * and cancelled meetings, all-day events, and events with nobody but the user.
   */
  meetings(account: CalendarAccount, range: TimeRange, options?: MeetingsOptions): Promise<CalendarMeeting[]>;
}

export interface MeetingsOptions {
  signal?: AbortSignal;
  /**
   * The calendar owner's address, to find their own ATTENDEE line (declined?) and to tell
   * "nobody but the user". An ICS feed does not say whose it is; Graph and Google know it.
   */
  userEmail?: string;
}

/** The calendar could not be read (bad credentials, unknown mailbox, malformed feed): one line, no secrets. */
export class CalendarError extends Error {
  override readonly name = 'CalendarError';
  /** True when trying again later may work (throttled past our retries, a 5xx, a timeout). */
  readonly isRetryable: boolean;
  constructor(message: string, details: { isRetryable?: boolean; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.isRetryable = details.isRetryable ?? false;
  }
}
