import { verdictKinds, type VerdictKind } from './verdict.js';

/**
 * Scores verdicts against labels: accuracy, macro-F1, async precision and recall (a wrong
 * "async" is the costly mistake), how many sensitive invites were judged async (must be 0), and
 * the confusion matrix.
 */

export interface LabelledOutcome {
  label: VerdictKind;
  sensitive: boolean;
  verdict: VerdictKind;
}

export interface Evaluation {
  count: number;
  accuracy: number;
  macroF1: number;
  perLabel: Record<VerdictKind, { precision: number; recall: number; f1: number; support: number }>;
  asyncPrecision: number;
  asyncRecall: number;
  sensitiveJudgedAsync: number;
  /** confusion[label][verdict] */
  confusion: Record<VerdictKind, Record<VerdictKind, number>>;
}

const ratio = (numerator: number, denominator: number) => (denominator === 0 ? 0 : numerator / denominator);

export function evaluate(outcomes: readonly LabelledOutcome[]): Evaluation {
  const confusion = Object.fromEntries(
    verdictKinds.map((label) => [label, Object.fromEntries(verdictKinds.map((verdict) => [verdict, 0]))]),
  ) as Evaluation['confusion'];
  for (const outcome of outcomes) confusion[outcome.label][outcome.verdict]++;

  const perLabel = Object.fromEntries(
    verdictKinds.map((kind) => {
      const truePositives = confusion[kind][kind];
      const predicted = verdictKinds.reduce((sum, label) => sum + confusion[label][kind], 0);
      const support = verdictKinds.reduce((sum, verdict) => sum + confusion[kind][verdict], 0);
      const precision = ratio(truePositives, predicted);
      const recall = ratio(truePositives, support);
      return [kind, { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support }];
    }),
  ) as Evaluation['perLabel'];

  const correct = verdictKinds.reduce((sum, kind) => sum + confusion[kind][kind], 0);
  return {
    count: outcomes.length,
    accuracy: ratio(correct, outcomes.length),
    macroF1: verdictKinds.reduce((sum, kind) => sum + perLabel[kind].f1, 0) / verdictKinds.length,
    perLabel,
    asyncPrecision: perLabel.async.precision,
    asyncRecall: perLabel.async.recall,
    sensitiveJudgedAsync: outcomes.filter((outcome) => outcome.sensitive && outcome.verdict === 'async').length,
    confusion,
  };
}
