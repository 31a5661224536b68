import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { classifyInvite } from '../../../src/core/classifier/embedded-classifier.js';
import { evaluate } from '../../../src/core/evaluation.js';
import { realSet } from '../../../scripts/labelled-sets.js';
import { sharedDirectory } from '../../support/shared-data.js';

// The real set's texts are partly the shared real invites, read in place beside the repository.
const haveSharedData = existsSync(resolve(sharedDirectory, 'real-invites', 'real-invites.jsonl'));
if (!haveSharedData) console.log('real calendar quality: not run (../shared is not beside the repository)');

(haveSharedData ? describe : describe.skip)('embedded classifier on real calendar items labelled twice blind', () => {
  const items = realSet();
  const outcomes = items.map((item) => ({ label: item.label, sensitive: item.sensitive, verdict: classifyInvite(item.invite).verdict }));
  const result = evaluate(outcomes);

  it('beats answering "keep" to everything', () => {
    const keepShare = items.filter((item) => item.label === 'keep').length / items.length;
    expect(items.length).toBeGreaterThanOrEqual(300);
    expect(result.accuracy).toBeGreaterThanOrEqual(keepShare + 0.08);
  });

  it('never calls a sensitive real meeting async, and is right when it does say async', () => {
    expect(result.sensitiveJudgedAsync).toBe(0);
    const saidAsync = outcomes.filter((outcome) => outcome.verdict === 'async');
    expect(saidAsync.filter((outcome) => outcome.label !== 'async').length).toBeLessThanOrEqual(Math.floor(0.1 * saidAsync.length));
  });
});
