import { groupThousands } from '../core/classifier/embedded-classifier.js';
import type { Evaluation } from '../core/evaluation.js';
import { verdictKinds, type Verdict } from '../core/verdict.js';

/** Short, readable terminal output: the verdict, why, what it costs and what to do instead. */

const verdictWords = { async: 'ASYNC — make it an update thread', trim: 'TRIM — shorten it', keep: 'KEEP — worth meeting' } as const;

export function formatVerdict(id: string, subject: string, verdict: Verdict): string {
  const lines = [`${id}  ${subject || '(no subject)'}`];
  const flags = [`${Math.round(verdict.confidence * 100)}% sure`, verdict.sensitive ? 'sensitive' : '', `${verdict.judge} judge`].filter(Boolean);
  lines.push(`  ${verdictWords[verdict.verdict]}  (${flags.join(', ')})`);
  for (const reason of verdict.reasons) lines.push(`  • ${reason}`);
  if (verdict.suggestion) {
    const moved = verdict.suggestion.asyncItems.map((index) => verdict.agenda[index]?.text).filter(Boolean);
    lines.push(`  → Keep ${verdict.suggestion.keepMinutes} of ${verdict.cost.minutes} min; move to the thread: ${moved.map((text) => `“${text}”`).join(', ') || 'the updates'}`);
  }
  lines.push(`  Cost: ${describeCost(verdict)}`);
  return lines.join('\n');
}

function describeCost(verdict: Verdict): string {
  const { cost } = verdict;
  const once = `${cost.attendees} people × ${cost.minutes} min = ${cost.personHours} person-hours, ${money(cost.amount, cost.currency)}`;
  return cost.perMonth ? `${once}; ${cost.perMonth.personHours} person-hours, ${money(cost.perMonth.amount, cost.currency)} a month` : once;
}

function money(amount: number, currency: string): string {
  return `${currency} ${groupThousands(Math.round(amount))}`;
}

export function formatEvaluation(evaluation: Evaluation): string {
  const figure = (value: number) => value.toFixed(3);
  const lines = [
    `Invites scored:          ${evaluation.count}`,
    `Accuracy:                ${figure(evaluation.accuracy)}`,
    `Macro-F1:                ${figure(evaluation.macroF1)}`,
    `Async precision:         ${figure(evaluation.asyncPrecision)}`,
    `Async recall:            ${figure(evaluation.asyncRecall)}`,
    `Sensitive judged async:  ${evaluation.sensitiveJudgedAsync}`,
    '',
    'Confusion matrix (rows: label, columns: verdict)',
    `        ${verdictKinds.map((kind) => kind.padStart(6)).join('')}`,
    ...verdictKinds.map((label) => `  ${label.padEnd(6)}${verdictKinds.map((kind) => String(evaluation.confusion[label][kind]).padStart(6)).join('')}`),
    '',
    'Per label        precision  recall     F1  support',
    ...verdictKinds.map((kind) => {
      const row = evaluation.perLabel[kind];
      return `  ${kind.padEnd(14)}${figure(row.precision).padStart(9)}${figure(row.recall).padStart(8)}${figure(row.f1).padStart(7)}${String(row.support).padStart(9)}`;
    }),
  ];
  return lines.join('\n');
}
