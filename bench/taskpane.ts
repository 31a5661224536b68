import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import { chromium, type Browser } from 'playwright-core';
import { measureTaskpaneBundle, type TaskpaneBundle } from './taskpane-bundle.js';

/**
 * The Outlook add-in's figures for `npm run bench` (issue 14, Measured), from the built dist/:
 * - the task pane's initial JavaScript (gzip);
 * - in headless Chromium, time from navigation to `performance.mark('first-verdict')`, and from
 *   the pane's Office.onReady answer (`office-ready` mark) to the first verdict: in preview mode
 *   (the real office.js copy, host null) and in Outlook mode (test/e2e/fake-office.js stands in
 *   for office.js with an appointment draft);
 * - the Smart Alert handler's decision time: dist/launchevent.js run in a Node vm context with a
 *   fake Office and a fake send event, over the labelled invites, nothing stored in sessionData
 *   (the handler reads the draft and judges it) and with a fresh verdict already stored.
 */

export interface PaneTiming {
  mode: 'preview' | 'outlook';
  runs: number;
  navigationToVerdictP50Ms: number;
  navigationToVerdictMaxMs: number;
  readyToVerdictP50Ms: number;
  readyToVerdictMaxMs: number;
}

export interface SmartAlertTiming {
  path: 'judged' | 'stored';
  events: number;
  p50Ms: number;
  p99Ms: number;
  blocked: number;
}

export interface TaskpaneFigures {
  bundle: TaskpaneBundle;
  panes: PaneTiming[];
  smartAlert: SmartAlertTiming[];
}

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.png': 'image/png' };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

function serve(dist: string): Promise<{ server: Server; base: string }> {
  const server = createServer((request, response) => {
    const file = join(dist, normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)));
    if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

async function timePane(browser: Browser, base: string, mode: PaneTiming['mode'], runs: number): Promise<PaneTiming> {
  const fakeOffice = readFileSync(resolve('test/e2e/fake-office.js'), 'utf8');
  const toVerdict: number[] = [];
  const afterReady: number[] = [];
  for (let run = 0; run < runs; run++) {
    // a new context each run: nothing cached, as when Outlook opens the pane
    const context = await browser.newContext({ viewport: { width: 420, height: 900 } });
    const page = await context.newPage();
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname !== '127.0.0.1') return route.abort();
      if (mode === 'outlook' && url.pathname.endsWith('/office/office.js')) return route.fulfill({ contentType: 'text/javascript', body: fakeOffice });
      return route.continue();
    });
    await page.goto(`${base}/taskpane.html`);
    await page.waitForFunction(() => performance.getEntriesByName('first-verdict').length > 0, undefined, { timeout: 15_000 });
    const marks = await page.evaluate(() => ({
      verdict: performance.getEntriesByName('first-verdict')[0]!.startTime,
      ready: performance.getEntriesByName('office-ready')[0]?.startTime ?? 0,
    }));
    toVerdict.push(marks.verdict);
    afterReady.push(marks.verdict - marks.ready);
    await context.close();
  }
  return {
    mode,
    runs,
    navigationToVerdictP50Ms: percentile(toVerdict, 50),
    navigationToVerdictMaxMs: Math.max(...toVerdict),
    readyToVerdictP50Ms: percentile(afterReady, 50),
    readyToVerdictMaxMs: Math.max(...afterReady),
  };
}

interface FakeEvent {
  completed(options?: Record<string, unknown>): void;
}

/** Runs the built launch-event bundle as Outlook would: Office.actions.associate registers the handlers. */
function loadHandlers(bundle: string, office: Record<string, unknown>): { handlers: Record<string, (event: FakeEvent) => Promise<void>>; DateInContext: DateConstructor } {
  const handlers: Record<string, (event: FakeEvent) => Promise<void>> = {};
  const context = vm.createContext({
    Office: { ...office, actions: { associate: (name: string, handler: (event: FakeEvent) => Promise<void>) => (handlers[name] = handler) } },
    setTimeout,
    clearTimeout,
    console,
  });
  vm.runInContext(bundle, context, { filename: 'launchevent.js' });
  // Office hands the handler Dates of its own realm: `instanceof Date` must hold inside the bundle
  return { handlers, DateInContext: vm.runInContext('Date', context) as DateConstructor };
}

