import type { Verdict } from '../core/verdict.js';
import type { Judge } from '../judge/judge.js';
import { formatVerdict } from './format-verdict.js';
import { exitCodes, type CliIo } from './io.js';
import { readInviteSource, type InviteEntry } from './read-invites.js';

export interface CheckOptions {
  file: string;
  json: boolean;
  judge: Judge;
}

/** Judges every invite in a file; problems are reported line by line and end in exit status 2. */
export async function checkCommand(options: CheckOptions, io: CliIo): Promise<number> {
  const source = await readInviteSource(options.file, io.readStdin);
  for (const problem of source.problems) io.stderr(problem);
  const verdicts = await judgeAll(source.entries, options.judge);
  source.entries.forEach((entry, index) => {
    const verdict = verdicts[index]!;
    io.stdout(options.json ? JSON.stringify({ id: entry.id, ...verdict }) : `${formatVerdict(entry.id, entry.invite.subject, verdict)}\n`);
  });
  if (source.entries.length === 0 && source.problems.length === 0) io.stderr(`${options.file}: no invites found`);
  return source.problems.length > 0 || source.entries.length === 0 ? exitCodes.badInput : exitCodes.ok;
}

/** A few judgments in flight at once (LLM judges wait on the network), results in input order. */
export async function judgeAll(entries: readonly InviteEntry[], judge: Judge, concurrency = 4): Promise<Verdict[]> {
  const results: Verdict[] = new Array(entries.length);
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const index = next++;
      results[index] = await judge.judge(entries[index]!.invite);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, entries.length) }, worker));
  return results;
}
