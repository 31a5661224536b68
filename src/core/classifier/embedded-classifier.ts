import { defaultCostOptions, meetingCost, type CostOptions } from '../cost.js';
import type { Invite } from '../invite.js';
import { shorten } from '../text/shorten.js';
import type { AgendaItem, MeetingCost, TrimSuggestion, Verdict, VerdictKind } from '../verdict.js';
import { predictVerdict, type DecisionModel, type VerdictProbabilities } from './decision-model.js';
import { decisionModel } from './decision-model-weights.js';
import { inviteFeatures } from './invite-features.js';
import { readInvite, type ReadItem, type Reading } from './read-invite.js';
import { sensitiveLabels } from '../sensitivity/sensitivity-lexicon.js';

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

const maxReasons = 5;
/** "Canceled: Weekly sync", "Status meeting cancelled", "Abgesagt": the calendar is announcing that nothing happens. */
const cancelled = /\b(?:cancell?ed|called off|postponed|abgesagt|annulée?|cancelad[ao]|geannuleerd|annullat[ao])\b|^(?:canceled|cancelled)\s*:/i;
const cancelledBody = /^\s*(?:cancell?ed|this (?:meeting|call|session) (?:is|has been) (?:cancell?ed|called off))\b/i;
/** A meeting this short has nothing to cut: trimming it would keep all of it. */
const minimumTrimmableMinutes = 15;
const maxAgendaItems = 20;
const maxItemLength = 200;

export function classifyInvite(invite: Invite, options: EmbeddedClassifierOptions = {}): Verdict {
  return analyseInvite(invite, options).verdict;
}

/** Which rule gave the verdict: fixed rules decide alone; the agenda rules are weighed by the model. */
export type RuleName =
  | 'sensitive'
  | 'cancelled'
  | 'says-nothing-is-live'
  | 'too-little-text'
  | 'external-party'
  | 'one-to-one'
  | 'relationship'
  | 'no-clear-agenda'
  | 'unclear-items'
  | 'only-live-items'
  | 'too-short-to-trim'
  | 'agenda';

export interface InviteAnalysis {
  verdict: Verdict;
  /** The verdict the rules alone gave, before the learned stage weighed it. */
  ruleVerdict: Verdict;
  rule: RuleName;
  /** The learned stage's inputs, when it was asked (training reads them). */
  features?: number[];
  probabilities?: VerdictProbabilities;
}

/** The whole judgment with its workings: the rules' verdict, the features and the model's probabilities. */
export function analyseInvite(invite: Invite, options: EmbeddedClassifierOptions = {}, model: DecisionModel = decisionModel): InviteAnalysis {
  const cost = meetingCost(invite, { ...defaultCostOptions, ...options });
  const reading = readInvite(invite, cost);
  const ruled = decideByRules(invite, reading, cost);
  if (ruled.rule !== 'agenda') {
    const observed = model.ruleAccuracy[ruled.rule];
    const verdict = observed === undefined ? ruled.verdict : { ...ruled.verdict, confidence: round2(observed) };
    return { verdict, ruleVerdict: ruled.verdict, rule: ruled.rule };
  }
  const features = inviteFeatures(invite, reading, ruled.verdict.verdict);
  const probabilities = predictVerdict(features, model);
  const verdict = weighAgendaVerdict(invite, reading, cost, ruled.verdict, probabilities, model);
  return { verdict, ruleVerdict: ruled.verdict, rule: ruled.rule, features, probabilities };
}

/**
 * The rules said async or trim from the agenda's cues; the model, trained on real calendars, says
 * how likely that is to be right. Async needs a calibrated probability high enough for precision
 * (a false challenge costs trust); trim needs to beat keep; otherwise the meeting is kept and the
 * confidence says how unsure that is, so the hybrid judge knows to ask the LLM.
 */
function weighAgendaVerdict(
  invite: Invite,
  reading: Reading,
  cost: MeetingCost,
  ruled: Verdict,
  probabilities: VerdictProbabilities,
  model: DecisionModel,
): Verdict {
  // The rules found no live items to keep, so a trim is not on offer: where the model leans to
  // trim, the meeting is not a clear readout, and that doubt counts for keeping it.
  const p = ruled.verdict === 'async' ? { async: probabilities.async, trim: 0, keep: probabilities.keep + probabilities.trim } : probabilities;
  const withConfidence = (verdict: Verdict, confidence: number): Verdict => ({ ...verdict, confidence: round2(clamp(confidence)) });
  if (p.async >= model.asyncThreshold) {
    if (ruled.verdict === 'async') return withConfidence(ruled, p.async);
    const infoItems = reading.items.filter((item) => item.kind === 'info');
    return withConfidence(asyncVerdict(invite, reading, cost, (kind, confidence, reasons) => makeVerdict(reading, cost, kind, confidence, reasons), infoItems, p.async), p.async);
  }
  if (ruled.verdict === 'trim' && p.trim >= model.trimThreshold && p.trim >= p.keep) return withConfidence(ruled, p.trim);
  const looked = ruled.verdict === 'async' ? 'Parts read as updates' : 'Part of it reads as updates';
  return makeVerdict(reading, cost, 'keep', clamp(p.keep), [
    `${looked}, but not clearly enough to challenge: kept`,
    ...liveReasons(
      reading.items.filter((item) => item.kind === 'decision'),
      reading.items.filter((item) => item.kind === 'discussion'),
    ).slice(0, 1),
    costReason(invite, cost, reading.groups),
  ]);
}

