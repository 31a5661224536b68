import type { AgendaKind } from '../verdict.js';
import { decisionCue, discussionCue, informationCue, nothingLiveCue, relationshipCue } from './lexicon.js';
import { findSensitive } from './sensitivity.js';

/**
 * The kind of one agenda item or sentence. Order matters: a sensitive matter outranks everything;
 * an organiser's own tag ("– for info", "Decide:") outranks the words around it; a decision
 * outranks a discussion, which outranks a status word ("discuss the KPIs" is a discussion).
 */

/** "– info", "(FYI)", "for information", "zur Info" written at the end of an item. */
const taggedAsInformation = /(?:[-–—(:]\s*|\b)(?:info|fyi|for info(?:rmation)?|for noting|zur info|pour info|informativo|ter info(?:rmatie)?|per informazione)\)?\s*\.?$/iu;
/** "Decide:", "DECISION:", "ACTION: approve", "VOTE:", "For approval:" written at the start. */
const taggedAsDecision = /^(?:key\s+)?(?:decide|decision|action|vote|proposal|proposed|for approval|for agreement|for decision|entscheidung|décision|decisión|decisão|besluit|decisione)\b/iu;

export interface ItemReading {
  kind: AgendaKind;
  /** The words that decided the kind, for reasons. */
  cue?: string;
}

export function classifyItem(text: string): ItemReading {
  const sensitive = findSensitive(text)[0];
  if (sensitive) return { kind: 'sensitive', cue: sensitive.evidence };
  if (taggedAsDecision.test(text)) return { kind: 'decision', cue: text.split(/[:\s]/)[0] };
  const nothingLive = nothingLiveCue.exec(text);
  if (nothingLive) return { kind: 'info', cue: nothingLive[0] };
  if (taggedAsInformation.test(text)) return { kind: 'info', cue: 'marked for information' };
  const decision = decisionCue.exec(text);
  if (decision) return { kind: 'decision', cue: decision[0] };
  const discussion = discussionCue.exec(text);
  if (discussion) return { kind: 'discussion', cue: discussion[0] };
  const information = informationCue.exec(text);
  if (information) return { kind: 'info', cue: information[0] };
  const relationship = relationshipCue.exec(text);
  if (relationship) return { kind: 'social', cue: relationship[0] };
  return { kind: 'other' };
}
