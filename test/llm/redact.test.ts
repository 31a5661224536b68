import { redact } from '../../src/llm/redact.js';

describe('redact', () => {
  it.each([
    ['an e-mail address', 'Mail jo.bloggs@depot.example.com today', 'Mail [email] today'],
    ['a phone number', 'Call +44 20 7946 0198 now', 'Call [phone] now'],
    ['a US number with dashes', 'Dial 713-853-6197 for the bridge', 'Dial [phone] for the bridge'],
    ['a passcode', 'Passcode: 664102', 'Passcode: [code]'],
    ['a letters-and-digits passcode after a meeting id', 'Meeting ID: 876 5432 1098 Passcode: Ab12Cd', 'Meeting ID: [code] Passcode: [code]'],
    ['a French password', 'Mot de passe : 9xY7Q', 'Mot de passe : [code]'],
    ['a German password', 'Passwort: abc123', 'Passwort: [code]'],
    ['a PIN', 'PIN 312 664 085#', 'PIN [code]'],
    ['a link with a token', 'See https://example.zoom.us/j/975?pwd=abc123 please', 'See [link: example.zoom.us] please'],
    ['a link written without its scheme', 'Join at example.zoom.us/j/975?pwd=Zk9SeCrEt now', 'Join at [link: example.zoom.us] now'],
  ])('removes %s', (_what, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    'Budget of $1,250,000 for 2026',
    'Go-live on 2025-06-02 at 10:00',
    'Room 3.14, 38 calendar days, 12,000 customers',
    'Ideas for the Q3 roadmap and identity provider; pinpoint the gaps.',
    'Code review of PR 12345 and the pin factory tour',
    'Password reset process for the new portal',
  ])('keeps ordinary text intact: “%s”', (text) => {
    expect(redact(text)).toBe(text);
  });
});
