import { evaluate, type LabelledOutcome } from '../core/evaluation.js';
import { verdictKinds, type VerdictKind } from '../core/verdict.js';
import type { Judge } from '../judge/judge.js';
import { judgeAll } from './judge-file.js';
import { formatEvaluation } from './format-verdict.js';
import { exitCodes, type CliIo } from './io.js';
import { readInviteSource, type InviteEntry } from './read-invites.js';

export interface EvalOptions {
  file: string;
  json: boolean;
  judge: Judge;
}

/** Scores the judge against the `label` and `sensitive` fields of a labelled file. */
export async function evalCommand(options: EvalOptions, io: CliIo): Promise<number> {
  const source = await readInviteSource(options.file, io.stdin);
  const problems = [...source.problems];
  const labelled: { entry: InviteEntry; label: VerdictKind; sensitive: boolean }[] = [];
  for (const entry of source.entries) {
    const label = entry.record?.label;
    const where = entry.line ? `${options.file}:${entry.line}` : `${options.file} (${entry.id})`;
    if (typeof label !== 'string' || !verdictKinds.includes(label as VerdictKind)) {
      problems.push(`${where}: field "label": expected one of ${verdictKinds.join(', ')}`);
      continue;
    }
    labelled.push({ entry, label: label as VerdictKind, sensitive: entry.record?.sensitive === true });
  }
  for (const problem of problems) io.stderr(problem);
  if (labelled.length === 0) {
    io.stderr(`${options.file}: no labelled invites to score`);
    return exitCodes.badInput;
  }

  const verdicts = await judgeAll(labelled.map((item) => item.entry), options.judge);
  const outcomes: LabelledOutcome[] = labelled.map((item, index) => ({
    label: item.label,
    sensitive: item.sensitive,
    verdict: verdicts[index]!.verdict,
  }));
  const evaluation = evaluate(outcomes);
  io.stdout(options.json ? JSON.stringify(evaluation) : formatEvaluation(evaluation));
  return problems.length > 0 ? exitCodes.badInput : exitCodes.ok;
}
