import type { Invite } from '../invite.js';
import type { VerdictKind } from '../verdict.js';
import { countKinds } from './classify-item.js';
import type { Reading } from './read-invite.js';

/**
 * The numbers the learned decision stage weighs, each one something a person reading the invite
 * would notice: how many agenda items carry information, decision or discussion cues (and where:
 * subject, list item or prose), how much of the text was logistics, links or signatures, whether
 * the items are bare topics or questions, who and how many are invited, and what the rules made
 * of it. Counts enter as log(1 + n) so one long agenda does not drown everything else.
 */

export const featureNames = [
  'rule async',
  'rule trim',
  'info items',
  'decision items',
  'discussion items',
  'social items',
  'unclear items',
  'share of items that are info',
  'share of items that are live',
  'list written by the organiser',
  'subject is information',
  'subject is a decision',
  'subject is a discussion',
  'subject reads as a routine series',
  'information sentences around the list',
  'decision sentences around the list',
  'discussion sentences around the list',
  'body words',
  'logistics lines removed',
  'metadata fields removed',
  'ritual agenda lines removed',
  'mail headers removed',
  'greeting and signature lines removed',
  'links removed',
  'questions asked',
  'open work words (review, plan, issues)',
  'says nothing is live',
  'already written down',
  'recurring',
  'duration in hours',
  'not English',
] as const;

const log1p = Math.log1p;
const routineSeries = /\b(?:weekly|daily|monthly|bi-?weekly|fortnightly|status|update|sync|stand-?up|check-?in|round-?up|report(?:ing)?|review|all[- ]hands|town ?hall|community (?:call|meeting))\b/i;
const openWork = /\b(?:review|go over|strateg[a-z]*|plan(?:s|ning)?|work (?:on|through|out)|figure out|issues?|problems?|concerns?|questions?|options?|ideas?|proposals?|next steps|priorit[a-z]*|approach|requirements?|design|roadmap)\b/gi;
/** Any script but Latin: the invite is probably not in English. */
const nonLatinScript = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u;
/**
 * A character outside ranges that are all Latin, Common or Inherited (tabs and line breaks, ASCII
 * to the spacing modifiers, general punctuation, currency, letterlike symbols, arrows, dingbats;
 * checked code point by code point): text without one has no other script, so the script pattern
 * is skipped. Anything else (another control character, an emoji) goes on to the script pattern.
 */
const outsideLatinRanges = /[^\t\n\r\x20-\u02e9\u2000-\u2064\u20a0-\u20c1\u2100-\u2125\u2190-\u2429\u2460-\u27ff]/;

/** Whether `text` holds a character of a script other than Latin (cheap ranges first). */
export function hasNonLatinScript(text: string): boolean {
  return outsideLatinRanges.test(text) && nonLatinScript.test(text);
}

/** How often `character` occurs in `text` (no array of matches is built). */
function occurrences(text: string, character: string): number {
  let count = 0;
  for (let at = text.indexOf(character); at >= 0; at = text.indexOf(character, at + 1)) count++;
  return count;
}

export function inviteFeatures(invite: Invite, reading: Reading, ruleVerdict: VerdictKind): number[] {
  const counted = countKinds(reading.items);
  const prose = countKinds(reading.prose);
  const items = reading.items.length;
  const { info, decision, discussion } = counted;
  const body = reading.text.body;
  const removed = reading.text.removedLines;
  return [
    ruleVerdict === 'async' ? 1 : 0,
    ruleVerdict === 'trim' ? 1 : 0,
    log1p(info),
    log1p(decision),
    log1p(discussion),
    log1p(counted.social),
    log1p(counted.other),
    items > 0 ? info / items : 0,
    items > 0 ? (decision + discussion) / items : 0,
    reading.structured ? 1 : 0,
    reading.subject.kind === 'info' ? 1 : 0,
    reading.subject.kind === 'decision' ? 1 : 0,
    reading.subject.kind === 'discussion' ? 1 : 0,
    routineSeries.test(reading.text.subject) ? 1 : 0,
    log1p(prose.info),
    log1p(prose.decision),
    log1p(prose.discussion),
    log1p(reading.bodyWords),
    log1p(removed.logistics),
    log1p(removed.metadata),
    log1p(removed.ceremony),
    log1p(removed.header),
    log1p(removed.signature),
    log1p(removed.links),
    log1p(occurrences(body, '?')),
    log1p((body.match(openWork) ?? []).length),
    reading.nothingLive ? 1 : 0,
    reading.alreadyWritten ? 1 : 0,
    invite.recurrence ? 1 : 0,
    Math.min(invite.durationMinutes, 480) / 60,
    invite.language && invite.language !== 'en' ? 1 : hasNonLatinScript(body.slice(0, 400)) ? 1 : 0,
  ];
}
