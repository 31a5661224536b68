import { withoutMailPrefixes } from '../../../src/core/text/invite-text.js';

describe('withoutMailPrefixes', () => {
  it.each([
    ['Updated: Integration Test Team Meeting', 'Integration Test Team Meeting'],
    ['FW: RE: Budget review', 'Budget review'],
    ['Canceled: Weekly sync', 'Weekly sync'],
    ['AW: Jour fixe', 'Jour fixe'],
  ])('reads “%s” as “%s”', (subject, expected) => {
    expect(withoutMailPrefixes(subject)).toBe(expected);
  });

  it('keeps a subject that is only a prefix', () => {
    expect(withoutMailPrefixes('Updated:')).toBe('Updated:');
  });
});
