import type { VerdictKind } from '../verdict.js';
import { decisionModel } from './decision-model-weights.js';

/**
 * The learned decision stage: a multinomial logistic regression over the features an invite's
 * reading gives (cue counts by the role of the sentence they sit in, structure, length, what the
 * cleaning removed, people, series). The cue lexicon still finds the evidence and writes the
 * reasons; this stage only weighs it, with weights learned from labelled real and synthetic
 * invites by `npm run train` (scripts/train-decision-model.ts) and committed as data.
 *
 * Pure arithmetic over a few dozen numbers: deterministic, browser-safe and fast.
 */

export const verdictClasses = ['async', 'trim', 'keep'] as const satisfies readonly VerdictKind[];

export interface DecisionModel {
  /** Feature names, in the order of every weight row (documentation and a consistency check). */
  features: readonly string[];
  /** Per-feature mean and scale used to standardise the inputs during training. */
  mean: readonly number[];
  scale: readonly number[];
  /** One row per class in `verdictClasses` order: bias first, then one weight per feature. */
  weights: readonly (readonly number[])[];
  /** Temperature from cross-validation: divides the logits so probabilities match observed rates. */
  temperature: number;
  /** Calibrated probability of async needed to say async (chosen for precision on real invites). */
  asyncThreshold: number;
  /** Probability of trim needed to say trim. */
  trimThreshold: number;
  /** Observed accuracy of the verdicts the fixed rules give (sensitive, too little text, ...). */
  ruleAccuracy: Readonly<Record<string, number>>;
}

export type VerdictProbabilities = Record<(typeof verdictClasses)[number], number>;

export function predictVerdict(features: readonly number[], model: DecisionModel = decisionModel): VerdictProbabilities {
  // Each feature is standardised once for all the classes (the same numbers, so the same sums).
  const standardised = new Array<number>(features.length);
  for (let i = 0; i < features.length; i++) standardised[i] = (features[i]! - model.mean[i]!) / model.scale[i]!;
  const logits = model.weights.map((row) => {
    let sum = row[0]!;
    for (let i = 0; i < standardised.length; i++) sum += row[i + 1]! * standardised[i]!;
    return sum / model.temperature;
  });
  const top = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return { async: exps[0]! / total, trim: exps[1]! / total, keep: exps[2]! / total };
}
