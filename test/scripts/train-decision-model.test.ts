import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { predictVerdict, verdictClasses } from '../../src/core/classifier/decision-model.js';
import { decisionModel } from '../../src/core/classifier/decision-model-weights.js';
import { featureNames } from '../../src/core/classifier/invite-features.js';
import { sharedDirectory } from '../support/shared-data.js';

describe('the committed decision model', () => {
  it('has one weight per feature and class, and gives probabilities that sum to 1', () => {
    expect(decisionModel.features).toEqual(featureNames);
    expect(decisionModel.weights).toHaveLength(verdictClasses.length);
    for (const row of decisionModel.weights) expect(row).toHaveLength(featureNames.length + 1);
    const p = predictVerdict(decisionModel.mean);
    expect(p.async + p.trim + p.keep).toBeCloseTo(1, 10);
  });

  it('asks for more certainty before async than before trim', () => {
    expect(decisionModel.asyncThreshold).toBeGreaterThanOrEqual(decisionModel.trimThreshold);
    expect(decisionModel.asyncThreshold).toBeGreaterThanOrEqual(0.5);
  });
});

// Training reads the shared development set and the shared real invites beside the repository.
const haveSharedData = existsSync(resolve(sharedDirectory, 'real-invites', 'real-invites.jsonl'));
if (!haveSharedData) console.log('training reproducibility: not run (../shared is not beside the repository)');

(haveSharedData ? describe : describe.skip)('npm run train', () => {
  it('reproduces the committed weights exactly', () => {
    const output = execFileSync(resolve('node_modules', '.bin', 'tsx'), ['scripts/train-decision-model.ts', '--check'], { encoding: 'utf8', timeout: 120_000 });
    expect(output).toContain('The committed weights match a fresh training run.');
  }, 120_000);
});
