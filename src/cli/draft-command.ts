import type { AsyncThread, Verdict } from '../core/verdict.js';
import type { ThreadDrafter } from '../drafting/thread-drafter.js';
import type { Judge } from '../judge/judge.js';
import type { CliIo } from './io.js';
import { judgeFile } from './judge-file.js';

export interface DraftOptions {
  file: string;
  json: boolean;
  judge: Judge;
  drafter: ThreadDrafter;
}

/** Judges each invite and prints the async thread that would replace or shorten it. */
export async function draftCommand(options: DraftOptions, io: CliIo): Promise<number> {
  const { source, verdicts, exitStatus } = await judgeFile(options.file, options.judge, io);
  for (const [index, entry] of source.entries.entries()) {
    const verdict = verdicts[index]!;
    const thread = await options.drafter.draft(entry.invite, verdict);
    const hasThread = thread.items.length > 0;
    if (options.json) {
      io.stdout(JSON.stringify({ id: entry.id, verdict: verdict.verdict, judge: verdict.judge, thread: hasThread ? thread : null }));
    } else {
      io.stdout(hasThread ? `${formatThread(entry.id, verdict, thread)}\n` : `${entry.id}  ${entry.invite.subject}\n  KEEP — nothing to move to a thread: ${verdict.reasons[0] ?? ''}\n`);
    }
  }
  return exitStatus;
}

export function formatThread(id: string, verdict: Verdict, thread: AsyncThread): string {
  const lines = [
    `${id}  [${verdict.verdict.toUpperCase()}] ${thread.title}`,
    `  To: ${thread.recipients.join(', ') || '(no attendees listed)'}   Reply by: ${thread.replyBy}   (${thread.source} draft)`,
    '',
    ...thread.intro.split('\n').map((line) => `  ${line}`),
  ];
  thread.items.forEach((item, index) => {
    lines.push('', `  ${index + 1}. ${item.heading}${item.owner ? `  — ${item.owner}` : ''}`);
    if (item.body) lines.push(`     ${item.body}`);
    if (item.ask) lines.push(`     → ${item.ask}`);
  });
  return lines.join('\n');
}
