import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { listen, readBody } from '../support/http.js';
import { screenshotPath } from '../support/screenshots.js';

/**
 * The task pane in preview mode, end to end: the built dist/ served statically, Chromium headless,
 * every request outside 127.0.0.1 blocked, and a fake Microsoft Graph recording sendMail.
 */

jest.setTimeout(90_000);

const dist = path.resolve('dist');
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.json': 'application/json' };

interface SendMail {
  message: { subject: string; toRecipients: { emailAddress: { address: string } }[] };
}

let staticServer: Server;
let graphServer: Server;
let browser: Browser;
let base = '';
let graphBase = '';
const sent: { authorization: string | undefined; body: SendMail }[] = [];

beforeAll(async () => {
  staticServer = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const file = path.join(dist, path.normalize(decodeURIComponent(url.pathname)));
    if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
      return;
    }
    response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  graphServer = createServer(async (request, response) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'authorization, content-type, client-request-id', 'access-control-allow-methods': 'POST' };
    if (request.method === 'OPTIONS') return void response.writeHead(204, cors).end();
    if (request.method === 'POST' && request.url === '/v1.0/me/sendMail') {
      sent.push({ authorization: request.headers.authorization, body: JSON.parse(await readBody(request)) as SendMail });
      return void response.writeHead(202, { ...cors, 'request-id': `fake-${sent.length}`, 'content-length': '0' }).end();
    }
    response.writeHead(404, { ...cors, 'content-type': 'application/json' }).end('{"error":{"code":"NotFound","message":"not found"}}');
  });
  base = `http://127.0.0.1:${await listen(staticServer)}`;
  graphBase = `http://127.0.0.1:${await listen(graphServer)}/v1.0`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => staticServer?.close(resolve));
  await new Promise((resolve) => graphServer?.close(resolve));
});

async function openPane(colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 420, height: 900 }, colorScheme, permissions: [] });
  const page = await context.newPage();
  await page.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
  await page.goto(`${base}/taskpane.html?graph=${encodeURIComponent(graphBase)}&token=fake-token`);
  await page.getByTestId('verdict').waitFor({ timeout: 15_000 });
  return page;
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: path.resolve('node_modules/axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string | null; help: string }[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

test('preview pane: verdict, Replace → thread → e-mail via Graph, sent exactly once', async () => {
  expect(existsSync(path.join(dist, 'taskpane.html'))).toBe(true);
  const page = await openPane('light');

  expect(await page.evaluate(() => performance.getEntriesByName('first-verdict').length)).toBeGreaterThanOrEqual(1);
  expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toMatch(/^(async|trim|keep)$/);

  await page.getByRole('button', { name: 'Replace with async update' }).click();
  await page.getByRole('heading', { name: 'Async update' }).waitFor();
  await page.getByRole('radio', { name: 'E-mail to attendees' }).check();
  const send = page.getByRole('button', { name: 'Send', exact: true });
  await send.dblclick();
  await page.getByTestId('send-result').getByText(/E-mailed/).waitFor();
  await page.waitForTimeout(300);

  expect(sent).toHaveLength(1);
  expect(sent[0]!.authorization).toBe('Bearer fake-token');
  const to = sent[0]!.body.message.toRecipients.map((r) => r.emailAddress.address).sort();
  const attendees = Array.from({ length: 8 }, (_, i) => `colleague${i + 1}@contoso.example.com`).sort();
  expect(to).toEqual(expect.arrayContaining(attendees));
  expect(to).not.toContain('you@contoso.example.com');
  expect(await send.isDisabled()).toBe(true);
  await send.click({ force: true }).catch(() => undefined);
  await page.waitForTimeout(200);
  expect(sent).toHaveLength(1);

  await page.screenshot({ path: screenshotPath('taskpane-preview.png'), fullPage: true });

  expect(await seriousViolations(page)).toEqual([]);
  await page.context().close();
});

test('preview pane follows the dark colour scheme and stays accessible', async () => {
  const page = await openPane('dark');
  const background = await page.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
  const [r, g, b] = (background.match(/\d+/g) ?? ['255', '255', '255']).map(Number) as [number, number, number];
  expect(r + g + b).toBeLessThan(3 * 100);
  expect(await seriousViolations(page)).toEqual([]);
  await page.context().close();
});

test('preview pane in light mode has a light background', async () => {
  const page = await openPane('light');
  const background = await page.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
  const [r, g, b] = (background.match(/\d+/g) ?? ['0', '0', '0']).map(Number) as [number, number, number];
  expect(r + g + b).toBeGreaterThan(3 * 200);
  await page.context().close();
});
