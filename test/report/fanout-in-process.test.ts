import { MailError } from '../../src/mail/mailer.js';
import { deliverReport, isRetryableDelivery, ReportNotRecordedError, type DeliverReportDependencies } from '../../src/report/deliver-report.js';
import { runInProcess } from '../../src/report/fanout/in-process-fanout.js';
import type { RunProgress } from '../../src/report/fanout/report-run.js';
import type { Store } from '../../src/store/store.js';
import { openTestStore } from '../support/test-stores.js';
import { fakeComposer, importUsers, MemoryMailer, testLinks } from './deliver-support.js';

const week = '2026-W49';

describe('in-process fan-out on SQLite', () => {
  let store: Store;
  beforeEach(async () => (store = await openTestStore('sqlite')));
  afterEach(() => store.close());

  const dependencies = (mailer: MemoryMailer): DeliverReportDependencies => ({
    store,
    compose: fakeComposer(),
    mailer,
    links: testLinks,
    settingsUrl: 'https://challenger.example.com/taskpane.html',
    messageIdDomain: 'example.com',
    staleAfterMs: 60_000,
  });

  it('sends every user one report, a few at a time, retrying a transient failure, and reports progress', async () => {
    const users = await importUsers(store, 40);
    const mailer = new MemoryMailer();
    mailer.failures.push(new MailError('451 try later', { vendor: 'smtp', status: 451, isRetryable: true }));
    const seen: RunProgress[] = [];
    let inFlight = 0;
    let peak = 0;
    const result = await runInProcess({
      users,
      concurrency: 5,
      retryDelayMs: 10,
      onProgress: (progress) => seen.push(progress),
      deliver: async (user, signal) => {
        peak = Math.max(peak, ++inFlight);
        try {
          return await deliverReport(dependencies(mailer), user, week, { signal });
        } finally {
          inFlight--;
        }
      },
    });
    expect(result).toMatchObject({ total: 40, sent: 40, skipped: 0, failed: 0, remaining: 0 });
    expect(new Set(mailer.sent.map((message) => message.to)).size).toBe(40);
    expect(mailer.sent).toHaveLength(40);
    expect(peak).toBeLessThanOrEqual(5);
    expect(seen.at(-1)).toEqual({ total: 40, done: 40, failed: 0, remaining: 0 });
  });

  it('does not send again when the mail went out but recording it failed, even once the claim is stale', async () => {
    const [user] = await importUsers(store, 1, 'unrecorded');
    const mailer = new MemoryMailer();
    const runs = store.reportRuns;
    const failingRuns = new Proxy(runs, {
      get: (target, name) => (name === 'markReportSent' ? async () => Promise.reject(new Error('database went away')) : (Reflect.get(target, name) as unknown as () => unknown).bind(target)),
    });
    const failingStore = new Proxy(store, { get: (target, name) => (name === 'reportRuns' ? failingRuns : Reflect.get(target, name)) });
    // The fan-out's retry comes after the claim went stale: a retryable error would have it retaken and mailed again.
    const deliverDependencies = { ...dependencies(mailer), store: failingStore, staleAfterMs: 200, recordRetryDelayMs: 1 };
    const errors: unknown[] = [];
    const result = await runInProcess({
      users: [user!],
      concurrency: 1,
      attempts: 3,
      retryDelayMs: 400,
      deliver: (each, signal) => deliverReport(deliverDependencies, each, week, { signal }).catch((error: unknown) => Promise.reject((errors.push(error), error))),
    });
    expect(mailer.sent).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(ReportNotRecordedError);
    expect(isRetryableDelivery(errors[0])).toBe(false);
    expect(result).toMatchObject({ sent: 0, failed: 1, failedUsers: [{ email: 'unrecorded0@example.com', error: expect.stringContaining('was sent') }] });
    expect(await store.reportRuns.getReportRun(user!, week)).toMatchObject({ status: 'claimed' });
  });

  it('after a crash mid-run, a second run sends only to the users not yet done', async () => {
    const users = await importUsers(store, 30);
    const first = new MemoryMailer();
    const crash = new AbortController();
    await runInProcess({
      users,
      concurrency: 3,
      signal: crash.signal,
      deliver: async (user, signal) => {
        const outcome = await deliverReport(dependencies(first), user, week, { signal });
        if (first.sent.length === 12) crash.abort();
        return outcome;
      },
    }).catch(() => undefined);
    expect(first.sent.length).toBeGreaterThanOrEqual(12);
    expect(first.sent.length).toBeLessThan(30);

    const second = new MemoryMailer();
    const result = await runInProcess({ users, concurrency: 3, deliver: (user, signal) => deliverReport(dependencies(second), user, week, { signal }) });
    expect(result.sent + result.skipped).toBe(30);
    const everyone = [...first.sent, ...second.sent].map((message) => message.to);
    expect(everyone).toHaveLength(30);
    expect(new Set(everyone).size).toBe(30);
  });

  it('lists a user whose report cannot be made, and sends to the rest', async () => {
    const users = await importUsers(store, 3);
    await store.users.upsertByEmail({ email: 'broken@example.com', timeZone: 'UTC', calendar: { outlook: 'x' }, optIn: true });
    const everyone = await store.users.listUsers();
    const mailer = new MemoryMailer();
    const result = await runInProcess({ users: everyone, concurrency: 2, retryDelayMs: 1, deliver: (user) => deliverReport(dependencies(mailer), user, week) });
    expect(result.sent).toBe(users.length);
    expect(result.failedUsers).toEqual([expect.objectContaining({ email: 'broken@example.com', error: expect.stringContaining('no calendar') })]);
  });
});
