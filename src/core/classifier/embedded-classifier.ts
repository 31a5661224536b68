import { extractAgenda, type AgendaCandidate } from '../agenda/extract-agenda.js';
import { defaultCostOptions, meetingCost, type CostOptions } from '../cost.js';
import type { Invite } from '../invite.js';
import { externalAttendees } from '../people.js';
import { splitSentences } from '../text/hostile-text.js';
import { readInviteText, type InviteText } from '../text/invite-text.js';
import type { AgendaItem, MeetingCost, TrimSuggestion, Verdict, VerdictKind } from '../verdict.js';
import { classifyItem, type ItemReading } from './classify-item.js';
import { cues, type CueConcept } from './cues.js';
import { sensitiveLabels, sensitiveMatches, type SensitiveMatch } from './sensitivity.js';
import { shorten } from '../text/shorten.js';

/**
 * The embedded judge: deterministic, explainable, offline. It reads the agenda item by item
 * (information, decision, discussion, social, sensitive), looks at who is invited, and decides:
 *
 * - sensitive matters, live incidents, external parties and relationship time are kept;
 * - an invite with too little text is kept: it is never challenged on content it does not have;
 * - only one-way information → async; information plus items that need people live → trim;
 *   only live items → keep.
 *
 * Every verdict carries the reasons a person would give, and the cost of the meeting.
 */

export type EmbeddedClassifierOptions = Partial<CostOptions>;

interface ReadItem extends AgendaCandidate, ItemReading {}

interface Reading {
  text: InviteText;
  structured: boolean;
  items: ReadItem[];
  subject: ItemReading;
  /** Sentences around a list (intro, closing words), read the same way as items. */
  prose: ItemReading[];
  people: number;
  externals: string[];
  sensitive: SensitiveMatch[];
  /** Sensitive cues found only inside one list item, not in the subject or the prose. */
  sensitiveConfinedToItem: boolean;
  relationship?: string;
  externalCue?: string;
  nothingLive?: string;
  alreadyWritten?: string;
  bodyWords: number;
}

const maxReasons = 5;
/** A meeting this short has nothing to cut: trimming it would keep all of it. */
const minimumTrimmableMinutes = 15;
const maxAgendaItems = 20;
const maxItemLength = 200;

export function classifyInvite(invite: Invite, options: EmbeddedClassifierOptions = {}): Verdict {
  const cost = meetingCost(invite, { ...defaultCostOptions, ...options });
  const reading = readInvite(invite, cost);
  return decide(invite, reading, cost);
}

function readInvite(invite: Invite, cost: MeetingCost): Reading {
  const text = readInviteText(invite);
  const agenda = extractAgenda(text.body);
  // Each piece of text is scanned once: the subject, each agenda item, each sentence of prose.
  const subject = classifyItem(text.subject);
  const items: ReadItem[] = agenda.items.map((item) => Object.assign(classifyItem(item.text), item));
  const prose = splitSentences(agenda.prose.join('\n')).map(classifyItem);
  // In prose, "the paper was circulated" prepares the meeting; it is not an item to move.
  if (!agenda.structured && items.some((item) => item.kind === 'decision' || item.kind === 'discussion')) {
    for (const item of items) if (item.kind === 'info' && isPreparationNote(item)) item.kind = 'other';
  }

  const bodyHits = [...items, ...prose].flatMap((piece) => piece.hits);
  const inBody = (concept: CueConcept) => bodyHits.filter((hit) => hit.concept === concept).map((hit) => hit.text);
  const inSubject = (concept: CueConcept) => subject.hits.find((hit) => hit.concept === concept)?.text;
  const relationshipInBody = inBody('relationship');
  const sensitiveOutsideItems = sensitiveMatches([...subject.hits, ...prose.flatMap((sentence) => sentence.hits)]);

  return {
    text,
    subject,
    structured: agenda.structured,
    items,
    prose,
    people: cost.attendees,
    externals: externalAttendees(invite),
    sensitive: sensitiveMatches([...subject.hits, ...bodyHits]),
    sensitiveConfinedToItem:
      agenda.structured && items.filter((item) => item.kind === 'sensitive').length === 1 && sensitiveOutsideItems.length === 0,
    relationship:
      inSubject('relationship') ??
      (new Set(relationshipInBody.map((cue) => cue.toLowerCase())).size >= 2 ? relationshipInBody[0] : undefined),
    externalCue: inSubject('external') ?? inBody('external')[0],
    nothingLive: inBody('nothingLive')[0],
    alreadyWritten: inBody('alreadyWritten')[0],
    bodyWords: [...items, ...prose].reduce((sum, piece) => sum + piece.words, 0),
  };
}

