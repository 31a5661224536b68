import { isLetterOrDigit, isLetterOrDigitAt, lettersAndDigits } from '../../../src/core/text/letters.js';

const unicodeLetterOrDigit = /[\p{L}\p{N}]/u;

describe('isLetterOrDigit', () => {
  it('agrees with the Unicode letter and number classes on every BMP code unit outside the surrogates', () => {
    const disagreements: number[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      if (isLetterOrDigit(code) !== unicodeLetterOrDigit.test(String.fromCharCode(code))) disagreements.push(code);
    }
    expect(disagreements).toEqual([]);
  });

  it('reads astral code points (letters yes, emoji no) and says no to lone surrogates', () => {
    expect(isLetterOrDigit('𝐀'.codePointAt(0)!)).toBe(true); // MATHEMATICAL BOLD CAPITAL A
    expect(isLetterOrDigit('😀'.codePointAt(0)!)).toBe(false);
    expect(isLetterOrDigit(0xd83d)).toBe(false);
  });
});

describe('isLetterOrDigitAt', () => {
  it('judges a surrogate pair by its code point, from its high half only', () => {
    const text = 'a😀𝐀';
    expect(isLetterOrDigitAt(text, 0)).toBe(true);
    expect(isLetterOrDigitAt(text, 1)).toBe(false); // high half of the emoji
    expect(isLetterOrDigitAt(text, 2)).toBe(false); // low half
    expect(isLetterOrDigitAt(text, 3)).toBe(true); // high half of a letter
    expect(isLetterOrDigitAt(text, 4)).toBe(false); // low half
  });
});

describe('lettersAndDigits', () => {
  const reference = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

  it.each([
    'Weekly Sync — 12 May, 10:00',
    '  ¿Qué tal?  Años 2024/25 ',
    'Réunion d’équipe: résultats T3',
    '週次定例（営業部）',
    'Emoji 😀 between words, 𝐁old letters',
    '',
    '---',
    'İstanbul office',
  ])('leaves what a regular expression would leave: %j', (text) => {
    expect(lettersAndDigits(text)).toBe(reference(text));
  });
});
