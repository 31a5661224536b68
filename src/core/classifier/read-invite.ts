import { extractAgenda, sentencesOfLines, type AgendaCandidate } from '../agenda/extract-agenda.js';
import type { Invite } from '../invite.js';
import { externalAttendees, groupFlags } from '../people.js';
import { readInviteText, type InviteText } from '../text/invite-text.js';
import type { MeetingCost } from '../verdict.js';
import { classifyItem, countKinds, type ItemReading } from './classify-item.js';
import { cues, type CueConcept } from './cues.js';
import { sensitivityOf } from '../sensitivity/detect-sensitivity.js';
import type { SensitiveMatch } from '../sensitivity/sensitivity-lexicon.js';

/**
 * An invite read once for judging: its cleaned text, the agenda item by item with each item's
 * kind and cues, the prose around it, the subject, and who is invited. The rules and the learned
 * decision stage both work from this reading; nothing is scanned twice.
 */

export interface ReadItem extends AgendaCandidate, ItemReading {}

export interface Reading {
  text: InviteText;
  structured: boolean;
  items: ReadItem[];
  subject: ItemReading;
  /** Sentences around a list (intro, closing words), read the same way as items. */
  prose: ItemReading[];
  people: number;
  externals: string[];
  /** Distribution lists and calendar groups among the attendees: many people behind one address. */
  groups: string[];
  sensitive: SensitiveMatch[];
  /** Sensitive cues found only inside one list item, not in the subject or the prose. */
  sensitiveConfinedToItem: boolean;
  relationship?: string;
  externalCue?: string;
  nothingLive?: string;
  alreadyWritten?: string;
  bodyWords: number;
}

export function readInvite(invite: Invite, cost: MeetingCost): Reading {
  const text = readInviteText(invite);
  const agenda = extractAgenda(text.body);
  const sensitivity = sensitivityOf(text);
  const read = (piece: string) => classifyItem(piece, sensitivity.evidence);
  // Each piece of text is scanned once: the subject, each agenda item, each sentence of prose.
  const subject = read(text.subject);
  const items: ReadItem[] = agenda.items.map((item) => Object.assign(read(item.text), item));
  const prose = sentencesOfLines(agenda.prose).map(read);
  // In prose, "the paper was circulated" prepares the meeting; it is not an item to move.
  if (!agenda.structured && items.some((item) => item.kind === 'decision' || item.kind === 'discussion')) {
    for (const item of items) if (item.kind === 'info' && isPreparationNote(item)) item.kind = 'other';
  }

  // One pass over the body's cues: the first of each kind that the rules quote, and whether two
  // different relationship cues were written.
  let externalCue: string | undefined;
  let nothingLive: string | undefined;
  let alreadyWritten: string | undefined;
  let firstRelationship: string | undefined;
  let firstRelationshipLower = '';
  let relationshipCuesDiffer = false;
  let bodyWords = 0;
  for (const pieces of [items, prose]) {
    for (const piece of pieces) {
      bodyWords += piece.words;
      for (const hit of piece.hits) {
        if (hit.concept === 'external') externalCue ??= hit.text;
        else if (hit.concept === 'nothingLive') nothingLive ??= hit.text;
        else if (hit.concept === 'alreadyWritten') alreadyWritten ??= hit.text;
        else if (hit.concept === 'relationship') {
          if (firstRelationship === undefined) {
            firstRelationship = hit.text;
            firstRelationshipLower = hit.text.toLowerCase();
          } else if (!relationshipCuesDiffer && hit.text.toLowerCase() !== firstRelationshipLower) {
            relationshipCuesDiffer = true;
          }
        }
      }
    }
  }
  const inSubject = (concept: CueConcept) => subject.hits.find((hit) => hit.concept === concept)?.text;
  const sensitiveItems = countKinds(items).sensitive;
  const sensitiveOutsideItems = countKinds(prose).sensitive + (subject.kind === 'sensitive' ? 1 : 0);

  return {
    text,
    subject,
    structured: agenda.structured,
    items,
    prose,
    people: cost.attendees,
    externals: externalAttendees(invite),
    groups: groupNames(invite),
    sensitive: sensitivity.matches,
    sensitiveConfinedToItem: agenda.structured && sensitiveItems === 1 && sensitiveOutsideItems === 0,
    relationship: inSubject('relationship') ?? (relationshipCuesDiffer ? firstRelationship : undefined),
    externalCue: inSubject('external') ?? externalCue,
    nothingLive,
    alreadyWritten,
    bodyWords,
  };
}

function groupNames(invite: Invite): string[] {
  const groups = groupFlags(invite.attendees);
  const names: string[] = [];
  groups.forEach((isGroup, index) => {
    if (!isGroup) return;
    const group = invite.attendees[index]!;
    names.push(group.name ?? group.email);
  });
  return names;
}

const preparationWords = /\b(?:pre-?read|paper|beforehand|read)\b/giu;

/** "The options paper was circulated last week": its only information is that it was written. */
function isPreparationNote(item: ReadItem): boolean {
  let remainder = item.text;
  for (const hit of item.hits) if (hit.concept === 'alreadyWritten') remainder = remainder.replace(hit.text, ' ');
  remainder = remainder.replace(preparationWords, ' ');
  return remainder !== item.text && !cues.scan(remainder).hits.some((hit) => hit.concept === 'information');
}

