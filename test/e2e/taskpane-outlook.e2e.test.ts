import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadServerConfig } from '../../src/config.js';
import { buildApp } from '../../src/server/app.js';
import { createAuthenticator } from '../../src/server/authentication.js';
import type { Store } from '../../src/store/database.js';
import { listen, readBody } from '../support/http.js';
import { openTestStore } from '../support/test-stores.js';
import { screenshotPath } from '../support/screenshots.js';

/**
 * The task pane in Outlook mode, end to end: the real backend (buildApp, INSECURE_DEV_AUTH on
 * 127.0.0.1, SQLite) serves the built dist/; test/e2e/fake-office.js stands in for office.js with an
 * appointment draft the test edits; a fake Microsoft Graph on 127.0.0.1 records sendMail and chats.
 */

jest.setTimeout(120_000);

const dist = path.resolve('dist');
const fakeOffice = readFileSync(path.resolve('test/e2e/fake-office.js'), 'utf8');

interface GraphCall {
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

let store: Store;
let app: FastifyInstance;
let graphServer: Server;
let browser: Browser;
let base = '';
let graphBase = '';
const graphCalls: GraphCall[] = [];

const attendees = Array.from({ length: 6 }, (_, i) => ({ displayName: `Person ${i + 1}`, emailAddress: `p${i + 1}@contoso.example.com`, recipientType: 'user' }));
const draft = {
  subject: 'Project sync',
  body: '<p>Agenda:</p><ul><li>Status update from each workstream</li><li>FYI: the release numbers are in the dashboard</li><li>Decide the launch date for the beta: we need agreement from product and support</li></ul>',
  // classic Outlook on Windows lists the organizer among the required attendees: counted once
  requiredAttendees: [{ displayName: 'Orla Organizer', emailAddress: 'orla@contoso.example.com', recipientType: 'user' }, ...attendees],
  start: '2026-03-02T09:00:00.000Z',
  end: '2026-03-02T10:00:00.000Z',
};

beforeAll(async () => {
  graphServer = createServer(async (request, response) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'authorization, content-type, client-request-id', 'access-control-allow-methods': 'POST' };
    if (request.method === 'OPTIONS') return void response.writeHead(204, cors).end();
    const url = request.url ?? '';
    if (request.method === 'POST' && (url === '/v1.0/me/sendMail' || url === '/v1.0/chats' || /^\/v1\.0\/chats\/[^/]+\/messages$/.test(url))) {
      graphCalls.push({ path: url, authorization: request.headers.authorization, body: JSON.parse(await readBody(request)) as Record<string, unknown> });
      if (url === '/v1.0/me/sendMail') return void response.writeHead(202, { ...cors, 'content-length': '0' }).end();
      const created = url === '/v1.0/chats' ? { id: '19:fake-chat@thread.v2', chatType: 'group' } : { id: '1700000000000', messageType: 'message' };
      return void response.writeHead(201, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify(created));
    }
    response.writeHead(404, { ...cors, 'content-type': 'application/json' }).end('{"error":{"code":"NotFound","message":"not found"}}');
  });
  graphBase = `http://127.0.0.1:${await listen(graphServer)}/v1.0`;

  store = await openTestStore('sqlite');
  // an LLM is configured so that users may choose it; the test answers /api/judge itself, so nothing reaches port 9
  const config = loadServerConfig({
    HOST: '127.0.0.1',
    INSECURE_DEV_AUTH: '1',
    GRAPH_BASE_URL: graphBase,
    RATE_LIMIT_PER_MINUTE: '1000',
    LOG_LEVEL: 'warn',
    JUDGE: 'hybrid',
    LLM_PROVIDER: 'openai-compatible',
    LLM_BASE_URL: 'http://127.0.0.1:9/v1',
    LLM_MODEL: 'fake-model',
  });
  app = await buildApp({ config, store, authenticate: createAuthenticator(config), staticRoot: dist });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
  await new Promise((resolve) => graphServer?.close(resolve));
});

/** Nothing leaves 127.0.0.1, and office.js is the fake standing in for Outlook. */
async function serveFakeOffice(page: Page): Promise<void> {
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname !== '127.0.0.1') return route.abort();
    if (url.pathname.endsWith('/office/office.js')) return route.fulfill({ contentType: 'text/javascript', body: fakeOffice });
    return route.continue();
  });
}

