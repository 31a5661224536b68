import { GmailThreadChannel } from '../../src/channels/gmail/gmail-thread-channel.js';
import type { AsyncThread } from '../../src/core/verdict.js';
import { PartialSendError } from '../../src/channels/thread-channel.js';
import { AuthError, IntegrationError, ThrottledError } from '../../src/integration/integration-error.js';
import { gmailSendScope, startFakeGoogleWorkspace, type FakeGoogleWorkspace } from '../fakes/fake-google-workspace.js';

/** The real googleapis Gmail client against the fake Gmail API on 127.0.0.1. */

const threadTo = (recipients: string[]): AsyncThread => ({
  title: 'Weekly status, async',
  intro: 'Instead of meeting, here is the update.',
  items: [{ heading: 'Launch', body: 'On track for Tuesday.', ask: 'Flag any blocker' }],
  replyBy: '2026-12-09',
  recipients,
  source: 'template',
});

describe('GmailThreadChannel', () => {
  let google: FakeGoogleWorkspace;
  beforeAll(async () => {
    google = await startFakeGoogleWorkspace();
    google.addUser('ada-token', { email: 'ada@example.com', scopes: [gmailSendScope] });
    google.addUser('no-gmail-token', { email: 'bob@example.com', scopes: [] });
  });
  afterAll(() => google.close());
  beforeEach(() => google.sentMessages.splice(0));

  const channel = (accessToken = 'ada-token') => new GmailThreadChannel({ rootUrl: google.rootUrl, accessToken });

  it('sends one RFC 2822 message to all the guests from the user', async () => {
    const receipt = await channel().send({ thread: threadTo(['grace@example.com', 'Alan@Example.com', 'grace@example.com']), sender: { email: 'ada@example.com', name: 'Ada' } });
    expect(receipt).toMatchObject({ channel: 'gmail', recipients: 2 });
    expect(google.sentMessages).toHaveLength(1);
    const [message] = google.sentMessages;
    expect(message!.userEmail).toBe('ada@example.com');
    expect(message!.recipients.sort()).toEqual(['alan@example.com', 'grace@example.com']);
    expect(message!.parsed.subject).toBe('Weekly status, async');
    expect(message!.parsed.text).toContain('Launch');
    expect(message!.parsed.html).toContain('<strong>Launch</strong>');
  });

  it('splits 250 guests into messages of at most 100, in one Gmail thread', async () => {
    const guests = Array.from({ length: 250 }, (_, index) => `guest${index}@example.com`);
    const receipt = await channel().send({ thread: threadTo(guests), sender: { email: 'ada@example.com' } });
    expect(receipt.recipients).toBe(250);
    expect(google.sentMessages.map((message) => message.recipients.length)).toEqual([100, 100, 50]);
    expect(new Set(google.sentMessages.map((message) => message.threadId)).size).toBe(1);
    expect(new Set(google.sentMessages.flatMap((message) => message.recipients)).size).toBe(250);
    const first = google.sentMessages[0]!.parsed.messageId;
    expect(google.sentMessages[1]!.parsed.inReplyTo).toBe(first);
  });

  it('a later message failing after the first went out: a PartialSendError saying who got it', async () => {
    const guests = Array.from({ length: 250 }, (_, index) => `guest${index}@example.com`);
    google.failNext({ match: 'messages/send', status: 400, after: 1 });
    const error = await channel().send({ thread: threadTo(guests), sender: { email: 'ada@example.com' } }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(PartialSendError);
    const { receipt } = error as PartialSendError;
    expect(google.sentMessages).toHaveLength(1);
    expect(receipt.recipients).toBe(100);
    expect([...receipt.partial.sentTo].sort()).toEqual([...google.sentMessages[0]!.recipients].sort());
    expect(receipt.partial.notSentTo).toHaveLength(150);
    expect(receipt.partial.notSentTo.some((email) => receipt.partial.sentTo.includes(email))).toBe(false);
    expect(receipt.messageId).not.toBe('');
    expect(receipt.partial.reason).toContain('400');
  });

  it('the first message failing is a plain failure: nothing went out', async () => {
    const guests = Array.from({ length: 150 }, (_, index) => `guest${index}@example.com`);
    google.failNext({ match: 'messages/send', status: 400 });
    const error = await channel().send({ thread: threadTo(guests), sender: {} }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(IntegrationError);
    expect(google.sentMessages).toHaveLength(0);
  });

  it('does not repeat a send whose reply was lost (it may have gone out)', async () => {
    const before = google.requests.filter((request) => request.path.endsWith('/messages/send')).length;
    // Google is slower than the client waits: no answer at all, as with a dropped connection.
    google.failNext({ match: 'messages/send', status: 200, delayMs: 1500 });
    const lost = new GmailThreadChannel({ rootUrl: google.rootUrl, accessToken: 'ada-token', timeoutMs: 300, retry: { retries: 2, defaultDelayMs: 0, maxDelayMs: 1000 } });
    const error = await lost.send({ thread: threadTo(['grace@example.com']), sender: {} }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(IntegrationError);
    expect((error as IntegrationError).status).toBeUndefined();
    expect((error as IntegrationError).isRetryable).toBe(false);
    expect(google.requests.filter((request) => request.path.endsWith('/messages/send')).length - before).toBe(1);
    expect(google.sentMessages).toHaveLength(0);
    // Let the slow answer finish before the next test.
    await new Promise((resolve) => setTimeout(resolve, 1600));
  });

  it('retries once after a 429 with Retry-After, then sends', async () => {
    google.failNext({ match: 'messages/send', status: 429, headers: { 'retry-after': '0' } });
    await expect(channel().send({ thread: threadTo(['grace@example.com']), sender: {} })).resolves.toMatchObject({ recipients: 1 });
    expect(google.sentMessages).toHaveLength(1);
  });

  it('says why Google refused: a bad token, a missing scope, an outage', async () => {
    await expect(channel('wrong-token').send({ thread: threadTo(['grace@example.com']), sender: {} })).rejects.toThrow(AuthError);
    const scopeError = await channel('no-gmail-token').send({ thread: threadTo(['grace@example.com']), sender: {} }).catch((error: unknown) => error);
    expect(scopeError).toBeInstanceOf(AuthError);
    expect((scopeError as AuthError).message).toContain('insufficientPermissions');
    google.failNext({ match: 'messages/send', status: 503 }, { match: 'messages/send', status: 503 });
    const outage = await channel().send({ thread: threadTo(['grace@example.com']), sender: {} }).catch((error: unknown) => error);
    expect(outage).toBeInstanceOf(IntegrationError);
    expect(outage).not.toBeInstanceOf(ThrottledError);
    expect((outage as IntegrationError).status).toBe(503);
    expect(String((outage as Error).message)).not.toContain('token');
    expect(google.sentMessages).toHaveLength(0);
  });
});
