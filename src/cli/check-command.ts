import type { Verdict, VerdictKind } from '../core/verdict.js';
import type { Judge } from '../judge/judge.js';
import { formatVerdict } from './format-verdict.js';
import type { CliIo } from './io.js';
import { judgeFile } from './judge-file.js';

export interface CheckOptions {
  files: string[];
  json: boolean;
  judge: Judge;
}

/**
 * Judges every invite in each file; problems are reported line by line and end in exit status 2.
 * Human output ends with a summary: what was judged, and the time and money that the async and
 * trim verdicts would give back.
 */
export async function checkCommand(options: CheckOptions, io: CliIo): Promise<number> {
  let exitStatus = 0;
  const judged: Verdict[] = [];
  let problems = 0;
  for (const file of options.files) {
    const result = await judgeFile(file, options.judge, io);
    exitStatus = Math.max(exitStatus, result.exitStatus);
    problems += result.source.problems.length;
    result.source.entries.forEach((entry, index) => {
      const verdict = result.verdicts[index]!;
      judged.push(verdict);
      io.stdout(options.json ? JSON.stringify({ id: entry.id, ...verdict }) : `${formatVerdict(entry.id, entry.invite.subject, verdict)}\n`);
    });
  }
  if (!options.json && judged.length > 0) io.stdout(summarise(judged, problems));
  return exitStatus;
}

/** The closing block: counts per verdict and what async and trim would give back. */
export function summarise(verdicts: readonly Verdict[], problems: number): string {
  const count = (kind: VerdictKind) => verdicts.filter((verdict) => verdict.verdict === kind).length;
  let hours = 0;
  let amount = 0;
  for (const verdict of verdicts) {
    // Async gives back the whole meeting; trim the minutes it no longer needs.
    const share = verdict.verdict === 'async' ? 1 : verdict.verdict === 'trim' && verdict.suggestion ? 1 - verdict.suggestion.keepMinutes / Math.max(verdict.cost.minutes, 1) : 0;
    hours += verdict.cost.personHours * share;
    amount += verdict.cost.amount * share;
  }
  const currency = verdicts[0]?.cost.currency ?? 'USD';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [
    `Summary: ${plural(verdicts.length, 'invite')} judged — ${count('async')} async, ${count('trim')} trim, ${count('keep')} keep` +
      (problems > 0 ? `; ${plural(problems, 'error')} skipped (see above)` : ''),
    `  Async and trim would give back ${hours.toFixed(1)} person-hours (${currency} ${Math.round(amount).toLocaleString('en-US')}) for one occurrence of each meeting`,
  ].join('\n');
}
