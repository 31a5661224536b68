/**
 * Renders a sample weekly report (a made-up week judged by the real embedded judge) and saves a
 * Chromium screenshot of the HTML to docs/screenshots/weekly-report.png, plus the HTML and the
 * plain-text part beside it in /tmp for a look, and prints axe-core's WCAG A/AA findings. Not a
 * test: run it after changing the e-mail.
 *
 *   npx tsx scripts/screenshot-report.ts [--out docs/screenshots/weekly-report.png] [--width 640]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import type { CalendarMeeting, CalendarSource } from '../src/calendars/calendar-source.js';
import { parseInvite, type InviteInput } from '../src/core/invite.js';
import { EmbeddedJudge } from '../src/judge/embedded-judge.js';
import { GuardedJudge } from '../src/judge/guarded-judge.js';
import { createReportComposer } from '../src/report/compose-report.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/screenshots/weekly-report.png' },
    width: { type: 'string', default: '640' },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
});

const team = ['ana', 'ben', 'chen', 'dana', 'eli', 'fatima', 'gus', 'hana', 'ivan', 'jo', 'kim', 'lea'].map((name) => ({ name: name[0]!.toUpperCase() + name.slice(1), email: `${name}@acme.example.com` }));
const meeting = (input: Omit<InviteInput, 'organizer' | 'attendees'> & { people: number }, seriesId?: string): CalendarMeeting => {
  const { people, ...rest } = input;
  const invite = parseInvite({ organizer: team[0], attendees: team.slice(1, people), ...rest });
  return seriesId ? { invite, seriesId } : { invite };
};

const statusBody = `<p>Daily status round:</p><ul><li>Status update from each team</li><li>FYI: release notes for 4.2</li><li>Metrics update: support queue</li></ul>`;
const sample: CalendarMeeting[] = [
  ...['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'].map((day) =>
    meeting({ subject: 'Daily status round', body: statusBody, start: `${day}T09:30:00+01:00`, durationMinutes: 30, recurrence: 'daily', people: 9 }, 'status-round'),
  ),
  meeting({
    subject: 'Quarterly planning',
    body: '<p>Agenda</p><ul><li>Status update: Q4 delivery (pre-read attached)</li><li>FYI: hiring numbers update</li><li>Decide the Q1 roadmap priorities</li><li>Discuss staffing for the platform team</li></ul>',
    start: '2026-12-01T14:00:00+01:00',
    durationMinutes: 120,
    people: 7,
  }),
  meeting({
    subject: 'All-hands recap',
    body: 'Walkthrough of the slides from the all-hands, for information only. No decisions needed, slides are already shared in the drive.',
    start: '2026-12-02T16:00:00+01:00',
    durationMinutes: 45,
    people: 12,
  }),
  ...['2026-12-01', '2026-12-03'].map((day) =>
    meeting({ subject: 'Weekly sync', body: '<ul><li>Updates from each workstream</li><li>FYI: new on-call rota</li><li>Decide on the release date for 4.2</li><li>Discuss the incident follow-ups</li></ul>', start: `${day}T11:00:00+01:00`, durationMinutes: 60, recurrence: 'weekly', people: 6 }, 'weekly-sync'),
  ),
  meeting({ subject: '1:1 Ben / Ana', body: 'Our regular 1:1: career goals, feedback, anything on your mind.', start: '2026-12-03T15:00:00+01:00', durationMinutes: 30, people: 2 }),
  meeting({ subject: 'Design review: checkout', body: 'Decide between the two checkout flows; discuss the open accessibility issues. Please bring your questions.', start: '2026-12-04T13:00:00+01:00', durationMinutes: 60, people: 5 }),
];

const calendars: CalendarSource = { meetings: () => Promise.resolve(sample) };
const cost = { hourlyRate: 75, currency: 'USD' };
const compose = createReportComposer({ calendars, judge: new GuardedJudge(new EmbeddedJudge(cost)), cost, clock: () => new Date('2026-12-07T07:00:00Z') });
const report = await compose({
  recipient: { email: 'ana@acme.example.com', name: 'Ana', timeZone: 'Europe/Berlin', calendar: { ics: 'sample.ics' } },
  isoWeek: '2026-W49',
  links: { settingsUrl: 'https://challenger.example.com/settings', unsubscribeUrl: 'https://challenger.example.com/unsubscribe?token=sample' },
});

const htmlPath = join(tmpdir(), 'weekly-report.html');
await writeFile(htmlPath, report.html);
await writeFile(join(tmpdir(), 'weekly-report.txt'), report.text);
console.log(`Subject: ${report.subject}`);
console.log(`HTML ${htmlPath}, text ${join(tmpdir(), 'weekly-report.txt')}`);
console.log(JSON.stringify(report.summary));

if (!existsSync(values.chromium)) {
  console.error(`No Chromium at ${values.chromium} (set --chromium or CHROMIUM_PATH): HTML written, no screenshot.`);
  process.exit(1);
}
const browser = await chromium.launch({ executablePath: values.chromium, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: Number(values.width), height: 800 }, deviceScaleFactor: 1 });
  // The e-mail's links point nowhere reachable; nothing is fetched.
  await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
  await page.setContent(report.html, { waitUntil: 'load' });
  await mkdir(dirname(values.out), { recursive: true });
  await page.screenshot({ path: values.out, fullPage: true });
  console.log(`Screenshot ${values.out}`);
  // axe-core on the rendered e-mail, as a figure: mail clients differ, but contrast and structure carry over.
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] });
    return result.violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
  });
  console.log(`axe WCAG 2 A/AA violations: ${violations.length === 0 ? 'none' : violations.join(', ')}`);
} finally {
  await browser.close();
}
