import type { AgendaKind } from '../verdict.js';
import type { CueHit } from './cue-matcher.js';
import { cues, type CueConcept } from './cues.js';

/**
 * The kind of one agenda item or sentence. Order matters: a sensitive matter outranks everything;
 * an organiser's own tag ("– for info", "Decide:") outranks the words around it; a decision
 * outranks a discussion, which outranks a status word ("discuss the KPIs" is a discussion).
 */

/** "– info", "(FYI)", "for information", "zur Info" written at the end of an item. */
const taggedAsInformation = /(?:[-–—(:]\s*|\b)(?:info|fyi|for info(?:rmation)?|for noting|zur info|pour info|informativo|ter info(?:rmatie)?|per informazione)\)?\s*\.?$/iu;
/** "Decide:", "DECISION:", "ACTION: approve", "VOTE:", "For approval:" written at the start. */
const taggedAsDecision =
  /^(?:(?:key\s+)?(?:decision|action|proposal|for approval|for agreement|for decision|entscheidung|décision|decisión|decisão|besluit|decisione)\s*[:–—-]|(?:decide|vote|approve|approval of|agree)\b)/iu;

export interface ItemReading {
  kind: AgendaKind;
  /** The words that decided the kind, for reasons. */
  cue?: string;
  /** Every cue found in the item, for the invite-level reading. */
  hits: CueHit<CueConcept>[];
  words: number;
}

/**
 * `sensitiveEvidence`: the sensitive phrases the detector found in the whole invite (lower case);
 * an item that holds one of them is a sensitive item.
 */
export function classifyItem(text: string, sensitiveEvidence: readonly string[] = []): ItemReading {
  const lower = text.toLowerCase();
  const { hits, words } = cues.scanLowerCased(text, lower);

  if (sensitiveEvidence.length > 0) {
    const sensitive = sensitiveEvidence.find((evidence) => lower.includes(evidence));
    if (sensitive) return { kind: 'sensitive', cue: text.substr(lower.indexOf(sensitive), sensitive.length), hits, words };
  }
  if (taggedAsDecision.test(text)) return { kind: 'decision', cue: text.split(/[:\s]/)[0], hits, words };
  const nothingLive = firstCue(hits, 'nothingLive');
  if (nothingLive) return { kind: 'info', cue: nothingLive, hits, words };
  const tail = lowerTail(text, lower);
  const mayBeTagged = tail.includes('info') || tail.includes('fyi') || tail.includes('noting');
  if (mayBeTagged && taggedAsInformation.test(tail)) return { kind: 'info', cue: 'marked for information', hits, words };
  const decision = firstCue(hits, 'decision');
  if (decision) return { kind: 'decision', cue: decision, hits, words };
  const discussion = firstCue(hits, 'discussion');
  if (discussion) return { kind: 'discussion', cue: discussion, hits, words };
  // "No updates at this one" is not an update.
  const information = firstUnnegatedInformation(text, hits);
  if (information) return { kind: 'info', cue: information, hits, words };
  const relationship = firstCue(hits, 'relationship');
  if (relationship) return { kind: 'social', cue: relationship, hits, words };
  return { kind: 'other', cue: undefined, hits, words };
}

/** Where an organiser's "– for info" tag would be written. */
const tailLength = 40;

/**
 * `text.slice(-40).toLowerCase()`, cut from `lower` (no second lower-casing) when lower-casing kept
 * the length: every character but "İ" keeps its length and none shrinks, so the positions line up.
 * The cut loses only the context of a final "Σ" (σ or ς) or half of a surrogate pair, which the
 * tag pattern and the tag words treat alike either way.
 */
function lowerTail(text: string, lower: string): string {
  return lower.length === text.length ? lower.slice(-tailLength) : text.slice(-tailLength).toLowerCase();
}

/** How many pieces are of each kind, counted in one pass. */
export function countKinds(pieces: readonly ItemReading[]): Record<AgendaKind, number> {
  const counts: Record<AgendaKind, number> = { info: 0, decision: 0, discussion: 0, social: 0, sensitive: 0, other: 0 };
  for (const piece of pieces) counts[piece.kind]++;
  return counts;
}

/** The text of the first hit of `concept` (a loop: this runs for every item and sentence). */
function firstCue(hits: readonly CueHit<CueConcept>[], concept: CueConcept): string | undefined {
  for (const hit of hits) if (hit.concept === concept) return hit.text;
  return undefined;
}

/** The text of the first information hit not negated ("no updates"), as `firstCue` does it. */
function firstUnnegatedInformation(text: string, hits: readonly CueHit<CueConcept>[]): string | undefined {
  for (const hit of hits) if (hit.concept === 'information' && !negatedAt(text, hit.index)) return hit.text;
  return undefined;
}

const negation = /(?:^|[^\p{L}])(?:no|not|without|sin|sem|kein|keine|pas de|geen|nessun[oa]?)\s+$/iu;

function negatedAt(text: string, index: number): boolean {
  return negation.test(text.slice(Math.max(0, index - 14), index));
}
