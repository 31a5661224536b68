/**
 * Whether a character is a letter or a digit in any script (Unicode L or N), without a regular
 * expression per character: the answer for each UTF-16 code unit is looked up once and kept.
 */

const letterOrDigit = /[\p{L}\p{N}]/u;
/** Per code unit: 0 not looked up yet, 1 a letter or digit, 2 neither. */
const known = new Uint8Array(0x10000);

/** `codePoint` is a letter or a digit (a lone surrogate is neither). */
export function isLetterOrDigit(codePoint: number): boolean {
  if (codePoint < 128) return (codePoint >= 97 && codePoint <= 122) || (codePoint >= 48 && codePoint <= 57) || (codePoint >= 65 && codePoint <= 90);
  if (codePoint > 0xffff) return letterOrDigit.test(String.fromCodePoint(codePoint));
  let answer = known[codePoint]!;
  if (answer === 0) {
    answer = letterOrDigit.test(String.fromCharCode(codePoint)) ? 1 : 2;
    known[codePoint] = answer;
  }
  return answer === 1;
}

/**
 * The character at `index` of `text` is a letter or digit. Surrogate halves say nothing alone: a
 * high half is judged with its pair (emoji are not letters), a low half is never a letter.
 */
export function isLetterOrDigitAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdfff ? isLetterOrDigit(text.codePointAt(index)!) : isLetterOrDigit(code);
}

/** Letters and digits only, lower case, one space between runs: what `/[^\p{L}\p{N}]+/gu → " "` and a trim leave. */
export function lettersAndDigits(text: string): string {
  const lower = text.toLowerCase();
  let out = '';
  let runStart = -1;
  for (let index = 0; index < lower.length; ) {
    const codePoint = lower.codePointAt(index)!;
    if (isLetterOrDigit(codePoint)) {
      if (runStart < 0) runStart = index;
    } else if (runStart >= 0) {
      out += out === '' ? lower.slice(runStart, index) : ` ${lower.slice(runStart, index)}`;
      runStart = -1;
    }
    index += codePoint > 0xffff ? 2 : 1;
  }
  if (runStart >= 0) out += out === '' ? lower.slice(runStart) : ` ${lower.slice(runStart)}`;
  return out;
}