const preparationWords = /\b(?:pre-?read|paper|beforehand|read)\b/giu;

/** "The options paper was circulated last week": its only information is that it was written. */
function isPreparationNote(item: ReadItem): boolean {
  let remainder = item.text;
  for (const hit of item.hits) if (hit.concept === 'alreadyWritten') remainder = remainder.replace(hit.text, ' ');
  remainder = remainder.replace(preparationWords, ' ');
  return remainder !== item.text && !cues.scan(remainder).hits.some((hit) => hit.concept === 'information');
}

function decide(invite: Invite, reading: Reading, cost: MeetingCost): Verdict {
  const infoItems = reading.items.filter((item) => item.kind === 'info');
  const decisionItems = reading.items.filter((item) => item.kind === 'decision');
  const discussionItems = reading.nothingLive ? [] : reading.items.filter((item) => item.kind === 'discussion');
  const liveItems = [...decisionItems, ...discussionItems];
  const hasCues = reading.items.some((item) => item.kind !== 'other');
  const notes = hostileNote(reading);

  const verdict = (kind: VerdictKind, confidence: number, reasons: string[], suggestion?: TrimSuggestion): Verdict => ({
    verdict: kind,
    confidence: round2(Math.min(0.97, Math.max(0.05, confidence))),
    sensitive: reading.sensitive.length > 0,
    reasons: [...reasons.filter(Boolean).slice(0, maxReasons - notes.length), ...notes],
    agenda: agendaOf(reading),
    cost,
    ...(suggestion ? { suggestion } : {}),
    judge: 'embedded',
  });

  // 1. Sensitive matters are kept; a governance agenda with one sensitive item is trimmed around it.
  const firstSensitive = reading.sensitive[0];
  if (firstSensitive) {
    const because = `Sensitive: ${sensitiveLabels[firstSensitive.category]} (“${firstSensitive.evidence}”), so never challenged as async`;
    if (reading.sensitiveConfinedToItem && infoItems.length >= 2) {
      const suggestion = trimSuggestion(invite, reading, infoItems);
      return verdict('trim', 0.7, [
        `${infoItems.length} of ${reading.items.length} items are updates that can go in a pre-read`,
        `The sensitive item needs people live: ${quote(reading.items.find((item) => item.kind === 'sensitive')!.text)}`,
        because,
        `Keep about ${suggestion.keepMinutes} of ${invite.durationMinutes} minutes`,
      ], suggestion);
    }
    return verdict('keep', 0.95, [because, ...liveReasons(decisionItems, discussionItems)]);
  }

  // 2. Never challenge an invite on content it does not have.
  const tooLittle = reading.bodyWords < 4 || (reading.bodyWords < 12 && !hasCues);
  if (tooLittle) {
    return verdict('keep', 0.7, [
      reading.bodyWords === 0 ? 'Subject only: too little to judge, so not challenged' : 'Too little written to judge fairly, so not challenged',
    ]);
  }

  // 3. People from outside, and relationship time, are what meetings are for.
  if (reading.externals.length > 0 || (reading.externalCue && !reading.nothingLive)) {
    const who = reading.externals.length > 0
      ? `${reading.externals.length} attendee${reading.externals.length > 1 ? 's' : ''} from outside (${[...new Set(reading.externals)].slice(0, 2).join(', ')})`
      : `an external party (“${reading.externalCue}”)`;
    return verdict('keep', 0.85, [`Meets ${who}: live time is warranted`, ...liveReasons(decisionItems, discussionItems)]);
  }
  if (reading.people <= 2 && invite.organizer && !reading.nothingLive) {
    return verdict('keep', 0.8, ['A 1:1: relationship time that an update cannot replace']);
  }
  if (reading.relationship && !reading.nothingLive) {
    return verdict('keep', 0.8, [`Relationship and culture time (“${reading.relationship}”) is what meetings are for`]);
  }

  // 4. The agenda itself: information, live items, or both.
  // Around a list, the intro and the subject say what the items are for ("I'll go through:").
  const proseDecisions = reading.prose.filter((sentence) => sentence.kind === 'decision').length;
  const framedAsInformation =
    reading.prose.some((sentence) => sentence.kind === 'info') || reading.subject.kind === 'info';
  const info = infoItems.length > 0 ? infoItems.length : reading.nothingLive || framedAsInformation ? 1 : 0;
  const live = liveItems.length + proseDecisions;
  if (info === 0 && live === 0) {
    return verdict('keep', 0.4, ['No clear agenda: nothing to move to an update, so not challenged']);
  }
  if (live === 0) {
    // A list whose items mostly don't say what they are is not enough to challenge a meeting.
    const otherItems = reading.items.filter((item) => item.kind === 'other').length;
    const mostlyUnclear = reading.structured && infoItems.length < 0.4 * (infoItems.length + otherItems);
    if (mostlyUnclear && !reading.nothingLive && !framedAsInformation) {
      return verdict('keep', 0.45, [
        `${otherItems} of ${reading.items.length} agenda items don't say whether they need people live, so not challenged`,
      ]);
    }
    return asyncVerdict(invite, reading, cost, verdict, infoItems, 0.6);
  }
  if (info === 0) {
    return verdict('keep', Math.min(0.85, 0.6 + 0.08 * live), [
      ...liveReasons(decisionItems, discussionItems),
      'No status items to move to an update',
    ]);
  }
  if (invite.durationMinutes <= minimumTrimmableMinutes) {
    return verdict('keep', 0.6, [`Only ${invite.durationMinutes} minutes, with items that need people live: too short to trim`, ...liveReasons(decisionItems, discussionItems).slice(0, 1)]);
  }
  const suggestion = trimSuggestion(invite, reading, infoItems);
  const confidence = 0.6 + (reading.structured ? 0.1 : 0) + (decisionItems.length > 0 ? 0.05 : 0);
  return verdict('trim', confidence, [
    reading.structured && infoItems.length > 0
      ? `${infoItems.length} of ${reading.items.length} items are updates that can go in a pre-read`
      : 'Part of the meeting is updates that can go in a pre-read',
    ...liveReasons(decisionItems, discussionItems).slice(0, 1),
    `Keep about ${suggestion.keepMinutes} of ${invite.durationMinutes} minutes for the live items`,
    costReason(invite, cost),
  ], suggestion);
}

