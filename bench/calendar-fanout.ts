import type { TimeRange } from '../src/calendars/calendar-source.js';
import { GraphCalendarSource } from '../src/calendars/graph/graph-calendar-source.js';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

/**
 * The weekly report's calendar fan-out through Microsoft Graph: many users' weeks read at once
 * from the fake Graph on 127.0.0.1 (per-request latency, random 429s with Retry-After, the
 * per-mailbox concurrency limit), by the real MSAL + Graph client, with and without `$batch`.
 *
 * The floor is what the limits allow at best: every HTTP request takes the latency, at most
 * `maxInFlight` are in flight, a user's pages and series masters come one after the other
 * (`steps` deep), and a throttled request cannot finish before its Retry-After has passed: the
 * user throttled most often (Graph answers each mailbox on its own) waits that many times.
 */

export interface CalendarFanoutOptions {
  users?: number;
  eventsPerUser?: number;
  /** Recurring series per user (each costs one master read). */
  seriesPerUser?: number;
  latencyMs?: number;
  throttleRate?: number;
  retryAfterSeconds?: number;
  maxInFlight?: number;
  seed?: number;
}

export interface CalendarFanoutRun {
  batch: boolean;
  wallMs: number;
  floorMs: number;
  /** wall / floor; the target is ≤ 1.5. */
  ratio: number;
  /** Time the client's event loop was busy (mapping, JSON; the fake runs on its own thread). */
  clientBusyMs: number;
  httpRequests: number;
  graphRequests: number;
  batches: number;
  throttled: number;
  /** The most 429s one mailbox got: its Retry-After waits are part of the floor. */
  maxThrottledPerMailbox: number;
  concurrencyViolations: number;
  peakPerMailbox: number;
  meetings: number;
  usersLost: number;
}

export interface CalendarFanoutFigures {
  users: number;
  eventsPerUser: number;
  seriesPerUser: number;
  latencyMs: number;
  throttleRate: number;
  retryAfterSeconds: number;
  maxInFlight: number;
  /** The machine while measuring: a loaded one stretches the wall time (client and fake share it). */
  cpuCount: number;
  loadAverage: number;
  runs: CalendarFanoutRun[];
}

const week: TimeRange = { start: new Date('2026-06-01T00:00:00Z'), end: new Date('2026-06-08T00:00:00Z') };

export async function measureCalendarFanout(options: CalendarFanoutOptions = {}): Promise<CalendarFanoutFigures> {
  const settings = {
    users: options.users ?? 2000,
    eventsPerUser: options.eventsPerUser ?? 40,
    seriesPerUser: options.seriesPerUser ?? 2,
    latencyMs: options.latencyMs ?? 20,
    throttleRate: options.throttleRate ?? 0.02,
    retryAfterSeconds: options.retryAfterSeconds ?? 1,
    maxInFlight: options.maxInFlight ?? 16,
    seed: options.seed ?? 42,
  };
  const runs: CalendarFanoutRun[] = [];
  for (const batch of [true, false]) runs.push(await run(settings, batch));
  const { seed: _seed, ...figures } = settings;
  return { ...figures, cpuCount: cpus().length, loadAverage: loadavg()[0] ?? 0, runs };
}

