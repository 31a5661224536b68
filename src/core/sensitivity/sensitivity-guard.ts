import type { Invite } from '../invite.js';
import { readInviteText } from '../text/invite-text.js';
import type { Verdict } from '../verdict.js';
import { sensitivityOf } from './detect-sensitivity.js';
import { sensitiveLabels } from './sensitivity-lexicon.js';

/**
 * The last word on every verdict, whichever judge gave it: a sensitive invite (performance, HR,
 * layoffs, health, conflict, bereavement, live incident) is marked sensitive and is never `async`.
 * A judge may find sensitivity the cues miss; the guard only ever adds caution, never removes it.
 */
export function guardVerdict(invite: Invite, verdict: Verdict): Verdict {
  const text = readInviteText(invite);
  const found = sensitivityOf(text).matches[0];
  const sensitive = verdict.sensitive || found !== undefined;
  if (!sensitive) return verdict;
  if (verdict.verdict !== 'async') return { ...verdict, sensitive };

  const why = found
    ? `Sensitive: ${sensitiveLabels[found.category]} (“${found.evidence}”), so never challenged as async`
    : 'Sensitive, so never challenged as async';
  return {
    ...verdict,
    verdict: 'keep',
    sensitive: true,
    confidence: Math.max(verdict.confidence, 0.9),
    reasons: [why, ...verdict.reasons.filter((reason) => reason !== why)].slice(0, 5),
    suggestion: undefined,
  };
}