function asyncVerdict(
  invite: Invite,
  reading: Reading,
  cost: MeetingCost,
  verdict: (kind: VerdictKind, confidence: number, reasons: string[]) => Verdict,
  infoItems: ReadItem[],
  base: number,
): Verdict {
  const reasons: string[] = [];
  if (reading.structured && infoItems.length > 0) {
    reasons.push(`${infoItems.length} of ${reading.items.length} items are status updates or FYIs`);
  } else {
    const cue = infoItems[0]?.cue;
    reasons.push(cue ? `One-way information (“${cue}”)` : 'Reads as one-way information');
  }
  reasons.push(reading.nothingLive ? `The invite says so itself: “${reading.nothingLive}”` : 'No decision or discussion is asked for');
  if (reading.alreadyWritten) reasons.push(`It is already written down (“${reading.alreadyWritten}”)`);
  reasons.push(costReason(invite, cost));

  let confidence = base;
  if (reading.nothingLive) confidence += 0.15;
  if (reading.alreadyWritten) confidence += 0.1;
  if (infoItems.length >= 3 || (reading.structured && infoItems.length * 2 >= reading.items.length)) confidence += 0.1;
  if (invite.recurrence) confidence += 0.05;
  if (reading.people >= 8) confidence += 0.05;
  return verdict('async', Math.min(0.95, confidence), reasons);
}

