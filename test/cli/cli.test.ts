import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../src/cli.js';
import type { CliIo } from '../../src/cli/io.js';
import { verdictSchema } from '../../src/core/verdict.js';
import { haveShared, sharedDirectory } from '../support/shared-data.js';

/** Runs the CLI in-process and captures what it writes. */
async function run(argv: string[], options: { stdin?: string | Buffer; env?: Record<string, string> } = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = {
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
    stdin: () => [Buffer.from(options.stdin ?? '')],
    env: options.env ?? {},
  };
  const status = await main(argv, io);
  return { status, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

const folder = mkdtempSync(join(tmpdir(), 'invite-challenger-cli-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
};

const invite = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    subject: 'Weekly trading update',
    body: 'Sales vs budget by state, top and bottom stores, stock cover. The numbers are live in the dashboard.',
    organizer: { email: 'mei@shop.example.com' },
    attendees: Array.from({ length: 9 }, (_, i) => ({ email: `p${i}@shop.example.com` })),
    start: '2025-06-02T09:00:00+10:00',
    durationMinutes: 30,
    recurrence: 'weekly',
    ...overrides,
  });

describe('invite-challenger check', () => {
  it('prints one JSON line per invite with the id and a valid verdict', async () => {
    const path = file('two.jsonl', `${invite({ id: 'trading' })}\n${invite({ id: 'sync', subject: 'Sync', body: '' })}\n`);
    const result = await run(['check', '--json', path]);
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.id)).toEqual(['trading', 'sync']);
    expect(lines.map((line) => line.verdict)).toEqual(['async', 'keep']);
    for (const { id: _id, ...verdict } of lines) expect(() => verdictSchema.parse(verdict)).not.toThrow();
  });

  it('prints a readable verdict with reasons and cost by default', async () => {
    const result = await run(['check', file('one.json', invite({ id: 'trading' }))]);
    expect(result.stdout).toContain('ASYNC');
    expect(result.stdout).toMatch(/• .*status updates|• One-way information/);
    expect(result.stdout).toMatch(/Cost: 10 people × 30 min = 5 person-hours, USD 375; 21\.67 person-hours, USD 1,625 a month/);
  });

  it('judges the good lines, reports each bad one with file, line and field, and exits 2', async () => {
    const path = file('mixed.jsonl', [invite({ id: 'a' }), '{"subject": "no time"', invite({ id: 'c', start: 'tomorrow' }), invite({ id: 'd' })].join('\n'));
    const result = await run(['check', '--json', path]);
    expect(result.status).toBe(2);
    expect(result.stdout.split('\n').map((line) => JSON.parse(line).id)).toEqual(['a', 'd']);
    const problems = result.stderr.split('\n');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(new RegExp(`^${path}:2: invalid JSON`));
    expect(problems[1]).toMatch(new RegExp(`^${path}:3: field "start": expected an ISO 8601`));
  });

  it('reads an .ics calendar', async () => {
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:standup-1', 'DTSTART:20250602T090000Z', 'DTEND:20250602T091500Z',
      'SUMMARY:Level design standup', 'DESCRIPTION:Yesterday / today / blockers. 15 min hard stop.', 'RRULE:FREQ=DAILY',
      'ORGANIZER;CN=Lead:mailto:lead@studio.example.net', 'ATTENDEE;CN=A:mailto:a@studio.example.net', 'ATTENDEE;CN=B:mailto:b@studio.example.net',
      'ATTENDEE;CN=C:mailto:c@studio.example.net', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    const result = await run(['check', '--json', file('standup.ics', ics)]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: 'standup-1', verdict: 'async', cost: { attendees: 4, minutes: 15 } });
  });

  it('reads standard input when the file is -', async () => {
    const result = await run(['check', '--json', '-'], { stdin: invite({ id: 'piped' }) });
    expect(JSON.parse(result.stdout).id).toBe('piped');
  });

  it.each([
    ['an empty file', () => file('empty.jsonl', ''), /empty input/],
    ['a binary file', () => file('image.json', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0x0d, 0x0a])), /binary data/],
    ['invalid UTF-8', () => file('latin1.jsonl', Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d])), /not valid UTF-8 text \(bad byte at offset 2\)/],
    ['a missing file', () => join(folder, 'nope.ics'), /no such file/],
    ['UTF-16 text', () => file('utf16.json', Buffer.from([0xff, 0xfe, 0x7b, 0x00])), /UTF-16 text; save it as UTF-8/],
    ['a bad byte after a multi-byte character', () => file('euro.jsonl', Buffer.concat([Buffer.from('abc€def'), Buffer.from([0xc3])])), /bad byte at offset 9/],
  ])('refuses %s with one clear line and exit status 2', async (_case, makePath, message) => {
    const result = await run(['check', makePath()]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it('uses the configured hourly rate and currency', async () => {
    const result = await run(['check', '--json', file('rate.json', invite())], { env: { HOURLY_RATE: '100', CURRENCY: 'EUR' } });
    expect(JSON.parse(result.stdout).cost).toMatchObject({ amount: 500, currency: 'EUR' });
  });

  it.each([
    [['frob'], /unknown command "frob"/],
    [['check'], /check takes one or more files/],
    [['check', '--judge', 'oracle', 'x.jsonl'], /--judge must be one of embedded, llm, hybrid/],
    [['check', '--verbose', 'x.jsonl'], /Unknown option '--verbose'/],
  ])('answers a usage mistake %j with exit status 2', async (argv, message) => {
    const result = await run(argv);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('reports a bad environment variable by name', async () => {
    const result = await run(['check', file('env.json', invite())], { env: { HOURLY_RATE: 'lots' } });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('invite-challenger: invalid configuration: HOURLY_RATE: must be a number');
  });
});

describe('invite-challenger eval', () => {
  it('scores a labelled set and prints the figures', async () => {
    const set = haveShared('invites/dev-invites.jsonl')
      ? { path: resolve(sharedDirectory, 'invites', 'dev-invites.jsonl'), count: 90 }
      : { path: resolve(process.cwd(), 'test', 'fixtures', 'labelled-invites.jsonl'), count: 80 };
    const result = await run(['eval', set.path]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`Invites scored: +${set.count}`));
    expect(result.stdout).toMatch(/Sensitive judged async: +0/);
    expect(result.stdout).toMatch(/Confusion matrix/);
  });

  it('prints JSON figures with --json', async () => {
    const lines = [invite({ id: 'a', label: 'async', sensitive: false }), invite({ id: 'b', label: 'keep', sensitive: false })];
    const result = await run(['eval', '--json', file('labelled.jsonl', lines.join('\n'))]);
    const figures = JSON.parse(result.stdout);
    expect(figures).toMatchObject({ count: 2, accuracy: 0.5, sensitiveJudgedAsync: 0 });
    expect(figures.confusion.keep.async).toBe(1);
  });

  it('names the lines that have no label', async () => {
    const result = await run(['eval', file('unlabelled.jsonl', `${invite({ label: 'async' })}\n${invite()}\n`)]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unlabelled\.jsonl:2: field "label"/);
  });
});

describe('the installed command', () => {
  const exec = promisify(execFile);
  const bin = resolve(process.cwd(), 'bin', 'invite-challenger.js');

  it('runs from the built output with the documented exit statuses', async () => {
    const ok = await exec('node', [bin, 'check', '--json', file('bin.json', invite({ id: 'bin' }))]);
    expect(JSON.parse(ok.stdout).id).toBe('bin');
    await expect(exec('node', [bin, 'check', join(folder, 'missing.ics')])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^invite-challenger: .*missing\.ics: no such file\n$/),
    });
  });
});

