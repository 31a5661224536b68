import type { CalendarAccount } from '../calendars/calendar-source.js';

/**
 * The seam between composing a report (collect -> judge -> rank -> render) and delivering it
 * (claim the week, mail it, record the outcome, schedule, fan out). Delivery code depends on
 * `ComposeReport` only, so the scheduler and the pg-boss workers can be tested on their own.
 */

export interface ReportRecipient {
  email: string;
  name?: string;
  /** IANA zone: the week's boundaries and the times shown are in it. */
  timeZone: string;
  calendar: CalendarAccount;
}

export interface ReportLinks {
  settingsUrl: string;
  /** Signed, works without login (RFC 8058 one-click: the same URL takes a POST). */
  unsubscribeUrl: string;
}

export interface ReportRequest {
  recipient: ReportRecipient;
  /** ISO week such as 2026-W49, in the recipient's time zone. */
  isoWeek: string;
  links: ReportLinks;
}

export interface ReportSummary {
  meetings: number;
  meetingHours: number;
  asyncMeetings: number;
  trimMeetings: number;
  /** Person-hours the async and trim verdicts would give back. */
  personHoursBack: number;
  costBack: { amount: number; currency: string };
  /** Judge calls made vs distinct series (a recurring series is judged once). */
  judgeCalls: number;
  /** The recipient's own hours in the week's meetings, by verdict (sensitive meetings count as keep). */
  hoursByVerdict: { async: number; trim: number; keep: number };
  /** The recipient's own hours the async and trim verdicts would give back (the headline figure). */
  hoursBack: number;
  /** Recurring series among the week's meetings (each judged once). */
  recurringSeries: number;
}

export interface RenderedReport {
  subject: string;
  html: string;
  text: string;
  summary: ReportSummary;
}

export type ComposeReport = (request: ReportRequest, options?: { signal?: AbortSignal }) => Promise<RenderedReport>;