async function timeSmartAlert(lines: string[], path: SmartAlertTiming['path']): Promise<SmartAlertTiming> {
  let current: Record<string, unknown> = {};
  let stored = '';
  // the mailbox owner is the invite's organizer: whether attendees are outsiders depends on it
  const profile = { emailAddress: '', displayName: '' };
  const ok = (value: unknown) => ({ status: 'succeeded', value });
  const get = (name: string) => ({ getAsync: (...args: unknown[]) => queueMicrotask(() => (args.at(-1) as (r: unknown) => void)(ok(current[name]))) });
  const item = {
    subject: get('subject'),
    body: get('body'),
    requiredAttendees: get('requiredAttendees'),
    optionalAttendees: get('optionalAttendees'),
    start: get('start'),
    end: get('end'),
    recurrence: get('recurrence'),
    location: get('location'),
    organizer: get('organizer'),
    sessionData: {
      getAsync: (_key: string, callback: (r: unknown) => void) => queueMicrotask(() => callback(ok(stored))),
      setAsync: (_key: string, value: string, callback: (r: unknown) => void) => queueMicrotask(() => ((stored = value), callback(ok(undefined)))),
    },
    notificationMessages: { addAsync: (_k: string, _d: unknown, callback: (r: unknown) => void) => queueMicrotask(() => callback(ok(undefined))) },
  };
  const office = {
    context: { mailbox: { item, userProfile: profile }, roamingSettings: { get: () => undefined } },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    CoercionType: { Html: 'html', Text: 'text' },
  };
  const { handlers, DateInContext } = loadHandlers(readFileSync(resolve('dist/launchevent.js'), 'utf8'), office);
  const onSend = handlers.onAppointmentSend;
  const onTime = handlers.onAppointmentTimeChanged;
  if (!onSend || !onTime) throw new Error('dist/launchevent.js registered no onAppointmentSend / onAppointmentTimeChanged');

  const invites = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const times: number[] = [];
  let blocked = 0;
  const events = Math.max(invites.length, 300);
  for (let i = 0; i < events; i++) {
    const invite = invites[i % invites.length]!;
    const start = new DateInContext(String(invite.start ?? '2026-03-02T09:00:00Z'));
    const organizer = (invite.organizer as { name?: string; email: string } | undefined) ?? { email: 'organizer@contoso.example.com' };
    const attendees = (invite.attendees as Array<{ name?: string; email: string; type?: string }> | undefined) ?? [];
    current = {
      subject: invite.subject,
      body: invite.body ?? '',
      requiredAttendees: attendees.filter((a) => a.type !== 'optional').map((a) => ({ displayName: a.name ?? a.email, emailAddress: a.email, recipientType: a.type === 'group' ? 'distributionList' : 'user' })),
      optionalAttendees: attendees.filter((a) => a.type === 'optional').map((a) => ({ displayName: a.name ?? a.email, emailAddress: a.email, recipientType: 'user' })),
      start,
      end: new DateInContext(start.getTime() + Number(invite.durationMinutes ?? 30) * 60_000),
      recurrence: invite.recurrence ? { recurrenceType: invite.recurrence === 'biweekly' ? 'weekly' : invite.recurrence, recurrenceProperties: { interval: invite.recurrence === 'biweekly' ? 2 : 1 } } : null,
      location: invite.location ?? '',
      organizer: { displayName: organizer.name ?? organizer.email, emailAddress: organizer.email },
    };
    profile.emailAddress = organizer.email;
    profile.displayName = organizer.name ?? organizer.email;
    stored = '';
    // "stored": the attendees/time handler has already kept a verdict in sessionData
    if (path === 'stored') await onTime({ completed: () => undefined });
    const began = performance.now();
    const options = await new Promise<Record<string, unknown> | undefined>((done) => void onSend({ completed: done }));
    times.push(performance.now() - began);
    if (options?.allowEvent === false) blocked++;
  }
  return { path, events, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), blocked };
}

export async function measureTaskpane(lines: string[], options: { runs?: number } = {}): Promise<TaskpaneFigures> {
  const dist = resolve('dist');
  const bundle = measureTaskpaneBundle(dist);
  const { server, base } = await serve(dist);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const panes: PaneTiming[] = [];
  try {
    for (const mode of ['preview', 'outlook'] as const) panes.push(await timePane(browser, base, mode, options.runs ?? 10));
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
  }
  const smartAlert = [await timeSmartAlert(lines, 'judged'), await timeSmartAlert(lines, 'stored')];
  return { bundle, panes, smartAlert };
}

/** The lines bench/run.ts prints. */
export function describeTaskpane(figures: TaskpaneFigures): string[] {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const lazy = figures.bundle.onDemand.reduce((sum, file) => sum + file.gzipBytes, 0) / 1024;
  return [
    `  initial JavaScript:        ${figures.bundle.initialGzipKb.toFixed(1)} KB gzip (target ≤ 200; ${figures.bundle.initial.length} file, office.js not counted), ${lazy.toFixed(1)} KB more on demand`,
    ...figures.panes.map(
      (pane) =>
        `  first verdict, ${pane.mode.padEnd(7)}:   ${ms(pane.navigationToVerdictP50Ms)} after navigation (max ${ms(pane.navigationToVerdictMaxMs)}), ` +
        `${ms(pane.readyToVerdictP50Ms)} after Office.onReady (max ${ms(pane.readyToVerdictMaxMs)}; target ≤ 100), ${pane.runs} cold loads`,
    ),
    ...figures.smartAlert.map(
      (alert) =>
        `  Smart Alert decision, ${alert.path === 'judged' ? 'judged at send' : 'verdict stored'}: p50 ${ms(alert.p50Ms)}, p99 ${ms(alert.p99Ms)} (target ≤ 300; ${alert.events} sends, ${alert.blocked} blocked)`,
    ),
  ];
}

if (process.argv[1]?.endsWith('taskpane.ts') || process.argv[1]?.endsWith('taskpane.js')) {
  const source = resolve('test/fixtures/labelled-invites.jsonl');
  const lines = readFileSync(source, 'utf8').split('\n').filter((line) => line.trim() !== '');
  console.log('Outlook task pane and Smart Alert (built dist/, headless Chromium, launchevent.js in a Node vm)');
  for (const line of describeTaskpane(await measureTaskpane(lines))) console.log(line);
}
