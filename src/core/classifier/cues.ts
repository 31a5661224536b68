import { CueMatcher } from './cue-matcher.js';
import { meetingLexicons } from './lexicon.js';

/**
 * What a meeting is for: every meeting cue the classifier knows, found in one pass. Sensitivity
 * has its own detector (src/core/sensitivity), which reads the whole invite once.
 */

export type CueConcept = keyof typeof meetingLexicons;

export const cues = new CueMatcher<CueConcept>(meetingLexicons);
