import { classifyInvite } from '../../src/core/classifier/embedded-classifier.js';
import { countPeople } from '../../src/core/cost.js';
import { parseInvite } from '../../src/core/invite.js';
import { isGroupAddress } from '../../src/core/people.js';

const allHands = (attendees: { name?: string; email: string; type?: 'required' | 'group' }[], attendeeCount?: number) =>
  parseInvite({
    subject: 'Q3 all-hands',
    body: 'Each department head shares the quarter\'s results and the priorities for Q4. Slides and the recording will be shared afterwards.',
    organizer: { name: 'CEO', email: 'ceo@acme.example.com' },
    attendees,
    ...(attendeeCount ? { attendeeCount } : {}),
    start: '2025-06-02T10:00:00+01:00',
    durationMinutes: 60,
  });

describe('group attendees', () => {
  it.each([
    [{ name: 'All Staff', email: 'allstaff@acme.example.com' }],
    [{ email: 'all-staff@acme.example.com' }],
    [{ email: 'dl-sales@acme.example.com' }],
    [{ email: 'team@acme.example.com' }],
    [{ name: 'Engineering', email: 'eng@acme.example.com', type: 'group' as const }],
  ])('%j is a group, not a person', (attendee) => {
    expect(isGroupAddress({ type: 'required', ...attendee })).toBe(true);
  });

  it.each([[{ name: 'Tim Allen', email: 'tallen@acme.example.com' }], [{ name: 'Stacey', email: 'stacey.white@acme.example.com' }]])('%j is a person', (attendee) => {
    expect(isGroupAddress({ type: 'required', ...attendee })).toBe(false);
  });

  it('makes an all-hands sent to one list no 1:1, and says the headcount is unknown', () => {
    const verdict = classifyInvite(allHands([{ name: 'All Staff', email: 'all-staff@acme.example.com' }]));
    expect(verdict.reasons.join(' ')).not.toMatch(/1:1/);
    expect(verdict.reasons.join(' ')).toMatch(/distribution list .*headcount unknown/);
  });

  it('costs a list from attendeeCount when the source knows it', () => {
    const invite = allHands([{ name: 'All Staff', email: 'all-staff@acme.example.com' }], 240);
    expect(countPeople(invite)).toBe(241);
    expect(classifyInvite(invite).cost.personHours).toBe(241);
  });

  it('still treats two known people as a 1:1', () => {
    const verdict = classifyInvite(allHands([{ name: 'Dana Lee', email: 'dana@acme.example.com' }]));
    expect(verdict.verdict).toBe('keep');
    expect(verdict.reasons[0]).toMatch(/1:1/);
  });
});
