import type { Verdict } from '../core/verdict.js';
import type { Judge } from '../judge/judge.js';
import { exitCodes, type CliIo } from './io.js';
import { readInviteSource, type InviteEntry, type InviteSource } from './read-invites.js';

/**
 * What `check` and `draft` share: read a file, report each bad line on stderr, judge the good
 * invites, and work out the exit status (2 when any line was bad or nothing was found).
 */

export interface JudgedFile {
  source: InviteSource;
  verdicts: Verdict[];
  exitStatus: number;
}

export async function judgeFile(file: string, judge: Judge, io: CliIo): Promise<JudgedFile> {
  const source = await readInviteSource(file, io.stdin);
  for (const problem of source.problems) io.stderr(problem);
  if (source.entries.length === 0 && source.problems.length === 0) io.stderr(`${file}: no invites found`);
  const verdicts = await judgeAll(source.entries, judge);
  const exitStatus = source.problems.length > 0 || source.entries.length === 0 ? exitCodes.badInput : exitCodes.ok;
  return { source, verdicts, exitStatus };
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