const clamp = (confidence: number) => Math.min(0.97, Math.max(0.05, confidence));

function makeVerdict(reading: Reading, cost: MeetingCost, kind: VerdictKind, confidence: number, reasons: string[], suggestion?: TrimSuggestion): Verdict {
  const given = reasonsWithNotes(reading, reasons);
  const sensitive = reading.sensitive.length > 0;
  const agenda = agendaOf(reading);
  // Written out twice rather than spread: the suggestion, when there is one, comes before the judge.
  return suggestion
    ? { verdict: kind, confidence: round2(clamp(confidence)), sensitive, reasons: given, agenda, cost, suggestion, judge: 'embedded' }
    : { verdict: kind, confidence: round2(clamp(confidence)), sensitive, reasons: given, agenda, cost, judge: 'embedded' };
}

/** The reasons that were written (empty ones dropped), as many as fit beside the notes about the text. */
function reasonsWithNotes(reading: Reading, reasons: readonly string[]): string[] {
  const notes = hostileNote(reading);
  const kept: string[] = [];
  for (const reason of reasons) if (reason && kept.length < maxReasons - notes.length) kept.push(reason);
  for (const note of notes) kept.push(note);
  return kept;
}

function decideByRules(invite: Invite, reading: Reading, cost: MeetingCost): { verdict: Verdict; rule: RuleName } {
  // One pass sorts the items by kind (in their order); "nothing is live" leaves no discussions.
  const infoItems: ReadItem[] = [];
  const decisionItems: ReadItem[] = [];
  const discussionItems: ReadItem[] = [];
  let hasCues = false;
  for (const item of reading.items) {
    if (item.kind === 'info') infoItems.push(item);
    else if (item.kind === 'decision') decisionItems.push(item);
    else if (item.kind === 'discussion' && !reading.nothingLive) discussionItems.push(item);
    if (item.kind !== 'other') hasCues = true;
  }
  const liveItemCount = decisionItems.length + discussionItems.length;
  let rule: RuleName = 'agenda';
  const verdict = (kind: VerdictKind, confidence: number, reasons: string[], suggestion?: TrimSuggestion) => ({
    verdict: makeVerdict(reading, cost, kind, confidence, reasons, suggestion),
    rule,
  });
  // 1. Sensitive matters are kept; a governance agenda with one sensitive item is trimmed around it.
  const firstSensitive = reading.sensitive[0];
  if (firstSensitive) {
    rule = 'sensitive';
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

  // 2. A cancellation notice has no meeting left to challenge.
  if (cancelled.test(invite.subject) || cancelledBody.test(reading.text.fullBody)) {
    rule = 'cancelled';
    return verdict('keep', 0.9, ['Cancelled or postponed: there is no meeting to challenge']);
  }

  // 3. Never challenge an invite on content it does not have.
  const tooLittle = reading.bodyWords < 4 || (reading.bodyWords < 12 && !hasCues);
  if (tooLittle) {
    rule = 'too-little-text';
    return verdict('keep', 0.7, [
      reading.bodyWords === 0 ? 'Subject only: too little to judge, so not challenged' : 'Too little written to judge fairly, so not challenged',
    ]);
  }

  // 4. People from outside, and relationship time, are what meetings are for.
  if (reading.externals.length > 0 || (reading.externalCue && !reading.nothingLive)) {
    rule = 'external-party';
    const who = reading.externals.length > 0
      ? `${reading.externals.length} attendee${reading.externals.length > 1 ? 's' : ''} from outside (${[...new Set(reading.externals)].slice(0, 2).join(', ')})`
      : `an external party (“${reading.externalCue}”)`;
    return verdict('keep', 0.85, [`Meets ${who}: live time is warranted`, ...liveReasons(decisionItems, discussionItems)]);
  }
  // A 1:1 needs exactly two known people: the organiser and one person (not a list, not a room).
  if (reading.people === 2 && reading.groups.length === 0 && invite.organizer && !reading.nothingLive) {
    rule = 'one-to-one';
    return verdict('keep', 0.8, ['A 1:1: relationship time that an update cannot replace']);
  }
  if (reading.relationship && !reading.nothingLive) {
    rule = 'relationship';
    return verdict('keep', 0.8, [`Relationship and culture time (“${reading.relationship}”) is what meetings are for`]);
  }

  // 5. The agenda itself: information, live items, or both.
  // Around a list, the intro and the subject say what the items are for ("I'll go through:").
  const proseDecisions = reading.prose.filter((sentence) => sentence.kind === 'decision').length;
  const framedAsInformation =
    reading.prose.some((sentence) => sentence.kind === 'info') || reading.subject.kind === 'info';
  const info = infoItems.length > 0 ? infoItems.length : reading.nothingLive || framedAsInformation ? 1 : 0;
  const live = liveItemCount + proseDecisions;
  if (info === 0 && live === 0) {
    rule = 'no-clear-agenda';
    return verdict('keep', 0.4, ['No clear agenda: nothing to move to an update, so not challenged']);
  }
  if (live === 0) {
    // A list whose items mostly don't say what they are is not enough to challenge a meeting.
    const otherItems = reading.items.filter((item) => item.kind === 'other').length;
    const mostlyUnclear = reading.structured && infoItems.length < 0.4 * (infoItems.length + otherItems);
    if (mostlyUnclear && !reading.nothingLive && !framedAsInformation) {
      rule = 'unclear-items';
      return verdict('keep', 0.45, [
        `${otherItems} of ${reading.items.length} agenda items don't say whether they need people live, so not challenged`,
      ]);
    }
    // The organiser says so: "briefing only", "no live Q&A", "no decisions needed". Rare on real
    // calendars and right nearly every time it is written, so the rule decides alone.
    if (reading.nothingLive) rule = 'says-nothing-is-live';
    return { verdict: asyncVerdict(invite, reading, cost, (kind, confidence, reasons) => makeVerdict(reading, cost, kind, confidence, reasons), infoItems, 0.6), rule };
  }
  if (info === 0) {
    rule = 'only-live-items';
    return verdict('keep', Math.min(0.85, 0.6 + 0.08 * live), [
      ...liveReasons(decisionItems, discussionItems),
      'No status items to move to an update',
    ]);
  }
  if (invite.durationMinutes <= minimumTrimmableMinutes) {
    rule = 'too-short-to-trim';
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
    costReason(invite, cost, reading.groups),
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
  reasons.push(costReason(invite, cost, reading.groups));

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

function costReason(invite: Invite, cost: MeetingCost, groups: readonly string[] = []): string {
  if (groups.length > 0) {
    const known = invite.attendeeCount ? `${cost.attendees} people` : 'headcount unknown, likely large';
    return `Sent to a distribution list (“${groups[0]}”): ${known}`;
  }
  if (cost.attendees === 0) return '';
  const series = invite.recurrence ? describeRecurrence(invite.recurrence) : null;
  if (series && cost.perMonth) {
    return `${cost.attendees} people, ${series}: ${formatNumber(cost.perMonth.personHours)} person-hours (${formatMoney(cost.perMonth.amount, cost.currency)}) a month`;
  }
  return `${cost.attendees} people × ${cost.minutes} min: ${formatNumber(cost.personHours)} person-hours (${formatMoney(cost.amount, cost.currency)})`;
}

const namedSeries: readonly string[] = ['daily', 'weekly', 'biweekly', 'monthly'];

function describeRecurrence(recurrence: string): string {
  return namedSeries.includes(recurrence) ? recurrence : 'recurring';
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

/** The items shown as the agenda: a list as written, or the sentences of prose that carry a cue (one pass: every verdict carries them). */
function agendaSource(reading: Reading): ReadItem[] {
  const shown: ReadItem[] = [];
  for (const item of reading.items) {
    if (shown.length === maxAgendaItems) break;
    if (reading.structured || item.kind !== 'other') shown.push(item);
  }
  return shown;
}

function agendaOf(reading: Reading): AgendaItem[] {
  return agendaSource(reading).map((item) => ({ text: shorten(item.text, maxItemLength), kind: item.kind }));
}

function hostileNote(reading: Reading): string[] {
  const notes: string[] = [];
  if (reading.text.hostileTextRemoved) notes.push('Ignored text that tries to steer the verdict');
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
  const written = String(value);
  // A comma goes between two digits with three more after it: a number written in three characters has none.
  return written.length < 4 ? written : written.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
