import { simpleParser } from 'mailparser';
import { google as googleApis } from 'googleapis';
import { createGraphAppTokenProvider } from '../../src/calendars/graph/graph-app-token.js';
import { GmailMailer } from '../../src/mail/gmail/gmail-mailer.js';
import { GraphMailer } from '../../src/mail/graph/graph-mailer.js';
import { MailError, type MailMessage } from '../../src/mail/mailer.js';
import { SmtpMailer } from '../../src/mail/smtp/smtp-mailer.js';
import { gmailSendScope, startFakeGoogleWorkspace, type FakeGoogleWorkspace } from '../fakes/fake-google-workspace.js';
import { startFakeGraph, type FakeGraph } from '../fakes/fake-graph.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

/** Each mailer through its real client library, against a real SMTP server or a fake API on 127.0.0.1. */

const report: MailMessage = {
  to: 'ada@example.com',
  subject: '6.5 h in meetings that could have been async',
  html: '<h1>Your week</h1><p>Weekly status: <strong>async</strong></p>',
  text: 'Your week\nWeekly status: async',
  headers: {
    'List-Unsubscribe': '<https://challenger.example.com/unsubscribe?t=abc.def>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'Message-ID': '<weekly-report.2026-W49.0123@example.com>',
  },
};

function expectReportParts(parsed: Awaited<ReturnType<typeof simpleParser>>) {
  expect(parsed.subject).toBe(report.subject);
  expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0]?.address : undefined).toBe('ada@example.com');
  expect(parsed.text).toContain('Weekly status: async');
  expect(parsed.html).toContain('<strong>async</strong>');
  const lines = Object.fromEntries(parsed.headerLines.map((line) => [line.key, line.line]));
  expect(lines['list-unsubscribe']).toBe('List-Unsubscribe: <https://challenger.example.com/unsubscribe?t=abc.def>');
  expect(lines['list-unsubscribe-post']).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  expect(parsed.messageId).toBe('<weekly-report.2026-W49.0123@example.com>');
}

describe('SmtpMailer', () => {
  let sink: SmtpSink;
  beforeAll(async () => (sink = await startSmtpSink()));
  afterAll(() => sink.close());

  it('sends both parts and the RFC 8058 headers through a real SMTP server', async () => {
    const mailer = new SmtpMailer({ smtpUrl: sink.url, from: 'Invite Challenger <challenger@example.com>' });
    const sent = await mailer.send(report);
    await mailer.close();
    expect(sent.messageId).toBe('<weekly-report.2026-W49.0123@example.com>');
    expect(sink.received).toHaveLength(1);
    expectReportParts(sink.received[0]!.parsed);
    expect(sink.received[0]!.parsed.from?.value[0]?.address).toBe('challenger@example.com');
  });

  it('says a 5xx refusal is final and a 4xx one worth retrying', async () => {
    const mailer = new SmtpMailer({ smtpUrl: sink.url, from: 'challenger@example.com' });
    sink.rejectNext(550, 'mailbox unavailable');
    const permanent = await mailer.send(report).catch((error: unknown) => error);
    sink.rejectNext(451, 'try again later');
    const temporary = await mailer.send(report).catch((error: unknown) => error);
    await mailer.close();
    expect(permanent).toBeInstanceOf(MailError);
    expect(permanent).toMatchObject({ status: 550, isRetryable: false });
    expect(temporary).toMatchObject({ status: 451, isRetryable: true });
  });

  it('calls a closed port a retryable failure without quoting the SMTP URL', async () => {
    const mailer = new SmtpMailer({ smtpUrl: 'smtp://user:hunter2@127.0.0.1:1', from: 'challenger@example.com', timeoutMs: 2000 });
    const error = (await mailer.send(report).catch((caught: unknown) => caught)) as MailError;
    await mailer.close();
    expect(error).toBeInstanceOf(MailError);
    expect(error.isRetryable).toBe(true);
    expect(error.message).not.toContain('hunter2');
  });
});

describe('GraphMailer', () => {
  let graph: FakeGraph;
  beforeAll(async () => {
    graph = await startFakeGraph();
    graph.addMailbox('reports@contoso.example', [], 'reports@contoso.example');
  });
  afterAll(() => graph.stop());

  const mailer = (clientSecret = graph.clientSecret) =>
    new GraphMailer({
      baseUrl: graph.graphBaseUrl,
      sender: 'reports@contoso.example',
      getAccessToken: createGraphAppTokenProvider({ tenantId: graph.tenantId, clientId: graph.clientId, clientSecret, authorityUrl: graph.url }),
    });

  it('posts the message as MIME to /users/{sender}/sendMail with an app-only token, headers intact', async () => {
    const sent = await mailer().send(report);
    expect(sent.messageId).toBe('<weekly-report.2026-W49.0123@example.com>');
    expect(graph.sentMail).toHaveLength(1);
    expect(graph.sentMail[0]!.mailbox).toBe('reports@contoso.example');
    expectReportParts(await simpleParser(graph.sentMail[0]!.mime!));
  });

  it('passes on a 429 with its Retry-After, and calls a bad secret final', async () => {
    graph.failNext('sendMail', { status: 429, headers: { 'Retry-After': '7' }, body: { error: { code: 'TooManyRequests', message: 'Too many requests.' } } });
    const throttled = await mailer().send(report).catch((error: unknown) => error);
    expect(throttled).toBeInstanceOf(MailError);
    expect(throttled).toMatchObject({ status: 429, retryAfterMs: 7000, isRetryable: true });
    const refused = (await mailer('wrong-secret').send(report).catch((error: unknown) => error)) as Error & { isRetryable: boolean };
    expect(refused.isRetryable).toBe(false);
    expect(refused.message).not.toContain('wrong-secret');
  });
});

describe('GmailMailer', () => {
  let google: FakeGoogleWorkspace;
  beforeAll(async () => {
    google = await startFakeGoogleWorkspace();
    google.addUser('sender-token', { email: 'reports@example.com', scopes: [gmailSendScope] });
  });
  afterAll(() => google.close());

  const mailer = (token: string) => {
    const auth = new googleApis.auth.OAuth2();
    auth.setCredentials({ access_token: token, expiry_date: Date.now() + 3600_000 });
    return new GmailMailer({ rootUrl: google.rootUrl, sender: 'reports@example.com', auth });
  };

  it('sends the whole message as base64url RFC 2822 through users.messages.send', async () => {
    const sent = await mailer('sender-token').send(report);
    expect(sent.messageId).not.toBe('');
    expect(google.sentMessages).toHaveLength(1);
    expect(google.sentMessages[0]!.userEmail).toBe('reports@example.com');
    expectReportParts(google.sentMessages[0]!.parsed);
  });

  it('calls a 503 retryable and a refused token final', async () => {
    google.failNext({ match: 'messages/send', status: 503, body: { error: { code: 503, message: 'Backend Error', status: 'UNAVAILABLE' } } });
    await expect(mailer('sender-token').send(report)).rejects.toMatchObject({ status: 503, isRetryable: true });
    await expect(mailer('stolen-token').send(report)).rejects.toMatchObject({ status: 401, isRetryable: false });
  });
});