async function run(settings: Required<CalendarFanoutOptions>, batch: boolean): Promise<CalendarFanoutRun> {
  const users = Array.from({ length: settings.users }, (_, index) => `user-${index}@contoso.com`);
  const fake = await startFakeGraphThread({
    users,
    eventsPerUser: settings.eventsPerUser,
    seriesPerUser: settings.seriesPerUser,
    latencyMs: settings.latencyMs,
    throttleRate: settings.throttleRate,
    retryAfterSeconds: settings.retryAfterSeconds,
    seed: settings.seed,
  });
  try {
    const source = new GraphCalendarSource({
      credentials: { tenantId: fake.ready.tenantId, clientId: fake.ready.clientId, clientSecret: fake.ready.clientSecret, authorityUrl: fake.ready.url },
      baseUrl: fake.ready.graphBaseUrl,
      useBatch: batch,
      maxInFlight: settings.maxInFlight,
    });
    // The token is fetched once for the whole run; keep it out of the timing.
    await source.meetings({ graph: users[0]! }, { start: week.start, end: new Date(week.start.getTime() + 1) });
    await fake.ask('reset');
    const statsBefore = { ...source.stats };

    const loopBefore = performance.eventLoopUtilization();
    const startedAt = performance.now();
    const results = await source.meetingsForMany(users.map((user) => ({ account: { graph: user } })), week, { concurrency: settings.users });
    const wallMs = performance.now() - startedAt;
    const loop = performance.eventLoopUtilization(loopBefore);

    const server = (await fake.ask('stats')) as { throttled: number; maxThrottledPerMailbox: number; concurrencyViolations: number; peakPerMailbox: number };
    const httpRequests = source.stats.httpRequests - statsBefore.httpRequests;
    const graphRequests = source.stats.graphRequests - statsBefore.graphRequests;
    const steps = settings.seriesPerUser > 0 ? 2 : 1; // calendarView, then the masters in parallel
    const needed = batch ? Math.ceil((settings.users * (1 + settings.seriesPerUser)) / 20) : settings.users * (1 + settings.seriesPerUser);
    const rounds = Math.max(steps, Math.ceil(needed / settings.maxInFlight));
    // The user throttled most often waits each Retry-After and sends each retry in turn.
    const throttledPath = server.maxThrottledPerMailbox * (settings.retryAfterSeconds * 1000 + settings.latencyMs) + steps * settings.latencyMs;
    const floorMs = Math.max(rounds * settings.latencyMs, throttledPath);
    const usersLost = results.filter((result) => !('meetings' in result) || result.meetings.length !== settings.eventsPerUser).length;
    return {
      batch,
      wallMs,
      floorMs,
      ratio: wallMs / floorMs,
      clientBusyMs: loop.active,
      httpRequests,
      graphRequests,
      batches: source.stats.batches - statsBefore.batches,
      throttled: server.throttled,
      maxThrottledPerMailbox: server.maxThrottledPerMailbox,
      concurrencyViolations: server.concurrencyViolations,
      peakPerMailbox: server.peakPerMailbox,
      meetings: results.reduce((sum, result) => sum + ('meetings' in result ? result.meetings.length : 0), 0),
      usersLost,
    };
  } finally {
    await fake.stop();
  }
}

interface FakeReady {
  url: string;
  graphBaseUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/** The fake Graph on a worker thread (compiled .js in dist; under tsx, the .ts through tsx). */
async function startFakeGraphThread(data: Record<string, unknown>): Promise<{ ready: FakeReady; ask: (message: string) => Promise<unknown>; stop: () => Promise<void> }> {
  const typescript = import.meta.url.endsWith('.ts');
  const worker = new Worker(new URL(`./fake-graph-worker.${typescript ? 'ts' : 'js'}`, import.meta.url), { workerData: data, execArgv: typescript ? ['--import', 'tsx/esm'] : [] });
  const replies: Array<(value: unknown) => void> = [];
  let onReady: (value: FakeReady) => void = () => undefined;
  const ready = new Promise<FakeReady>((resolve, reject) => {
    onReady = resolve;
    worker.once('error', reject);
  });
  worker.on('message', (message: { kind: string }) => {
    if (message.kind === 'ready') onReady(message as unknown as FakeReady);
    else replies.shift()?.(message);
  });
  return {
    ready: await ready,
    ask: (message) =>
      new Promise((resolve) => {
        replies.push(resolve);
        worker.postMessage(message);
      }),
    stop: async () => {
      worker.postMessage('stop');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

/** The figures as the lines `npm run bench` prints. */
export function describeCalendarFanout(figures: CalendarFanoutFigures): string[] {
  const lines = [
    `  ${figures.users.toLocaleString('en-US')} users × ${figures.eventsPerUser} events (${figures.seriesPerUser} recurring series each), ${figures.latencyMs} ms latency, ` +
      `${(figures.throttleRate * 100).toFixed(0)} % random 429s (Retry-After ${figures.retryAfterSeconds} s), ${figures.maxInFlight} HTTP requests in flight, 4 per mailbox`,
  ];
  for (const run of figures.runs) {
    lines.push(
      `  ${run.batch ? 'with $batch:   ' : 'without $batch:'} ${(run.wallMs / 1000).toFixed(2)} s vs floor ${(run.floorMs / 1000).toFixed(2)} s = ${run.ratio.toFixed(2)}× (target ≤ 1.5×); ` +
        `${run.httpRequests.toLocaleString('en-US')} HTTP requests carrying ${run.graphRequests.toLocaleString('en-US')} Graph requests; ${run.throttled} throttled and retried ` +
        `(at most ${run.maxThrottledPerMailbox} on one mailbox); mailbox limit broken ${run.concurrencyViolations}×; ${run.meetings.toLocaleString('en-US')} meetings; users lost: ${run.usersLost}; ` +
        `client event loop busy ${(run.clientBusyMs / 1000).toFixed(2)} s`,
    );
  }
  lines.push(`  machine: ${figures.cpuCount} CPUs, load average ${figures.loadAverage.toFixed(1)} while measuring`);
  return lines;
}
