import type { Judge } from '../judge/judge.js';
import { formatVerdict } from './format-verdict.js';
import type { CliIo } from './io.js';
import { judgeFile } from './judge-file.js';

export interface CheckOptions {
  file: string;
  json: boolean;
  judge: Judge;
}

/** Judges every invite in a file; problems are reported line by line and end in exit status 2. */
export async function checkCommand(options: CheckOptions, io: CliIo): Promise<number> {
  const { source, verdicts, exitStatus } = await judgeFile(options.file, options.judge, io);
  source.entries.forEach((entry, index) => {
    const verdict = verdicts[index]!;
    io.stdout(options.json ? JSON.stringify({ id: entry.id, ...verdict }) : `${formatVerdict(entry.id, entry.invite.subject, verdict)}\n`);
  });
  return exitStatus;
}