async function openInOutlook(item: Record<string, unknown> = draft): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 420, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript((init) => Object.assign(window, { __fakeOutlookInit: init }), { item });
  await serveFakeOffice(page);
  await page.goto(`${base}/taskpane.html?graph=${encodeURIComponent(graphBase)}`);
  await page.getByTestId('verdict').waitFor({ timeout: 20_000 });
  return page;
}

const fakeCalls = (page: Page) => page.evaluate(() => (window as unknown as { __fakeOutlook: { calls: Array<{ call: string; value?: string; coercion?: string }> } }).__fakeOutlook.calls);
const change = (page: Page, field: string, value: unknown) =>
  page.evaluate(([f, v]) => (window as unknown as { __fakeOutlook: { change(field: string, value: unknown): void } }).__fakeOutlook.change(f as string, v), [field, value] as const);

test('Outlook mode: judges the draft, follows attendee, time and recurrence changes, and Trim writes the new end and a pre-read', async () => {
  expect(existsSync(path.join(dist, 'taskpane.html'))).toBe(true);
  const page = await openInOutlook();
  const verdict = page.getByTestId('verdict');
  expect(await page.getByText('Preview', { exact: true }).count()).toBe(0);
  expect(await verdict.getAttribute('data-verdict')).toBe('trim');
  // the organizer listed as a required attendee is counted once: 6 attendees + the organizer
  await expect(verdict.getByText(/\(7 people, 60 min\)/).waitFor()).resolves.toBeUndefined();
  expect(await verdict.getByText(/per month for the series/).count()).toBe(0);

  await change(page, 'requiredAttendees', [...draft.requiredAttendees, { displayName: 'New', emailAddress: 'p7@contoso.example.com', recipientType: 'user' }]);
  await verdict.getByText(/\(8 people, 60 min\)/).waitFor();
  await change(page, 'end', '2026-03-02T10:30:00.000Z');
  await verdict.getByText(/\(8 people, 90 min\)/).waitFor();
  await change(page, 'recurrence', { recurrenceType: 'weekly', recurrenceProperties: { interval: 1 } });
  await verdict.getByText(/per month for the series/).waitFor();

  await page.getByRole('button', { name: /^Trim to \d+ min$/ }).click();
  await page.getByText(/^Trimmed to \d+ minutes with a pre-read\.$/).waitFor();
  const calls = await fakeCalls(page);
  const endSet = calls.find((call) => call.call === 'end.setAsync');
  const keep = Number(/Trimmed to (\d+)/.exec((await page.getByText(/^Trimmed to/).textContent()) ?? '')?.[1]);
  expect(Date.parse(endSet!.value!)).toBe(Date.parse(draft.start) + keep * 60_000);
  const prepend = calls.find((call) => call.call === 'body.prependAsync');
  expect(prepend!.coercion).toBe('html');
  expect(prepend!.value).toContain('Pre-read');
  expect(prepend!.value).toContain('<li>Status update from each workstream</li>');
  expect(prepend!.value).not.toContain('Decide the launch date');
  expect(calls.filter((call) => call.call === 'close')).toHaveLength(0);
  await page.screenshot({ path: screenshotPath('taskpane-outlook.png'), fullPage: true });
  await page.context().close();
});

test('Outlook mode: Replace → Teams chat with the attendees through Graph, posted once, then Close the draft', async () => {
  graphCalls.length = 0;
  const page = await openInOutlook();
  await page.getByRole('button', { name: 'Replace with async update' }).click();
  await page.getByRole('heading', { name: 'Async update' }).waitFor();
  await page.getByRole('radio', { name: 'Teams chat' }).check();
  const send = page.getByRole('button', { name: 'Send', exact: true });
  await send.dblclick();
  await page.getByTestId('send-result').getByText(/Posted to a Teams chat/).waitFor();
  await page.waitForTimeout(300);

  expect(graphCalls.map((call) => call.path)).toEqual(['/v1.0/chats', '/v1.0/chats/19%3Afake-chat%40thread.v2/messages']);
  const chat = graphCalls[0]!.body as { chatType: string; topic: string; members: Array<Record<string, unknown>> };
  expect(chat.chatType).toBe('group');
  expect(chat.topic.length).toBeGreaterThan(0);
  const bound = chat.members.map((member) => decodeURIComponent(String(member['user@odata.bind'])));
  expect(bound).toEqual(expect.arrayContaining([`${graphBase}/users('orla@contoso.example.com')`, ...attendees.map((a) => `${graphBase}/users('${a.emailAddress}')`)]));
  expect(bound).toHaveLength(attendees.length + 1);
  expect(chat.members.every((member) => member['@odata.type'] === '#microsoft.graph.aadUserConversationMember')).toBe(true);
  const message = graphCalls[1]!.body as { body: { contentType: string; content: string } };
  expect(message.body.contentType).toBe('html');
  expect(message.body.content.length).toBeGreaterThan(20);
  expect(graphCalls.some((call) => call.path === '/v1.0/me/sendMail')).toBe(false);

  // nothing is closed without the user's click
  expect((await fakeCalls(page)).filter((call) => call.call === 'close')).toHaveLength(0);
  await page.getByRole('button', { name: 'Close the draft' }).click();
  expect((await fakeCalls(page)).filter((call) => call.call === 'close')).toHaveLength(1);
  expect(graphCalls).toHaveLength(2);
  await page.context().close();
});

