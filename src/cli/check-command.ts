import type { Verdict, VerdictKind } from '../core/verdict.js';
import type { Judge } from '../judge/judge.js';
import { formatVerdict } from './format-verdict.js';
import { exitCodes, type CliIo } from './io.js';
import { openInviteBatches } from './invite-batches.js';
import { judgeAll } from './judge-file.js';
import { ProgressLine } from './progress-line.js';
import { InputError } from './read-invites.js';

export interface CheckOptions {
  files: string[];
  json: boolean;
  judge: Judge;
}

/**
 * Judges every invite in each file, a batch at a time: read, judge, write, so memory stays flat
 * however long the file. Problems are reported line by line and end in exit status 2; a file that
 * cannot be read at all is one problem and the other files are still judged. Human output ends
 * with a summary: what was judged, and the time and money the async and trim verdicts give back.
 */
export async function checkCommand(options: CheckOptions, io: CliIo): Promise<number> {
  let exitStatus: number = exitCodes.ok;
  const summary = new Summary();
  for (const file of options.files) {
    const progress = io.progress ? new ProgressLine(io.progress, file) : undefined;
    try {
      const input = await openInviteBatches(file, io.stdin, { onBytes: (bytes) => progress?.readBytes(bytes) });
      progress?.setSize(input.sizeBytes);
      let found = 0;
      for await (const batch of input.batches) {
        for (const problem of batch.problems) io.stderr(problem);
        const verdicts = await judgeAll(batch.entries, options.judge);
        const lines = batch.entries.map((entry, index) =>
          options.json ? JSON.stringify({ id: entry.id, ...verdicts[index]! }) : `${formatVerdict(entry.id, entry.invite.subject, verdicts[index]!)}\n`,
        );
        progress?.clear();
        if (lines.length > 0) io.stdout(lines.join('\n'));
        await io.flush?.();
        found += batch.entries.length + batch.problems.length;
        summary.add(verdicts, batch.problems.length);
        progress?.judged(batch.entries.length);
        if (batch.problems.length > 0) exitStatus = exitCodes.badInput;
      }
      if (found === 0) {
        io.stderr(`${input.name}: no invites found`);
        exitStatus = exitCodes.badInput;
      }
    } catch (error) {
      if (!(error instanceof InputError) || options.files.length === 1) throw error;
      io.stderr(`invite-challenger: ${error.message}`);
      summary.add([], 1);
      exitStatus = exitCodes.badInput;
    } finally {
      progress?.clear();
    }
  }
  if (!options.json && summary.judged > 0) io.stdout(summary.format());
  return exitStatus;
}

/** The closing block, kept as running totals: counts per verdict and what async and trim give back. */
export class Summary {
  judged = 0;
  problems = 0;
  private readonly counts: Record<VerdictKind, number> = { async: 0, trim: 0, keep: 0 };
  private hoursBack = 0;
  private amountBack = 0;
  private currency: string | undefined;

  add(verdicts: readonly Verdict[], problems = 0): void {
    this.problems += problems;
    for (const verdict of verdicts) {
      this.judged++;
      this.counts[verdict.verdict]++;
      this.currency ??= verdict.cost.currency;
      // Async gives back the whole meeting; trim the minutes it no longer needs.
      const share =
        verdict.verdict === 'async' ? 1 : verdict.verdict === 'trim' && verdict.suggestion ? 1 - verdict.suggestion.keepMinutes / Math.max(verdict.cost.minutes, 1) : 0;
      this.hoursBack += verdict.cost.personHours * share;
      this.amountBack += verdict.cost.amount * share;
    }
  }

  format(): string {
    const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
    const { async, trim, keep } = this.counts;
    return [
      `Summary: ${plural(this.judged, 'invite')} judged — ${async} async, ${trim} trim, ${keep} keep` +
        (this.problems > 0 ? `; ${plural(this.problems, 'error')} skipped (see above)` : ''),
      `  Async and trim would give back ${this.hoursBack.toFixed(1)} person-hours (${this.currency ?? 'USD'} ${Math.round(this.amountBack).toLocaleString('en-US')}) for one occurrence of each meeting`,
    ].join('\n');
  }
}
