import { CueMatcher } from '../classifier/cue-matcher.js';
import { rehearsalLexicon, sensitiveLexicons, sensitiveMatches, type SensitiveCategory, type SensitiveMatch } from './sensitivity-lexicon.js';

/**
 * The sensitivity detector, on its own: it reads the subject and the whole body (logistics lines
 * included: "postponed due to a national tragedy" is a logistics line and the only clue) with its
 * own matcher, so a miss in the meeting cues cannot hide a sensitive meeting. Every judge's guard
 * uses it: sensitive = detector OR the judge's own flag. It is built for recall; a false flag only
 * costs a challenge we did not make.
 */

const matcher = new CueMatcher<SensitiveCategory | 'rehearsal'>({ ...sensitiveLexicons, rehearsal: rehearsalLexicon });

export function detectSensitivity(subject: string, body: string): SensitiveMatch[] {
  return sensitiveMatches(matcher.scan(`${subject}\n${body}`).hits);
}
