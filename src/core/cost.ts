import type { Invite, Recurrence } from './invite.js';
import { groupFlags } from './people.js';
import type { MeetingCost } from './verdict.js';

/**
 * What a meeting costs: people × minutes × hourly rate, and for a recurring series what it costs
 * in an average month. People are counted once each (the organiser too, even when also listed as
 * an attendee); rooms and equipment are not people.
 */

export interface CostOptions {
  hourlyRate: number;
  currency: string;
}

export const defaultCostOptions: CostOptions = { hourlyRate: 75, currency: 'USD' };

/**
 * Distinct people in the meeting, organiser included. Rooms are not people, and a distribution
 * list is not one person: it is counted through `attendeeCount` when the source knows the size.
 */
export function countPeople(invite: Pick<Invite, 'organizer' | 'attendees' | 'attendeeCount'>): number {
  const organizerEmail = invite.organizer?.email.trim().toLowerCase();
  const groups = groupFlags(invite.attendees);
  // Most lists are short: each address is compared with the ones before it rather than hashed
  // (a set is built only for a long list, where comparing with all before it would add up).
  const listed: string[] = [];
  const seen = invite.attendees.length > 32 ? new Set<string>() : undefined;
  const { attendees } = invite;
  for (let index = 0; index < attendees.length; index++) {
    const attendee = attendees[index]!;
    if (attendee.type === 'resource' || groups[index]) continue;
    const email = attendee.email.trim().toLowerCase();
    if (email === organizerEmail) continue;
    // An attendee without an address is someone else: a key of its own, as a set would hold it.
    const key = email || `#${listed.length}`;
    if (seen ? seen.has(key) : listed.includes(key)) continue;
    listed.push(key);
    seen?.add(key);
  }
  // attendeeCount is given when the list is partial: it counts invitees, like the list does.
  const invitees = Math.max(listed.length, invite.attendeeCount ?? 0);
  return invitees + (invite.organizer ? 1 : 0);
}

const weekdaysPerMonth = (52 * 5) / 12;
const weeksPerMonth = 52 / 12;

/** Average occurrences of a series in a month; 0 for a one-off. */
export function occurrencesPerMonth(recurrence: Recurrence | null | undefined): number {
  if (!recurrence) return 0;
  switch (recurrence) {
    case 'daily':
      return weekdaysPerMonth;
    case 'weekly':
      return weeksPerMonth;
    case 'biweekly':
      return weeksPerMonth / 2;
    case 'monthly':
      return 1;
    default:
      return occurrencesFromRrule(recurrence);
  }
}

function occurrencesFromRrule(rrule: string): number {
  const parts = new Map(
    rrule
      .replace(/^RRULE:/i, '')
      .split(';')
      .map((part) => part.split('=') as [string, string])
      .map(([key, value]) => [key.toUpperCase(), value ?? ''] as const),
  );
  const interval = Math.max(1, Number(parts.get('INTERVAL') ?? 1) || 1);
  const byDayCount = (parts.get('BYDAY') ?? '').split(',').filter(Boolean).length;
  switch (parts.get('FREQ')?.toUpperCase()) {
    case 'DAILY':
      return (byDayCount > 0 ? weeksPerMonth * byDayCount : 365 / 12) / interval;
    case 'WEEKLY':
      return (weeksPerMonth * Math.max(1, byDayCount)) / interval;
    case 'MONTHLY':
      return Math.max(1, byDayCount) / interval;
    case 'YEARLY':
      return 1 / 12 / interval;
    default:
      return 0;
  }
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export function meetingCost(invite: Invite, options: CostOptions = defaultCostOptions): MeetingCost {
  const attendees = countPeople(invite);
  const personHours = (attendees * invite.durationMinutes) / 60;
  const cost: MeetingCost = {
    attendees,
    minutes: invite.durationMinutes,
    personHours: round2(personHours),
    amount: round2(personHours * options.hourlyRate),
    currency: options.currency,
  };
  const perMonth = occurrencesPerMonth(invite.recurrence);
  if (perMonth > 0) {
    cost.perMonth = {
      occurrences: round2(perMonth),
      personHours: round2(personHours * perMonth),
      amount: round2(personHours * perMonth * options.hourlyRate),
    };
  }
  return cost;
}
