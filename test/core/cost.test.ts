import { countPeople, meetingCost, occurrencesPerMonth } from '../../src/core/cost.js';
import { parseInvite } from '../../src/core/invite.js';

const base = {
  subject: 'Ops review',
  start: '2025-06-02T10:00:00+01:00',
  durationMinutes: 45,
  organizer: { email: 'lead@acme.example.com' },
  attendees: [
    { email: 'a@acme.example.com', type: 'required' },
    { email: 'LEAD@acme.example.com', type: 'required' },
    { email: 'b@acme.example.com', type: 'optional' },
    { email: 'room-3@acme.example.com', type: 'resource' },
  ],
};

describe('meeting cost', () => {
  it('counts the organiser once and leaves rooms out', () => {
    expect(countPeople(parseInvite(base))).toBe(3);
  });

  it('uses attendeeCount when the list is partial', () => {
    expect(countPeople(parseInvite({ ...base, attendeeCount: 40 }))).toBe(41);
  });

  it('multiplies people, minutes and the hourly rate', () => {
    const cost = meetingCost(parseInvite(base), { hourlyRate: 100, currency: 'EUR' });
    expect(cost).toEqual({ attendees: 3, minutes: 45, personHours: 2.25, amount: 225, currency: 'EUR' });
  });

  it('adds a monthly figure for a weekly series', () => {
    const cost = meetingCost(parseInvite({ ...base, recurrence: 'weekly' }), { hourlyRate: 100, currency: 'EUR' });
    expect(cost.perMonth).toEqual({ occurrences: 4.33, personHours: 9.75, amount: 975 });
  });

  it.each([
    ['daily', 21.67],
    ['biweekly', 2.17],
    ['monthly', 1],
    ['FREQ=WEEKLY;BYDAY=MO,WE', 8.67],
    ['FREQ=MONTHLY;INTERVAL=3', 0.33],
    ['FREQ=YEARLY', 0.08],
  ])('knows how often %s happens in a month', (recurrence, expected) => {
    expect(occurrencesPerMonth(recurrence)).toBeCloseTo(expected, 2);
  });

  it('treats a one-off as no monthly cost', () => {
    expect(occurrencesPerMonth(null)).toBe(0);
    expect(meetingCost(parseInvite(base)).perMonth).toBeUndefined();
  });
});

describe('counting people on long and short lists', () => {
  const listOf = (count: number) =>
    Array.from({ length: count }, (_, index) => ({ email: index % 10 === 0 ? '' : `Person${index % (count >> 1)}@example.com ` }));
  it('counts each address once and each attendee without one apart, however long the list', () => {
    for (const count of [8, 32, 40, 100]) {
      const attendees = listOf(count);
      const addresses = new Set(attendees.filter((a) => a.email).map((a) => a.email.trim().toLowerCase()));
      const unaddressed = attendees.filter((a) => !a.email).length;
      expect(countPeople(parseInvite({ ...base, attendees }))).toBe(addresses.size + unaddressed + 1);
    }
  });
});
