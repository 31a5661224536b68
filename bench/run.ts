import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { measureEmbeddedThroughput } from './embedded-throughput.js';

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
console.log(`  parse + validate + judge:  ${integer(figures.judgedPerSecond)} invites/s`);
console.log(`  cost relative to JSON.parse: ${figures.ratioToJsonParse.toFixed(1)}×`);
console.log(`  1 MB HTML body judged in:  ${figures.largeHtmlMilliseconds.toFixed(1)} ms`);
