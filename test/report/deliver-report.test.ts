import { MailError } from '../../src/mail/mailer.js';
import { deliverReport, isRetryableDelivery, ReportInProgressError, reportMessageId, type DeliverReportDependencies } from '../../src/report/deliver-report.js';
import { RecipientError } from '../../src/report/report-recipient.js';
import type { Store } from '../../src/store/store.js';
import { openTestStore, storeKinds } from '../support/test-stores.js';
import { fakeComposer, importUsers, MemoryMailer, testLinks } from './deliver-support.js';

const week = '2026-W49';
const staleAfterMs = 15 * 60_000;

describe.each(storeKinds())('deliverReport on %s', (kind) => {
  let store: Store;
  beforeAll(async () => (store = await openTestStore(kind)));
  afterAll(() => store.close());

  const setUp = (overrides: Partial<DeliverReportDependencies> = {}) => {
    const mailer = new MemoryMailer();
    const compose = fakeComposer();
    const dependencies: DeliverReportDependencies = { store, compose, mailer, links: testLinks, settingsUrl: 'https://challenger.example.com/taskpane.html', messageIdDomain: 'example.com', staleAfterMs, ...overrides };
    return { mailer, compose, dependencies };
  };

  it('claims the week, mails the report with RFC 8058 headers, records it, and never sends it twice', async () => {
    const [user] = await importUsers(store, 1, 'once');
    const { mailer, dependencies } = setUp();
    const first = await deliverReport(dependencies, user!, week);
    const second = await deliverReport(dependencies, user!, week);
    expect(first.status).toBe('sent');
    expect(second).toEqual({ status: 'skipped', reason: 'already-sent' });
    expect(mailer.sent).toHaveLength(1);
    const message = mailer.sent[0]!;
    expect(message.to).toBe('once0@example.com');
    expect(message.headers['List-Unsubscribe']).toBe(`<${testLinks.urlFor(user!)}>`);
    expect(message.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(message.headers['Message-ID']).toBe(reportMessageId(user!, week, 'example.com'));
    const run = await store.reportRuns.getReportRun(user!, week);
    expect(run).toMatchObject({ status: 'sent', details: { mailer: 'smtp', summary: { hoursBack: 2.5 } } });
  });

  it('sends one e-mail when ten deliveries of the same user race', async () => {
    const [user] = await importUsers(store, 1, 'race');
    const { mailer, dependencies } = setUp();
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => deliverReport(dependencies, user!, week)));
    expect(mailer.sent).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value.status === 'sent')).toHaveLength(1);
    // The others either saw it sent or saw it in progress: none failed any other way.
    for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ReportInProgressError);
  });

  it('records a failed send and lets a retry send it', async () => {
    const [user] = await importUsers(store, 1, 'retry');
    const { mailer, dependencies } = setUp();
    mailer.failures.push(new MailError('SMTP: could not send the message (the server answered 451)', { vendor: 'smtp', status: 451, isRetryable: true }));
    const failure = await deliverReport(dependencies, user!, week).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MailError);
    expect(isRetryableDelivery(failure)).toBe(true);
    expect(await store.reportRuns.getReportRun(user!, week)).toMatchObject({ status: 'failed', error: expect.stringContaining('451') });
    expect((await deliverReport(dependencies, user!, week)).status).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
  });

  it('leaves a fresh claim of another worker alone, and takes over one older than the stale age', async () => {
    const [user] = await importUsers(store, 1, 'stale');
    expect(await store.reportRuns.claimReport(user!, week)).toEqual(expect.any(String)); // a worker that then died
    const now = setUp();
    await expect(deliverReport(now.dependencies, user!, week)).rejects.toThrow(ReportInProgressError);
    expect(now.mailer.sent).toHaveLength(0);
    const later = setUp({ clock: () => new Date(Date.now() + staleAfterMs + 60_000) });
    expect((await deliverReport(later.dependencies, user!, week)).status).toBe('sent');
    expect(later.mailer.sent).toHaveLength(1);
  });

  it('skips a user who unsubscribed, without claiming their week', async () => {
    const [user] = await importUsers(store, 1, 'optout');
    await store.settings.putSettings(user!, { reportOptIn: false });
    const { mailer, dependencies } = setUp();
    const stored = await store.users.getUser(user!);
    expect(await deliverReport(dependencies, stored!, week)).toEqual({ status: 'skipped', reason: 'opted-out' });
    expect(mailer.sent).toHaveLength(0);
    expect(await store.reportRuns.getReportRun(user!, week)).toBeUndefined();
  });

  it('fails for good, and says so in the run record, when the user has no calendar to read', async () => {
    await store.users.upsertByEmail({ email: 'nocal@example.com', timeZone: 'UTC', calendar: null, optIn: true });
    const user = (await store.users.listUsers()).find((each) => each.email === 'nocal@example.com')!;
    const { mailer, dependencies } = setUp();
    const failure = await deliverReport(dependencies, user, week).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RecipientError);
    expect(isRetryableDelivery(failure)).toBe(false);
    expect(mailer.sent).toHaveLength(0);
    expect(await store.reportRuns.getReportRun(user, week)).toMatchObject({ status: 'failed', error: expect.stringContaining('no calendar') });
  });
});
