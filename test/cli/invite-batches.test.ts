import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import type { CliIo } from '../../src/cli/io.js';
import { openInviteBatches } from '../../src/cli/invite-batches.js';
import { InputError, type InviteSource } from '../../src/cli/read-invites.js';

const line = (id: string, subject = 'Weekly status readout') =>
  JSON.stringify({ id, subject, body: 'Each team reads out its status.', start: '2025-06-02T09:00:00Z', durationMinutes: 30 });

/** Cuts text into chunks of `size` bytes, the way a pipe delivers it: lines and characters split anywhere. */
function chunked(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) chunks.push(bytes.subarray(offset, offset + size));
  return chunks;
}

async function collect(batches: AsyncGenerator<InviteSource>): Promise<InviteSource[]> {
  const all: InviteSource[] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}

/** Enough lines to pass the 64 KB peek, so the input really streams. */
const manyLines = (count: number) => Array.from({ length: count }, (_, index) => line(`i${index + 1}`));

describe('reading invites in batches', () => {
  it('streams JSON Lines from stdin in batches, with line numbers right across chunk boundaries', async () => {
    const lines = manyLines(1200);
    lines[700] = '{"id": broken';
    const input = await openInviteBatches('-', () => chunked(lines.join('\n'), 777), { batchSize: 250 });
    const batches = await collect(input.batches);
    expect(batches.length).toBeGreaterThanOrEqual(4);
    expect(batches.every((batch) => batch.entries.length + batch.problems.length <= 250)).toBe(true);
    const entries = batches.flatMap((batch) => batch.entries);
    expect(entries).toHaveLength(1199);
    expect(entries.map((entry) => entry.line)).toEqual(Array.from({ length: 1200 }, (_, index) => index + 1).filter((n) => n !== 701));
    expect(batches.flatMap((batch) => batch.problems)).toEqual([expect.stringMatching(/^stdin:701: invalid JSON: /)]);
  });

  it('decodes a character split between two chunks', async () => {
    const lines = [...manyLines(600), line('accented', 'Réunion d’équipe — état hebdomadaire')];
    const input = await openInviteBatches('-', () => chunked(lines.join('\n'), 5));
    const entries = (await collect(input.batches)).flatMap((batch) => batch.entries);
    expect(entries.at(-1)!.invite.subject).toBe('Réunion d’équipe — état hebdomadaire');
  });

  it('judges what came before invalid UTF-8 and then stops with one clear error', async () => {
    const good = Buffer.from(`${manyLines(600).join('\n')}\n`);
    const input = await openInviteBatches('-', () => [good, Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a])], { batchSize: 100 });
    const seen: number[] = [];
    const reading = (async () => {
      for await (const batch of input.batches) seen.push(batch.entries.length);
    })();
    await expect(reading).rejects.toThrow(InputError);
    await expect(reading).rejects.toThrow(/^stdin: not valid UTF-8 text .*line 601/);
    expect(seen.reduce((sum, count) => sum + count, 0)).toBe(600);
  });

  it('streams a large stdin whose first line is not JSON, one error for that line', async () => {
    const text = ['this is not an invite', ...manyLines(600)].join('\n');
    const input = await openInviteBatches('-', () => chunked(text, 4096), { batchSize: 100 });
    const batches = await collect(input.batches);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flatMap((batch) => batch.entries)).toHaveLength(600);
    expect(batches.flatMap((batch) => batch.problems)).toEqual([expect.stringMatching(/^stdin:1: invalid JSON/)]);
  });

  it('reads a large pretty-printed JSON invite from stdin as one document, not as JSON Lines', async () => {
    const attendees = Array.from({ length: 1500 }, (_, index) => ({ email: `person${index}@example.com` }));
    const text = JSON.stringify({ id: 'big', subject: 'Quarterly planning', body: 'Decide the roadmap.', start: '2025-06-02T09:00:00Z', durationMinutes: 60, attendees }, null, 2);
    expect(text.length).toBeGreaterThan(64 * 1024);
    const input = await openInviteBatches('-', () => chunked(text, 4096));
    const batches = await collect(input.batches);
    expect(batches.flatMap((batch) => batch.problems)).toEqual([]);
    expect(batches.flatMap((batch) => batch.entries.map((entry) => entry.id))).toEqual(['big']);
  });

  it('writes the first verdicts before the input has ended', async () => {
    const stdout: string[] = [];
    let releaseRest: () => void = () => undefined;
    const restReleased = new Promise<void>((resolve) => (releaseRest = resolve));
    async function* slowPipe(): AsyncGenerator<Buffer> {
      yield Buffer.from(`${manyLines(3000).join('\n')}\n`);
      await restReleased; // the rest arrives only once verdicts have been written
      yield Buffer.from(`${line('last')}\n`);
    }
    const io: CliIo = {
      stdout: (text) => {
        stdout.push(text);
        releaseRest();
      },
      stderr: () => undefined,
      stdin: slowPipe,
      env: {},
    };
    const status = await main(['check', '--json', '-'], io);
    expect(status).toBe(0);
    const ids = stdout.join('\n').split('\n').map((text) => (JSON.parse(text) as { id: string }).id);
    expect(ids).toHaveLength(3001);
    expect(ids.at(-1)).toBe('last');
  });
});

const folder = mkdtempSync(join(tmpdir(), 'invite-challenger-batches-'));

describe('check with several files', () => {
  it('reports a missing file in one line and still judges the others (exit status 2)', async () => {
    const good = join(folder, 'good.jsonl');
    writeFileSync(good, `${line('one')}\n${line('two')}\n`);
    const stdout: string[] = [];
    const stderr: string[] = [];
    const io: CliIo = { stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text), stdin: () => [], env: {} };
    const status = await main(['check', join(folder, 'missing.jsonl'), good], io);
    expect(status).toBe(2);
    expect(stderr).toEqual([`invite-challenger: ${join(folder, 'missing.jsonl')}: no such file`]);
    expect(stdout.join('\n')).toMatch(/Summary: 2 invites judged .*; 1 error skipped/);
  });
});

describe('the progress line', () => {
  it('appears only for a large input and is wiped before verdicts are written', async () => {
    const big = join(folder, 'big.jsonl');
    writeFileSync(big, `${manyLines(9000).join('\n')}\n`); // over a megabyte
    const events: string[] = [];
    const io: CliIo = {
      stdout: () => events.push('verdicts'),
      stderr: (text) => events.push(`error ${text}`),
      stdin: () => [],
      env: {},
      progress: (text) => events.push(text === '' ? 'clear' : 'progress'),
    };
    expect(await main(['check', '--json', big], io)).toBe(0);
    expect(events).toContain('progress');
    // Never a verdict while a progress line is on screen, and none left at the end.
    let onScreen = false;
    for (const event of events) {
      if (event === 'progress') onScreen = true;
      if (event === 'clear') onScreen = false;
      if (event === 'verdicts') expect(onScreen).toBe(false);
    }
    expect(onScreen).toBe(false);

    const smallEvents: string[] = [];
    const small = join(folder, 'small.jsonl');
    writeFileSync(small, `${line('one')}\n`);
    await main(['check', small], { ...io, progress: (text) => smallEvents.push(text) });
    expect(smallEvents).toEqual([]);
  });
});