describe('invite-challenger draft', () => {
  it('prints the thread that replaces an async meeting', async () => {
    const result = await run(['draft', file('draft.json', invite({ id: 'trading', start: '2030-06-03T09:00:00+10:00' }))]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^trading {2}\[ASYNC\] Async update: Weekly trading update/);
    expect(result.stdout).toContain('Reply by: 2030-06-03');
    expect(result.stdout).toMatch(/→ .*by Monday 3 June/);
  });

  it('prints JSON with a null thread for a meeting worth keeping', async () => {
    const lines = [invite({ id: 'a' }), invite({ id: 'b', subject: 'Sync', body: '' })].join('\n');
    const result = await run(['draft', '--json', file('draft.jsonl', lines)]);
    const [first, second] = result.stdout.split('\n').map((line) => JSON.parse(line));
    expect(first).toMatchObject({ id: 'a', verdict: 'async', judge: 'embedded', thread: { source: 'template' } });
    expect(second).toEqual({ id: 'b', verdict: 'keep', judge: 'embedded', thread: null });
  });
});

describe('check with an LLM configured by environment variables', () => {
  it('uses the LLM judge and falls back, saying judge "embedded", when the server is unreachable', async () => {
    const env = { LLM_PROVIDER: 'openai-compatible', LLM_BASE_URL: 'http://127.0.0.1:9/v1', LLM_MODEL: 'm', LLM_TIMEOUT_MS: '1000' };
    const result = await run(['check', '--json', '--judge', 'llm', file('llm.json', invite({ id: 'x' }))], { env });
    expect(result.status).toBe(0);
    const verdict = JSON.parse(result.stdout);
    expect(verdict.judge).toBe('embedded');
    expect(verdict.reasons[0]).toMatch(/^The LLM was unavailable/);
  });

  it('refuses --judge llm without a provider, naming the variable', async () => {
    const result = await run(['check', '--judge', 'llm', file('nollm.json', invite())]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/LLM_PROVIDER: required for JUDGE=llm/);
  });
});

describe('invite-challenger check on several inputs', () => {
  it('judges several files in one run and ends with one summary', async () => {
    const result = await run(['check', resolve('examples', 'team-week.ics'), resolve('examples', 'invites.jsonl')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Summary: 10 invites judged — \d+ async, \d+ trim, \d+ keep\n/);
    expect(result.stdout).toMatch(/would give back [\d.]+ person-hours \(USD [\d,]+\)/);
    expect(result.stdout.match(/Summary:/g)).toHaveLength(1);
  });

  it('reads piped JSON Lines with a stray line: one error, the others judged, exit status 2', async () => {
    const stdin = [invite({ id: 'a' }), 'not json at all', invite({ id: 'b' })].join('\n');
    const result = await run(['check', '-'], { stdin });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`stdin:2: invalid JSON: Unexpected token 'o', "not json at all" is not valid JSON`);
    expect(result.stdout).toMatch(/^a {2}/m);
    expect(result.stdout).toMatch(/^b {2}/m);
    expect(result.stdout).toMatch(/Summary: 2 invites judged .*; 1 error skipped/);
  });

  it('prints no summary with --json, only one line per invite', async () => {
    const result = await run(['check', '--json', resolve('examples', 'invites.jsonl')]);
    const lines = result.stdout.split('\n');
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(() => verdictSchema.parse(JSON.parse(line))).not.toThrow();
  });
});
