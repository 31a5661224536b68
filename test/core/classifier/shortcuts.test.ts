import { classifyItem } from '../../../src/core/classifier/classify-item.js';
import { groupThousands } from '../../../src/core/classifier/embedded-classifier.js';
import { hasNonLatinScript } from '../../../src/core/classifier/invite-features.js';
import { externalAttendees } from '../../../src/core/people.js';

/** The fast paths of the judge must give what the plain definitions give. */

describe('classifyItem reads a "for info" tag from the lower-cased text', () => {
  it.each([
    ['Plant: decide the vendor – for info'],
    ['İzmir plant: decide the vendor – for info'],
    ['ΣΟΦΙΑ plant: decide the vendor – for info'],
  ])('%j is marked for information, whatever lower-casing does to its length', (text) => {
    expect(classifyItem(text)).toMatchObject({ kind: 'info', cue: 'marked for information' });
  });
});

describe('hasNonLatinScript', () => {
  const script = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u;

  it('agrees with the script pattern on every character of the basic plane', () => {
    const disagreements: number[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const character = String.fromCharCode(code);
      if (hasNonLatinScript(character) !== script.test(character)) disagreements.push(code);
    }
    expect(disagreements).toEqual([]);
  });

  it.each([['Plain English – “quoted” • ok → ✓', false], ['Встреча команды', true], ['emoji 📅 only', false], ['会議', true]])('%j: %s', (text, expected) => {
    expect(hasNonLatinScript(text)).toBe(expected);
  });
});

describe('groupThousands', () => {
  it.each([0, 7, 999, -999, 1000, -1000, 12345, 1234567, 0.12345, 999.5, NaN])('groups %d as the pattern does', (value) => {
    expect(groupThousands(value)).toBe(String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  });
});

describe('externalAttendees', () => {
  const invite = (emails: string[]) => ({
    organizer: { email: 'ana@mail.acme.example.com' },
    attendees: emails.map((email) => ({ email, type: 'required' as const })),
  });

  it('takes addresses at the organiser\'s own domain as home, and works the others out', () => {
    expect(externalAttendees(invite(['bo@mail.acme.example.com', 'cy@ACME.example.com', 'di@eu.acme.example.com', 'ed@partner.example.org']))).toEqual([
      'partner.example.org',
    ]);
  });
});
