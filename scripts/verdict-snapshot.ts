import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { icsToInvites } from '../src/calendars/ics/ics-to-invites.js';
import { classifyInvite } from '../src/core/classifier/embedded-classifier.js';
import { parseInvite, type Invite } from '../src/core/invite.js';
import { guardVerdict } from '../src/core/sensitivity/sensitivity-guard.js';
import { projectRoot, readRealTexts, sharedDirectory } from './labelled-sets.js';

/**
 * Every verdict the embedded judge gives on every invite we hold, as one file and one hash:
 * `tsx scripts/verdict-snapshot.ts [out.jsonl]`. Run it before and after a speed change; the
 * hashes must match, so a faster judge is provably the same judge.
 */

function jsonLines(path: string): Invite[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    // The sensitivity cases carry only text: give them a time so that they parse.
    .map((line) => parseInvite({ start: '2025-06-02T10:00:00Z', durationMinutes: 30, ...(JSON.parse(line) as object) }));
}

function icsInvites(directory: string): Invite[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.ics'))
    .sort()
    .flatMap((name) => icsToInvites(readFileSync(join(directory, name), 'utf8')).invites);
}

const fixtures = join(projectRoot, 'test', 'fixtures');
const sets: [string, Invite[]][] = [
  ['dev', jsonLines(join(sharedDirectory, 'invites', 'dev-invites.jsonl'))],
  ['labelled', jsonLines(join(fixtures, 'labelled-invites.jsonl'))],
  ['held-out', jsonLines(join(fixtures, 'held-out-invites.jsonl'))],
  ['blind', jsonLines(join(fixtures, 'blind-synthetic-invites.jsonl'))],
  ['sensitivity', jsonLines(join(fixtures, 'sensitivity', 'sensitivity-cases.jsonl'))],
  ['real', [...readRealTexts().values()]],
  ['real-ics', icsInvites(join(sharedDirectory, 'real-ics'))],
  ['examples', icsInvites(join(projectRoot, 'examples'))],
];

const lines: string[] = [];
for (const [set, invites] of sets) {
  invites.forEach((invite, index) => {
    const verdict = guardVerdict(invite, classifyInvite(invite));
    lines.push(JSON.stringify({ set, index, ...verdict }));
  });
}
const text = `${lines.join('\n')}\n`;
const out = process.argv[2];
if (out) writeFileSync(out, text);
const counts = sets.map(([set, invites]) => `${set} ${invites.length}`).join(', ');
console.log(`${lines.length} verdicts (${counts}) sha256 ${createHash('sha256').update(text).digest('hex').slice(0, 16)}`);
