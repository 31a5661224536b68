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

describe('isGroupAddress without the group-word pre-check', () => {
  // The definition as it was, with its pre-check: the answer must not change for any attendee.
  const groupLocalPart = /^(?:all|everyone|staff|team|teams|dl|list|lists|group|groups|dept|department|announce(?:ments)?)(?:$|[-._])|[-._](?:all|everyone|staff|team|list|dl|group|dept)$/i;
  const groupName = /\b(?:all[- ](?:staff|hands|employees|company|team)|everyone|distribution list|mailing list|dl|staff|team|department|group)\b/i;
  const groupWords = /all|every|staff|team|dl|list|group|dept|depart|announce|mailing|hands|employees|company/i;
  const before = (attendee: { email: string; name?: string; type?: string }) => {
    if (attendee.type === 'group') return true;
    if (!groupWords.test(attendee.email) && !(attendee.name && groupWords.test(attendee.name))) return false;
    const local = attendee.email.slice(0, Math.max(0, attendee.email.indexOf('@')));
    return groupLocalPart.test(local) || (attendee.name !== undefined && groupName.test(attendee.name));
  };

  const locals = ['all', 'ALL-staff', 'everyone', 'team', 'teams', 'dl', 'list', 'lists', 'group', 'dept', 'department', 'announce', 'announcements', 'sales-all', 'eng.team', 'x_dl', 'allen', 'stacey', 'dlee', 'teamlead', 'listen', '', 'a.b'];
  const domains = ['acme.com', 'team.acme.com', 'all-staff.org', 'lists.example.org'];
  const names = [undefined, '', 'All Staff', 'all-hands', 'Everyone', 'Distribution List', 'Mailing list', 'DL', 'Staff', 'The Team', 'Department', 'Group', 'Tim Allen', 'Stacey White', 'Teammate', 'Grouper'];
  const attendees = locals.flatMap((local) =>
    domains.flatMap((domain) => names.map((name) => ({ email: local === '' ? domain : `${local}@${domain}`, ...(name === undefined ? {} : { name }), type: 'required' as const }))),
  );

  it('answers as the definition with the pre-check did, for every address and name', () => {
    const disagreements = attendees.filter((attendee) => isGroupAddress(attendee) !== before(attendee));
    expect(disagreements).toEqual([]);
    // Both answers occur, so the comparison can see a difference.
    expect(attendees.some((attendee) => isGroupAddress(attendee))).toBe(true);
    expect(attendees.some((attendee) => !isGroupAddress(attendee))).toBe(true);
  });
});
