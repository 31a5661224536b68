import { CueMatcher } from '../classifier/cue-matcher.js';
import { RecentlyRead } from '../recently-read.js';
import type { InviteText } from '../text/invite-text.js';
import { rehearsalLexicon, sensitiveLexicons, sensitiveMatches, type SensitiveCategory, type SensitiveMatch } from './sensitivity-lexicon.js';

/**
 * The sensitivity detector, on its own: it reads the subject and the whole body (logistics lines
 * included: "postponed due to a national tragedy" is a logistics line and the only clue) with its
 * own matcher, so a miss in the meeting cues cannot hide a sensitive meeting. Every judge's guard
 * uses it: sensitive = detector OR the judge's own flag. It is built for recall; a false flag only
 * costs a challenge we did not make.
 */

const matcher = new CueMatcher<SensitiveCategory | 'rehearsal'>({ ...sensitiveLexicons, rehearsal: rehearsalLexicon });

export interface SensitivityReading {
  /** Each sensitive category found, in a fixed order, with its first evidence. */
  matches: SensitiveMatch[];
  /** Every sensitive phrase found, lower case: to tell which agenda items carry them. */
  evidence: string[];
}

export function readSensitivity(subject: string, body: string): SensitivityReading {
  const hits = matcher.scan(`${subject}\n${body}`).hits;
  const matches = sensitiveMatches(hits);
  const counted = new Set(matches.map((match) => match.category));
  const evidence = hits.filter((hit) => hit.concept !== 'rehearsal' && counted.has(hit.concept)).map((hit) => hit.text.toLowerCase());
  return { matches, evidence };
}

const readings = new RecentlyRead<InviteText, SensitivityReading>(16);

/** The sensitivity of an invite's text, read once however many judges and guards ask. */
export function sensitivityOf(text: InviteText): SensitivityReading {
  return readings.get(text, () => readSensitivity(text.subject, text.fullBody));
}

export function detectSensitivity(subject: string, body: string): SensitiveMatch[] {
  return readSensitivity(subject, body).matches;
}
