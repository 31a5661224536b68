/**
 * Recall and false-flag rate of the sensitivity detector on every labelled set:
 *   npm run measure:sensitivity [-- --misses]
 * The blind-written detector cases (test/fixtures/sensitivity), the real calendar items (both
 * labellers agreed on the flag) and the synthetic invites.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sensitivityOf } from '../src/core/sensitivity/detect-sensitivity.js';
import { readInviteText } from '../src/core/text/invite-text.js';
import { projectRoot, readRealLabels, readRealTexts, syntheticSet } from './labelled-sets.js';

interface Case {
  id: string;
  subject: string;
  body: string;
  sensitive: boolean;
  language?: string;
}

function detectorCases(): Case[] {
  return readFileSync(join(projectRoot, 'test', 'fixtures', 'sensitivity', 'sensitivity-cases.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Case);
}

function realCases(): Case[] {
  const texts = readRealTexts();
  return readRealLabels()
    .filter((entry) => texts.has(entry.id) && entry.labellers.every((l) => l.sensitive === entry.labellers[0]!.sensitive))
    .map((entry) => ({ id: entry.id, subject: texts.get(entry.id)!.subject, body: texts.get(entry.id)!.body, sensitive: entry.labellers[0]!.sensitive }));
}

function measure(name: string, cases: Case[], showMisses: boolean): void {
  const positives = cases.filter((c) => c.sensitive);
  const negatives = cases.filter((c) => !c.sensitive);
  const found = (c: Case) => sensitivityOf(readInviteText({ subject: c.subject, body: c.body ?? '' })).matches;
  const flagged = (c: Case) => found(c).length > 0;
  const missed = positives.filter((c) => !flagged(c));
  const falseFlags = negatives.filter(flagged);
  const recall = positives.length ? 1 - missed.length / positives.length : 1;
  const falseRate = negatives.length ? falseFlags.length / negatives.length : 0;
  console.log(`${name.padEnd(28)} sensitive ${String(positives.length).padStart(3)}  recall ${recall.toFixed(3)}   not sensitive ${String(negatives.length).padStart(3)}  false flags ${falseRate.toFixed(3)} (${falseFlags.length})`);
  if (showMisses) {
    for (const c of missed) console.log(`  missed ${c.id}: ${c.subject} | ${c.body.replace(/\s+/g, ' ').slice(0, 140)}`);
    for (const c of falseFlags) console.log(`  false  ${c.id}: ${c.subject} → ${found(c).map((m) => `${m.category}: ${m.evidence}`).join(', ')}`);
  }
}

const misses = process.argv.includes('--misses');
measure('detector cases (blind)', detectorCases(), misses);
measure('real calendar items', realCases(), misses);
const blind = join(projectRoot, 'test', 'fixtures', 'blind-synthetic-invites.jsonl');
measure('blind synthetic (held out)', readFileSync(blind, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Case), misses);
measure('synthetic invites', syntheticSet().map((item) => ({ id: item.id, subject: item.invite.subject, body: item.invite.body, sensitive: item.sensitive })), misses);