test('Outlook mode: a field Outlook cannot read is named, and the pane still judges the rest', async () => {
  const context = await browser.newContext({ viewport: { width: 420, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript((init) => Object.assign(window, { __fakeOutlookInit: init }), { item: draft, fail: ['location'] });
  await serveFakeOffice(page);
  await page.goto(`${base}/taskpane.html`);
  await page.getByText('Not read: location').waitFor({ timeout: 20_000 });
  expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('trim');
  await context.close();
});

test('with the backend: Settings saved, the LLM verdict awaited visibly, Keep feedback stored', async () => {
  const page = await openInOutlook();
  // the configured judge is asked after the embedded verdict; its answer is held to see the waiting state
  let releaseJudge: () => void = () => undefined;
  const judgeHeld = new Promise<void>((resolve) => (releaseJudge = resolve));
  let judgeCalls = 0;
  await page.route('**/api/judge', async (route) => {
    judgeCalls++;
    await judgeHeld;
    await route.fulfill({
      json: {
        verdict: 'keep',
        confidence: 0.91,
        sensitive: false,
        reasons: ['The LLM judge read a real decision to make together'],
        agenda: [{ text: 'Decide the launch date for the beta', kind: 'decision' }],
        cost: { attendees: 7, minutes: 60, personHours: 7, amount: 840, currency: 'USD' },
        judge: 'llm',
      },
    });
  });

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  await page.getByLabel('Hourly rate').fill('120');
  await page.getByLabel('Judge').selectOption('llm');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Saved.').waitFor();
  const saved = (await (await fetch(`${base}/api/settings`)).json()) as { hourlyRate: number; judgeMode: string };
  expect(saved.hourlyRate).toBe(120);
  expect(saved.judgeMode).toBe('llm');

  await page.getByText('Asking the llm judge…').waitFor();
  expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('trim');
  releaseJudge();
  await page.getByText('(llm judge)').waitFor();
  expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('keep');
  expect(await page.getByText('Asking the llm judge…').count()).toBe(0);
  expect(judgeCalls).toBe(1);

  await page.getByRole('button', { name: 'Keep', exact: true }).click();
  await page.getByLabel(/Why does it need a meeting/).fill('The launch date needs everyone live');
  await page.getByRole('button', { name: 'Keep it' }).click();
  await page.getByText(/your feedback was recorded/).waitFor();
  const { feedback } = (await (await fetch(`${base}/api/feedback`)).json()) as { feedback: Array<Record<string, unknown>> };
  expect(feedback).toHaveLength(1);
  expect(feedback[0]).toMatchObject({ verdict: 'keep', expected: 'keep', comment: 'The launch date needs everyone live', surface: 'outlook' });
  await page.context().close();
});

test("Outlook mode follows Office's dark theme and stays accessible", async () => {
  // bypassCSP: only so the test can inject axe; the backend's CSP forbids inline scripts
  const context = await browser.newContext({ viewport: { width: 420, height: 900 }, colorScheme: 'light', bypassCSP: true });
  const page = await context.newPage();
  // Outlook's theme wins over the browser's colour scheme
  await page.addInitScript((init) => Object.assign(window, { __fakeOutlookInit: init }), { item: draft, officeTheme: { bodyBackgroundColor: '#1f1f1f' } });
  await serveFakeOffice(page);
  await page.goto(`${base}/taskpane.html`);
  await page.getByTestId('verdict').waitFor({ timeout: 20_000 });
  const background = await page.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
  const [r, g, b] = (background.match(/\d+/g) ?? ['255', '255', '255']).map(Number) as [number, number, number];
  expect(r + g + b).toBeLessThan(3 * 100);
  await page.addScriptTag({ path: path.resolve('node_modules/axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
    return (await axe.run(document)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
  expect(violations).toEqual([]);
  await context.close();
});
