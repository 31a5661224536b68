/**
 * Shows how the embedded judge reached its verdicts: the rule, the cleaned text, the learned
 * stage's features and probabilities. For developers tuning the judge:
 *   npx tsx scripts/explain-verdicts.ts <file.jsonl> [id ...]
 */
import { readFileSync } from 'node:fs';
import { analyseInvite } from '../src/core/classifier/embedded-classifier.js';
import { featureNames } from '../src/core/classifier/invite-features.js';
import { parseInvite } from '../src/core/invite.js';
import { readInviteText } from '../src/core/text/invite-text.js';
import { realRecordToInvite } from './labelled-sets.js';

const [file, ...ids] = process.argv.slice(2);
if (!file) {
  console.error('usage: tsx scripts/explain-verdicts.ts <file.jsonl> [id ...]');
  process.exit(2);
}
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const record = JSON.parse(line) as Record<string, unknown>;
  if (ids.length > 0 && !ids.includes(String(record.id))) continue;
  const invite = 'description' in record ? realRecordToInvite(record) : parseInvite(record);
  const analysis = analyseInvite(invite);
  const text = readInviteText(invite);
  console.log(`\n=== ${String(record.id)}: ${invite.subject}${record.label ? `  [label ${String(record.label)}]` : ''}`);
  console.log(`rule ${analysis.rule} → ${analysis.ruleVerdict.verdict}; final ${analysis.verdict.verdict} (${analysis.verdict.confidence})`);
  console.log(`removed: ${JSON.stringify(text.removedLines)}`);
  console.log(`content: ${text.body.replace(/\s+/g, ' ').slice(0, 300)}`);
  console.log(`agenda: ${analysis.verdict.agenda.map((item) => `[${item.kind}] ${item.text.slice(0, 50)}`).join(' | ')}`);
  if (analysis.probabilities) console.log(`p: ${JSON.stringify(analysis.probabilities)}`);
  if (analysis.features) console.log(`features: ${analysis.features.map((value, i) => (value ? `${featureNames[i]}=${value.toFixed(2)}` : '')).filter(Boolean).join(', ')}`);
  console.log(`reasons: ${analysis.verdict.reasons.join(' / ')}`);
}
