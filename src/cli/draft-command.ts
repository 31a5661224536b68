import type { AsyncThread, Verdict } from '../core/verdict.js';
import type { ThreadDrafter } from '../drafting/thread-drafter.js';
import type { Judge } from '../judge/judge.js';
import { judgeAll } from './check-command.js';
import { exitCodes, type CliIo } from './io.js';
import { readInviteSource } from './read-invites.js';

export interface DraftOptions {
  file: string;
  json: boolean;
  judge: Judge;
  drafter: ThreadDrafter;
}

/** Judges each invite and prints the async thread that would replace or shorten it. */
export async function draftCommand(options: DraftOptions, io: CliIo): Promise<number> {
  const source = await readInviteSource(options.file, io.readStdin);
  for (const problem of source.problems) io.stderr(problem);
  const verdicts = await judgeAll(source.entries, options.judge);
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
  if (source.entries.length === 0 && source.problems.length === 0) io.stderr(`${options.file}: no invites found`);
  return source.problems.length > 0 || source.entries.length === 0 ? exitCodes.badInput : exitCodes.ok;
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
