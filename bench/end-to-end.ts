import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `check --json` end to end, as a user runs it: a new Node process reading a JSON Lines file and
 * writing one verdict per line, start-up included. Run on 20,000 and 200,000 lines, it gives the
 * rate and the peak resident memory of each, which should stay flat as the file grows.
 */

export interface EndToEndRun {
  lines: number;
  seconds: number;
  invitesPerSecond: number;
  peakRssMiB: number;
  verdictLines: number;
}

const peakRssScript = fileURLToPath(new URL('./peak-rss.js', import.meta.url));

export async function writeInviteLines(path: string, sourceLines: readonly string[], count: number): Promise<void> {
  const out = createWriteStream(path);
  for (let index = 0; index < count; index++) {
    const record = JSON.parse(sourceLines[index % sourceLines.length]!) as Record<string, unknown>;
    if (!out.write(`${JSON.stringify({ ...record, id: `bench-${index}` })}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export async function runCheck(path: string, lines: number): Promise<EndToEndRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [peakRssScript, 'check', '--json', path], { stdio: ['ignore', 'pipe', 'pipe'] });
  let verdictLines = 0;
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    for (const byte of chunk) if (byte === 0x0a) verdictLines++;
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number];
  const seconds = (performance.now() - started) / 1000;
  const rss = /peak-rss-kib (\d+)/.exec(stderr);
  if (code !== 0 || !rss) throw new Error(`check exited ${code}: ${stderr.slice(0, 300)}`);
  return { lines, seconds, invitesPerSecond: lines / seconds, peakRssMiB: Number(rss[1]) / 1024, verdictLines };
}

export async function measureEndToEnd(sourceLines: readonly string[], sizes: readonly number[]): Promise<EndToEndRun[]> {
  const folder = mkdtempSync(join(tmpdir(), 'invite-challenger-bench-'));
  try {
    const runs: EndToEndRun[] = [];
    for (const lines of sizes) {
      const path = join(folder, `invites-${lines}.jsonl`);
      await writeInviteLines(path, sourceLines, lines);
      runs.push(await runCheck(path, lines));
      rmSync(path);
    }
    return runs;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
