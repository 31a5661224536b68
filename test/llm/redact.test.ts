import { redact } from '../../src/llm/redact.js';

describe('redact', () => {
  it.each([
    ['an e-mail address', 'Mail jo.bloggs@depot.example.com today', 'Mail [email] today'],
    ['a phone number', 'Call +44 20 7946 0198 now', 'Call [phone] now'],
    ['a US number with dashes', 'Dial 713-853-6197 for the bridge', 'Dial [phone] for the bridge'],
    ['a passcode', 'Passcode: 664102', 'Passcode: [code]'],
    ['a meeting id', 'Meeting ID: 975 3318 2040', 'Meeting ID: [code]'],
    ['a link with a token', 'See https://example.zoom.us/j/975?pwd=abc123 please', 'See [link: example.zoom.us] please'],
  ])('removes %s', (_what, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    'Budget of $1,250,000 for 2026',
    'Go-live on 2025-06-02 at 10:00',
    'Room 3.14, 38 calendar days, 12,000 customers',
  ])('keeps amounts and dates in “%s”', (text) => {
    expect(redact(text)).toBe(text);
  });
});
