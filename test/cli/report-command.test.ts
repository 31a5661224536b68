import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { main } from '../../src/cli.js';
import type { CliIo } from '../../src/cli/io.js';
import { loadServerConfig } from '../../src/config.js';
import { createAuthenticator } from '../../src/server/authentication.js';
import { buildApp } from '../../src/server/app.js';
import { openStore, type Store } from '../../src/store/database.js';
import { startSmtpSink, type SmtpSink } from '../mail/smtp-sink.js';

/** `report`, `users import` through the CLI's main(), mailing a real SMTP server and unsubscribing at the real route. */

const user = 'ana@acme.example.com';
const crew = ['ORGANIZER;CN=Bob:mailto:bob@acme.example.com', `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${user}`, ...['cem', 'dia', 'eva', 'finn'].map((name) => `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${name}@acme.example.com`)];
const calendarText = (owner = user) =>
  [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN',
    'BEGIN:VEVENT', 'UID:status-round', 'SUMMARY:Daily status round', 'DESCRIPTION:Status update from each team\\nFYI: release notes\\nMetrics update: support queue',
    'DTSTART;TZID=Europe/Berlin:20261001T093000', 'DTEND;TZID=Europe/Berlin:20261001T100000', 'RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR',
    ...crew.map((line) => line.replace(user, owner)), 'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');