function liveReasons(decisions: ReadItem[], discussions: ReadItem[]): string[] {
  const reasons: string[] = [];
  if (decisions.length > 0) {
    reasons.push(`${decisions.length === 1 ? 'A decision needs' : `${decisions.length} decisions need`} people live: ${quote(decisions[0]!.text)}`);
  }
  if (discussions.length > 0) {
    reasons.push(`${discussions.length === 1 ? 'A discussion' : `${discussions.length} discussions`} to have together: ${quote(discussions[0]!.text)}`);
  }
  return reasons;
}

function costReason(invite: Invite, cost: MeetingCost): string {
  if (cost.attendees === 0) return '';
  const series = invite.recurrence ? describeRecurrence(invite.recurrence) : null;
  if (series && cost.perMonth) {
    return `${cost.attendees} people, ${series}: ${formatNumber(cost.perMonth.personHours)} person-hours (${formatMoney(cost.perMonth.amount, cost.currency)}) a month`;
  }
  return `${cost.attendees} people × ${cost.minutes} min: ${formatNumber(cost.personHours)} person-hours (${formatMoney(cost.amount, cost.currency)})`;
}

function describeRecurrence(recurrence: string): string {
  return ['daily', 'weekly', 'biweekly', 'monthly'].includes(recurrence) ? recurrence : 'recurring';
}

function trimSuggestion(invite: Invite, reading: Reading, infoItems: ReadItem[]): TrimSuggestion {
  const agendaIndexes = new Map(agendaSource(reading).map((item, index) => [item, index]));
  const asyncItems = infoItems.map((item) => agendaIndexes.get(item)).filter((index): index is number => index !== undefined);
  const duration = Math.max(invite.durationMinutes, 10);
  const liveItems = reading.items.filter((item) => item.kind !== 'info' && item.kind !== 'other');
  const writtenMinutes = liveItems.reduce((sum, item) => sum + (item.minutes ?? 0), 0);
  const share = liveItems.length / Math.max(1, liveItems.length + infoItems.length);
  const wanted = writtenMinutes > 0 && liveItems.every((item) => item.minutes) ? writtenMinutes : duration * share;
  const keepMinutes = Math.min(duration - 5, Math.max(10, Math.ceil(wanted / 5) * 5));
  return { keepMinutes: Math.max(5, keepMinutes), asyncItems };
}

/** The items shown as the agenda: a list as written, or the sentences of prose that carry a cue. */
function agendaSource(reading: Reading): ReadItem[] {
  const items = reading.structured ? reading.items : reading.items.filter((item) => item.kind !== 'other');
  return items.slice(0, maxAgendaItems);
}

function agendaOf(reading: Reading): AgendaItem[] {
  return agendaSource(reading).map((item) => ({ text: shorten(item.text, maxItemLength), kind: item.kind }));
}

function hostileNote(reading: Reading): string[] {
  const notes: string[] = [];
  if (reading.text.hostileTextRemoved) notes.push('Ignored text addressed to an AI reviewer');
  if (reading.text.truncated) notes.push('Very long description: judged on its first part');
  return notes;
}

function quote(text: string): string {
  return `“${shorten(text, 80)}”`;
}


const round2 = (value: number) => Math.round(value * 100) / 100;
const formatNumber = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
function formatMoney(amount: number, currency: string): string {
  return `${currency} ${groupThousands(Math.round(amount))}`;
}

/** 12345 → "12,345" (Intl's toLocaleString costs more than judging the invite). */
export function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
