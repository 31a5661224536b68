import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli.js';
import type { CliIo } from '../../src/cli/io.js';
import { describeWithShared, haveShared, sharedDirectory } from '../support/shared-data.js';

const corpus = resolve(sharedDirectory, 'real-ics');
const files = (haveShared('real-ics') ? readdirSync(corpus, { recursive: true, encoding: 'utf8' }) : [])
  .filter((name) => name.endsWith('.ics'))
  .map((name) => join(corpus, name))
  .sort();

describeWithShared('real-ics', 'check on 297 real .ics files from other projects (a fuzzing corpus among them)', () => {
  it('gives every file verdicts or one-line errors, never a crash', async () => {
    expect(files.length).toBeGreaterThanOrEqual(290);
    const crashes: string[] = [];
    let judged = 0;
    for (const file of files) {
      const stdout: string[] = [];
      const stderr: string[] = [];
      const io: CliIo = { stdout: (text) => stdout.push(...text.split('\n')), stderr: (text) => stderr.push(text), stdin: () => [], env: {} };
      const status = await main(['check', '--json', file], io);
      judged += stdout.length;
      const multiLine = stderr.some((line) => line.includes('\n') || /^\s+at /.test(line));
      if ((status !== 0 && status !== 2) || multiLine || (status === 0 && stdout.length === 0)) crashes.push(`${file} (status ${status})`);
      for (const line of stdout) JSON.parse(line);
    }
    expect(crashes).toEqual([]);
    expect(judged).toBeGreaterThan(800);
  });
});