describe('invite-challenger report and users import', () => {
  let folder: string;
  let sink: SmtpSink;
  let app: FastifyInstance;
  let serverStore: Store;
  let env: Record<string, string>;
  const secret = 'cli-report-test-secret-0123456789';

  const run = async (argv: string[], extraEnv: Record<string, string> = {}) => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const progress: string[] = [];
    const io: CliIo = { stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text), stdin: () => [Buffer.from('')], env: { ...env, ...extraEnv }, progress: (line) => progress.push(line) };
    const status = await main(argv, io);
    return { status, stdout: stdout.join('\n'), stderr: stderr.join('\n'), progress };
  };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'invite-challenger-report-cli-'));
    writeFileSync(join(folder, 'ana.ics'), calendarText());
    sink = await startSmtpSink();
    const sqlitePath = join(folder, 'store.sqlite');
    serverStore = await openStore({ sqlitePath });
    const config = loadServerConfig({ SQLITE_PATH: sqlitePath, REPORT_SIGNING_SECRET: secret, LOG_LEVEL: 'silent' });
    app = await buildApp({ config, store: serverStore, authenticate: createAuthenticator(config) });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const publicUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    env = { SQLITE_PATH: sqlitePath, SMTP_URL: sink.url, MAIL_FROM: 'Invite Challenger <challenger@example.com>', REPORT_SIGNING_SECRET: secret, PUBLIC_URL: publicUrl, LOG_LEVEL: 'silent' };
  });
  afterAll(async () => {
    await app.close();
    await serverStore.close();
    await sink.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('renders one calendar\'s week to an HTML file, with no server and no keys', async () => {
    const out = join(folder, 'report.html');
    const result = await run(['report', '--ics', join(folder, 'ana.ics'), '--user', user, '--week', '2026-W49', '--time-zone', 'Europe/Berlin', '--out', out], { SMTP_URL: '', MAIL_FROM: '' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('could have been async');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html/i);
    expect(html).toContain('Daily status round');
    expect(sink.received).toHaveLength(0);
  });

  it('mails it once with --send: subject, both parts, and an unsubscribe link that works at the server', async () => {
    const argv = ['report', '--ics', join(folder, 'ana.ics'), '--user', user, '--week', '2026-W49', '--time-zone', 'Europe/Berlin', '--send'];
    const first = await run(argv);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`sent to ${user}`);
    const again = await run(argv);
    expect(again.stdout).toContain('already sent');
    expect(sink.received).toHaveLength(1);

    const { parsed, envelopeTo } = sink.received[0]!;
    expect(envelopeTo).toEqual([user]);
    expect(parsed.subject).toMatch(/^[\d.]+ h in meetings that could have been async \(week 49/);
    expect(parsed.text).toContain('Daily status round');
    expect(parsed.html).toContain('Daily status round');
    const lines = Object.fromEntries(parsed.headerLines.map((line) => [line.key, line.line]));
    expect(lines['list-unsubscribe-post']).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const unsubscribeUrl = /<([^>]+)>/.exec(lines['list-unsubscribe'] ?? '')?.[1];
    expect(unsubscribeUrl).toMatch(new RegExp(`^${env.PUBLIC_URL}/unsubscribe\\?t=`));
    expect(parsed.text).toContain(unsubscribeUrl);

    // RFC 8058 one-click, as the mailbox provider sends it.
    const response = await fetch(unsubscribeUrl!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(response.status).toBe(200);
    expect((await serverStore.settings.getSettings({ tenantId: 'local', userId: user })).reportOptIn).toBe(false);
    const nextWeek = await run([...argv.slice(0, 6), '2026-W50', ...argv.slice(7)]);
    expect(nextWeek.stdout).toContain('unsubscribed');
    expect(sink.received).toHaveLength(1);
  });

  it('imports users line by line, naming each bad line, and keeps the good ones', async () => {
    const lines = [
      { email: 'Kenji@Example.com', name: 'Kenji', timeZone: 'Asia/Tokyo', calendar: { ics: join(folder, 'kenji.ics') } },
      { email: 'maria@example.com', timeZone: 'Mars/Olympus', calendar: { ics: join(folder, 'maria.ics') } },
      'not json',
      { email: 'lee@example.com', timeZone: 'America/Los_Angeles', calendar: { ics: join(folder, 'lee.ics') } },
      { email: 'sam@example.com', timeZone: 'UTC', calendar: { outlook: 'sam' } },
    ];
    writeFileSync(join(folder, 'users.jsonl'), lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n'));
    writeFileSync(join(folder, 'kenji.ics'), calendarText('kenji@example.com'));
    writeFileSync(join(folder, 'lee.ics'), calendarText('lee@example.com'));
    const result = await run(['users', 'import', join(folder, 'users.jsonl')]);
    expect(result.status).toBe(2);
    const errors = result.stderr.split('\n');
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/users\.jsonl:2: timeZone: must be an IANA time zone/);
    expect(errors[1]).toMatch(/users\.jsonl:3: not valid JSON/);
    expect(errors[2]).toMatch(/users\.jsonl:5: calendar: expected exactly one of \{"ics": …\}/);
    expect(result.stdout).toContain('2 users imported, 3 lines rejected');
    const emails = (await serverStore.users.listUsers()).map((each) => each.email);
    expect(emails).toEqual(expect.arrayContaining(['kenji@example.com', 'lee@example.com']));
    expect(emails).not.toContain('maria@example.com');
  });

  it('sends every opted-in user their report with --all, with a progress line, and nothing more on a rerun', async () => {
    const before = sink.received.length;
    const result = await run(['report', '--all', '--week', '2026-W49', '--send']);
    expect(result.stderr).toMatch(/2026-W49 \[#+\] 2 done · 0 failed · 0 remaining/);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('2026-W49: 2 sent, 0 skipped (already sent or unsubscribed), 0 failed');
    expect(result.progress.some((line) => /1 done · 0 failed · 1 remaining|0 done · 0 failed · 2 remaining/.test(line))).toBe(true);
    expect(sink.received.slice(before).map((mail) => mail.envelopeTo[0]).sort()).toEqual(['kenji@example.com', 'lee@example.com']);
    const rerun = await run(['report', '--all', '--week', '2026-W49', '--send']);
    expect(rerun.stdout).toBe('2026-W49: 0 sent, 2 skipped (already sent or unsubscribed), 0 failed');
    expect(sink.received.length - before).toBe(2);
  });

  it('keeps an unsubscribed user unsubscribed when a re-import leaves optIn out, and changes it only when optIn is given', async () => {
    const line = { email: 'rita@example.com', timeZone: 'UTC', calendar: { ics: join(folder, 'rita.ics') } };
    const file = join(folder, 'rita.jsonl');
    writeFileSync(file, JSON.stringify(line));
    expect((await run(['users', 'import', file])).status).toBe(0);
    const key = { tenantId: 'local', userId: 'rita@example.com' };
    expect((await serverStore.settings.getSettings(key)).reportOptIn).toBe(true);
    await serverStore.settings.putSettings(key, { reportOptIn: false });
    expect((await run(['users', 'import', file])).status).toBe(0);
    expect((await serverStore.settings.getSettings(key)).reportOptIn).toBe(false);
    writeFileSync(file, JSON.stringify({ ...line, optIn: true }));
    expect((await run(['users', 'import', file])).status).toBe(0);
    expect((await serverStore.settings.getSettings(key)).reportOptIn).toBe(true);
    await serverStore.settings.putSettings(key, { reportOptIn: false });
  });

  it('exits 2 with one line for a bad week, a missing calendar file and missing options', async () => {
    const badWeek = await run(['report', '--ics', join(folder, 'ana.ics'), '--user', user, '--week', '2026-W60', '--out', join(folder, 'x.html')]);
    expect(badWeek).toMatchObject({ status: 2 });
    expect(badWeek.stderr).toMatch(/^invite-challenger: --week "2026-W60": 2026 has weeks W01 to W53$/);
    const missing = await run(['report', '--ics', join(folder, 'nope.ics'), '--user', user, '--week', '2026-W49', '--out', join(folder, 'x.html')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('nope.ics');
    const noUser = await run(['report', '--ics', join(folder, 'ana.ics'), '--week', '2026-W49', '--out', join(folder, 'x.html')]);
    expect(noUser).toMatchObject({ status: 2, stderr: expect.stringContaining('--user') });
    const badUser = await run(['report', '--ics', join(folder, 'ana.ics'), '--user', 'ana', '--week', '2026-W49', '--out', join(folder, 'x.html')]);
    expect(badUser.status).toBe(2);
    expect(badUser.stderr).toMatch(/^invite-challenger: --user "ana": expected an e-mail address/);
  });
});
