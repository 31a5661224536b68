/**
 * Which of the supported languages an invite is written in, so that what we write back (the async
 * thread, the pre-read) reads in the invite's own language. It runs on every draft, so it is a
 * single cheap pass: a declared language wins, Japanese is told by its script, and the others by
 * counting a dozen common words each. Anything unclear is English.
 */

export const supportedLanguages = ['en', 'es', 'de', 'fr', 'pt', 'nl', 'it', 'ja'] as const;
export type SupportedLanguage = (typeof supportedLanguages)[number];

const supported = new Set<string>(supportedLanguages);

/** Enough text to tell the language; the rest of a long body only costs time. */
const sampleCharacters = 4000;
/** Fewer hits than this is too little text to tell: English. */
const minimumHits = 2;

type LatinLanguage = Exclude<SupportedLanguage, 'ja'>;

/**
 * A dozen frequent words per language, chosen to overlap little: words two of them share ("de",
 * "que", "para", "is", "das", "da") are left out, so articles and prepositions tell Spanish from
 * Portuguese ("el/los" against "os/ao") and Dutch from German ("het/een" against "der/und").
 */
const stopwords: Record<LatinLanguage, string[]> = {
  en: ['the', 'and', 'of', 'to', 'are', 'with', 'for', 'this', 'will', 'please', 'our', 'you'],
  es: ['el', 'los', 'las', 'y', 'del', 'una', 'esta', 'sus', 'más', 'hay', 'reunión', 'gracias'],
  de: ['der', 'die', 'und', 'ist', 'nicht', 'mit', 'für', 'wir', 'eine', 'den', 'bitte', 'auf'],
  fr: ['le', 'les', 'des', 'et', 'est', 'pour', 'avec', 'une', 'nous', 'sur', 'dans', 'vous'],
  pt: ['os', 'dos', 'ao', 'aos', 'não', 'com', 'em', 'uma', 'na', 'são', 'é', 'também'],
  nl: ['het', 'een', 'van', 'voor', 'niet', 'met', 'op', 'zijn', 'dat', 'ook', 'graag', 'deze'],
  it: ['il', 'di', 'che', 'della', 'per', 'gli', 'sono', 'questa', 'alla', 'dei', 'nel', 'delle'],
};

/** Letters that only one of the languages uses: each word holding one is a hit for it. */
const distinctiveLetters: Array<[RegExp, LatinLanguage]> = [
  [/[ñ¿¡]/, 'es'],
  [/[ßäöü]/, 'de'],
  [/[ãõ]/, 'pt'],
];

const languageOfWord = new Map<string, LatinLanguage>();
for (const [language, words] of Object.entries(stopwords) as Array<[LatinLanguage, string[]]>) {
  for (const word of words) languageOfWord.set(word, language);
}

/** "pt-BR" → "pt"; undefined when the code names no supported language. */
export function supportedLanguageOf(code: string | undefined): SupportedLanguage | undefined {
  if (!code) return undefined;
  const primary = code.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return supported.has(primary) ? (primary as SupportedLanguage) : undefined;
}

export function detectLanguage(text: string, declared?: string): SupportedLanguage {
  const fromDeclared = supportedLanguageOf(declared);
  if (fromDeclared) return fromDeclared;

  const sample = text.length > sampleCharacters ? text.slice(0, sampleCharacters) : text;
  if (isMostlyJapanese(sample)) return 'ja';

  const scores: Record<LatinLanguage, number> = { en: 0, es: 0, de: 0, fr: 0, pt: 0, nl: 0, it: 0 };
  for (const word of sample.toLowerCase().match(/\p{L}+/gu) ?? []) {
    const language = languageOfWord.get(word);
    if (language) scores[language]++;
    else if (word.length > 2) {
      for (const [letters, language] of distinctiveLetters) if (letters.test(word)) scores[language]++;
    }
  }

  let best: LatinLanguage = 'en';
  let bestScore = 0;
  let tied = false;
  for (const [language, score] of Object.entries(scores) as Array<[LatinLanguage, number]>) {
    if (score > bestScore) {
      best = language;
      bestScore = score;
      tied = false;
    } else if (score === bestScore) tied = true;
  }
  return bestScore < minimumHits || tied ? 'en' : best;
}

/**
 * Kana or kanji outweigh Latin letters. A Japanese word takes two or three characters where an
 * English one takes five or six letters, so one Japanese character counts as three letters: the
 * pasted English of a Teams footer or a product name does not tip a Japanese invite into English,
 * and a Japanese name in an English invite does not tip it into Japanese.
 */
function isMostlyJapanese(text: string): boolean {
  let japanese = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (
      (code >= 0x3040 && code <= 0x30ff) || // hiragana, katakana
      (code >= 0x4e00 && code <= 0x9fff) || // common kanji
      (code >= 0xff66 && code <= 0xff9d) // half-width katakana
    ) {
      japanese++;
    } else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x24f)) {
      latin++;
    }
  }
  return japanese >= 2 && japanese * 3 >= latin;
}
