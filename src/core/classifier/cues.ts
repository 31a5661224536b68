import { CueMatcher } from './cue-matcher.js';
import { meetingLexicons } from './lexicon.js';
import { rehearsalLexicon, sensitiveLexicons, sensitiveMatches, type SensitiveCategory, type SensitiveMatch } from '../sensitivity/sensitivity-lexicon.js';

/** What a meeting is for and what makes it sensitive: every cue the classifier knows, found in one pass. */

export type CueConcept = keyof typeof meetingLexicons | SensitiveCategory | 'rehearsal';

export const cues = new CueMatcher<CueConcept>({ ...meetingLexicons, ...sensitiveLexicons, rehearsal: rehearsalLexicon });

/** Every sensitive category the text shows, in a fixed order, with its first evidence. */
export function findSensitive(text: string): SensitiveMatch[] {
  return sensitiveMatches(cues.scan(text).hits);
}
