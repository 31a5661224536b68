/**
 * How often a paragraph aimed at an AI reviewer changes the embedded judge's verdict:
 *   npx tsx scripts/measure-injection.ts
 * Every labelled invite (real and synthetic) is judged as written, then with each paragraph
 * toward "keep" and each toward "async" appended.
 */
import { classifyInvite } from '../src/core/classifier/embedded-classifier.js';
import { appendParagraph, towardAsync, towardKeep } from '../test/support/injections.js';
import { realSet, syntheticSet } from './labelled-sets.js';

const invites = [...realSet(), ...syntheticSet()].map((item) => item.invite);
for (const [direction, paragraphs] of [['toward keep', towardKeep], ['toward async', towardAsync]] as const) {
  let tried = 0;
  let flipped = 0;
  const examples: string[] = [];
  for (const invite of invites) {
    const before = classifyInvite(invite).verdict;
    for (const paragraph of paragraphs) {
      tried++;
      const after = classifyInvite({ ...invite, body: appendParagraph(invite.body, paragraph) }).verdict;
      if (after !== before) {
        flipped++;
        if (examples.length < 8) examples.push(`${invite.id}: ${before} → ${after} (${paragraph.slice(0, 40)}…)`);
      }
    }
  }
  console.log(`${direction.padEnd(13)} ${flipped} of ${tried} verdicts flipped (${((100 * flipped) / tried).toFixed(2)} %)`);
  for (const example of examples) console.log(`  ${example}`);
}
