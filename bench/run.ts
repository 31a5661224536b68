import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { measureApiLoad } from './api-load.js';
import { describeCalendarFanout, measureCalendarFanout } from './calendar-fanout.js';
import { measureEndToEnd } from './end-to-end.js';
import { measureGoogleAddon } from './google-addon.js';
import { measureEmbeddedThroughput } from './embedded-throughput.js';
import { measureHybrid } from './hybrid.js';
import { describeTaskpane, measureTaskpane } from './taskpane.js';

/** `npm run bench`: prints the figures; it asserts nothing. */

const developmentSet = resolve(process.cwd(), '..', 'shared', 'invites', 'dev-invites.jsonl');
const fixtures = resolve(process.cwd(), 'test', 'fixtures', 'labelled-invites.jsonl');
const source = existsSync(developmentSet) ? developmentSet : fixtures;
const lines = readFileSync(source, 'utf8').split('\n').filter((line) => line.trim() !== '');

const integer = (value: number) => Math.round(value).toLocaleString('en-US');

console.log(`Embedded judge throughput (one process, invites cycled from ${source.replace(`${process.cwd()}/`, '')})`);
const figures = measureEmbeddedThroughput(lines);
console.log(`  invites judged:            ${integer(figures.invites)}`);
console.log(`  JSON.parse alone:          ${integer(figures.jsonParsePerSecond)} lines/s`);
console.log(`  judge alone (parsed):      ${integer(figures.judgeOnlyPerSecond)} invites/s`);
console.log(`  judge + sensitivity guard: ${integer(figures.guardedPerSecond)} invites/s (as the CLI runs it)`);
console.log(`  parse + validate + judge:  ${integer(figures.judgedPerSecond)} invites/s`);
console.log(`  cost relative to JSON.parse: ${figures.ratioToJsonParse.toFixed(1)}×`);
console.log(`  1 MB HTML body judged in:  ${figures.largeHtmlMilliseconds.toFixed(1)} ms`);

console.log('\ncheck --json end to end (a new process per run, start-up included, output to a pipe)');
const runs = await measureEndToEnd(lines, [20_000, 200_000]);
for (const run of runs) {
  console.log(
    `  ${integer(run.lines).padStart(7)} lines: ${run.seconds.toFixed(1)} s, ${integer(run.invitesPerSecond)} invites/s ` +
      `(${(figures.jsonParsePerSecond / run.invitesPerSecond).toFixed(1)}× the cost of JSON.parse), peak RSS ${run.peakRssMiB.toFixed(0)} MiB, ${integer(run.verdictLines)} verdict lines`,
  );
}
const [small, large] = runs;
if (small && large) console.log(`  peak RSS, 200k vs 20k lines: ${(large.peakRssMiB / small.peakRssMiB).toFixed(2)}×`);

const neverTrainedOn = resolve(process.cwd(), 'test', 'fixtures', 'blind-synthetic-invites.jsonl');
const labelledSets = [
  ...(source === fixtures ? [] : [['development set', source]]),
  ['blind fixtures', fixtures],
  ['blind synthetic set (never trained on)', neverTrainedOn],
];
for (const [name, path] of labelledSets as [string, string][]) {
  const labelledLines = readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const hybrid = await measureHybrid(labelledLines);
  const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
  console.log(`\nHybrid judge on the ${name} (fake LLM on 127.0.0.1 answering the true label after 800 ms)`);
  console.log(`  sent to the LLM:           ${hybrid.sentToLlm} of ${hybrid.invites} (${percent(hybrid.sentToLlm / hybrid.invites)})`);
  console.log(`  accuracy, embedded alone:  ${hybrid.embeddedAccuracy.toFixed(3)}`);
  console.log(`  accuracy, hybrid (oracle): ${hybrid.hybridAccuracy.toFixed(3)}  (sensitive judged async: ${hybrid.hybridSensitiveJudgedAsync})`);
  console.log(`  our overhead around a call: p50 ${hybrid.overheadP50Ms.toFixed(1)} ms, p95 ${hybrid.overheadP95Ms.toFixed(1)} ms`);
  console.log(`  prompt size (system + invite): median ${hybrid.promptTokensMedian} tokens, max ${hybrid.promptTokensMax}`);
  console.log(`  whole request incl. JSON schema: median ${hybrid.requestTokensMedian} tokens (about 4 characters a token)`);
}

console.log('\nPOST /api/judge under load (autocannon, 10 connections, 10 s, loopback; Entra token checked on every request, SQLite, embedded judge)');
const load = await measureApiLoad(lines);
console.log(`  requests/s: ${integer(load.requestsPerSecond)}  latency p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms  (${integer(load.requests)} requests, ${load.non2xx} not 2xx, ${load.errors} errors)`);

console.log('\nGoogle add-on: POST /google/event-open over loopback, one at a time (fresh ID token checked, events.get through googleapis from the fake Calendar API, embedded judge)');
const addon = await measureGoogleAddon();
console.log(`  latency p50 ${addon.p50Ms.toFixed(1)} ms, p99 ${addon.p99Ms.toFixed(1)} ms, max ${addon.maxMs.toFixed(1)} ms (${integer(addon.requests)} requests; target p99 <= 100 ms)`);
console.log(`  card JSON for a 12-item agenda: ${integer(addon.cardBytes)} bytes, ${addon.cardWidgets} widgets (whole response ${integer(addon.responseBytes)} bytes)`);

console.log('\nOutlook task pane and Smart Alert (built dist/, headless Chromium at /usr/bin/chromium, launchevent.js in a Node vm; labelled fixtures)');
const fixtureLines = readFileSync(fixtures, 'utf8').split('\n').filter((line) => line.trim() !== '');
for (const line of describeTaskpane(await measureTaskpane(fixtureLines))) console.log(line);

console.log('\nWeekly report calendar fan-out through Microsoft Graph (real MSAL + Graph client; fake Graph on its own thread, 127.0.0.1)');
for (const line of describeCalendarFanout(await measureCalendarFanout())) console.log(line);
