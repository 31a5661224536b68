import { z } from 'zod';

/**
 * The `Verdict` every judge returns and every surface renders (DESIGN.md "Contracts").
 * Small and stable on purpose: the task pane, the Google card and the weekly e-mail all draw it.
 */

export const verdictKinds = ['async', 'trim', 'keep'] as const;
export type VerdictKind = (typeof verdictKinds)[number];

export const agendaKinds = ['info', 'decision', 'discussion', 'social', 'sensitive', 'other'] as const;
export type AgendaKind = (typeof agendaKinds)[number];

export const judgeNames = ['embedded', 'llm', 'hybrid'] as const;
export type JudgeName = (typeof judgeNames)[number];

export const agendaItemSchema = z.object({
  text: z.string(),
  kind: z.enum(agendaKinds),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const costSchema = z.object({
  attendees: z.number().int().nonnegative(),
  minutes: z.number().nonnegative(),
  personHours: z.number().nonnegative(),
  amount: z.number().nonnegative(),
  currency: z.string().min(3).max(3),
  /** For a recurring series: what it costs in an average month. */
  perMonth: z
    .object({
      occurrences: z.number().nonnegative(),
      personHours: z.number().nonnegative(),
      amount: z.number().nonnegative(),
    })
    .optional(),
});
export type MeetingCost = z.infer<typeof costSchema>;

export const trimSuggestionSchema = z.object({
  keepMinutes: z.number().int().positive(),
  /** Indexes into `agenda` of the items that move to the async thread. */
  asyncItems: z.array(z.number().int().nonnegative()),
});
export type TrimSuggestion = z.infer<typeof trimSuggestionSchema>;

export const verdictSchema = z.object({
  verdict: z.enum(verdictKinds),
  confidence: z.number().min(0).max(1),
  sensitive: z.boolean(),
  reasons: z.array(z.string().min(1)).max(5),
  agenda: z.array(agendaItemSchema),
  cost: costSchema,
  suggestion: trimSuggestionSchema.optional(),
  judge: z.enum(judgeNames),
});
export type Verdict = z.infer<typeof verdictSchema>;

/** A ready-to-post update that replaces the meeting: one post per agenda item, each with an ask. */
export const asyncThreadSchema = z.object({
  title: z.string().min(1),
  intro: z.string(),
  items: z.array(
    z.object({
      heading: z.string().min(1),
      body: z.string(),
      owner: z.string().optional(),
      ask: z.string().optional(),
    }),
  ),
  replyBy: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date (YYYY-MM-DD)'),
  recipients: z.array(z.string()),
  source: z.enum(['llm', 'template']),
});
export type AsyncThread = z.infer<typeof asyncThreadSchema>;
