import { z } from 'zod';
import { meetingCost, type CostOptions } from '../core/cost.js';
import type { Invite } from '../core/invite.js';
import { agendaKinds, verdictKinds, verdictSchema, type Verdict } from '../core/verdict.js';
import { shorten } from '../core/text/shorten.js';

/**
 * What the model is asked to return, and how it becomes a Verdict. Every property is required
 * (null where it does not apply) so providers with strict structured output accept the schema.
 * The model judges; cost, the judge name and the limits are ours.
 */
export const llmVerdictSchema = z.object({
  verdict: z.enum(verdictKinds),
  confidence: z.number().min(0).max(1),
  sensitive: z.boolean(),
  reasons: z.array(z.string()).min(1).max(8),
  agenda: z.array(z.object({ text: z.string(), kind: z.enum(agendaKinds) })).max(40),
  keepMinutes: z.number().nullable(),
  asyncItems: z.array(z.number().int()).nullable(),
});
export type LlmVerdict = z.infer<typeof llmVerdictSchema>;

const maxReasonLength = 200;
const maxItemLength = 200;

export function toVerdict(output: LlmVerdict, invite: Invite, cost: CostOptions, notes: string[] = []): Verdict {
  const agenda = output.agenda.slice(0, 20).map((item) => ({ text: shorten(item.text.trim(), maxItemLength), kind: item.kind }));
  const reasons = output.reasons.map((reason) => shorten(reason.trim(), maxReasonLength)).filter(Boolean);
  const verdict: Verdict = {
    verdict: output.verdict,
    confidence: output.confidence,
    sensitive: output.sensitive,
    reasons: [...reasons.slice(0, 5 - notes.length), ...notes],
    agenda,
    cost: meetingCost(invite, cost),
    judge: 'llm',
  };
  if (output.verdict === 'trim') verdict.suggestion = trimSuggestion(output, agenda, invite.durationMinutes);
  return verdictSchema.parse(verdict);
}

/** The model's suggestion when it makes sense; otherwise move the info items and keep a third. */
function trimSuggestion(output: LlmVerdict, agenda: Verdict['agenda'], duration: number): Verdict['suggestion'] {
  const validIndexes = (output.asyncItems ?? []).filter((index) => index >= 0 && index < agenda.length);
  const asyncItems = validIndexes.length > 0 ? [...new Set(validIndexes)] : agenda.flatMap((item, index) => (item.kind === 'info' ? [index] : []));
  const wanted = output.keepMinutes ?? duration / 3;
  // Always shorter than the meeting, never nothing.
  const longest = duration > 10 ? duration - 5 : Math.max(1, duration - 1);
  const keepMinutes = Math.max(1, Math.round(Math.min(Math.max(wanted, 5), longest)));
  return { keepMinutes, asyncItems };
}

