/**
 * Trains the embedded judge's decision stage (src/core/classifier/decision-model-weights.ts)
 * from the labelled sets, and reports how well it does on data it did not learn from.
 *
 *   npm run train            train, print the cross-validated report, write the weights
 *   npm run train -- --check train and fail if the committed weights differ (CI reproducibility)
 *
 * Deterministic: no random numbers; folds are assigned by a hash of each invite's id.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseInvite, type InviteAnalysis } from '../src/core/classifier/embedded-classifier.js';
import { predictVerdict, verdictClasses, type DecisionModel } from '../src/core/classifier/decision-model.js';
import { featureNames } from '../src/core/classifier/invite-features.js';
import { evaluate, type Evaluation } from '../src/core/evaluation.js';
import type { VerdictKind } from '../src/core/verdict.js';
import { projectRoot, realSet, syntheticSet, type LabelledInvite } from './labelled-sets.js';

const folds = 5;
// Example weights and the L2 penalty. The TRAIN_* variables exist to explore other values; the
// committed weights (and `--check`) use these defaults.
const workplaceWeight = Number(process.env.TRAIN_WORKPLACE_WEIGHT ?? 1);
const openSourceWeight = Number(process.env.TRAIN_OPEN_SOURCE_WEIGHT ?? 0.25);
const l2 = Number(process.env.TRAIN_L2 ?? 0.05);
const iterations = 3000;
const learningRate = 0.5;
/** Async must be right this often on real invites (out of fold) before the model may say it. */
const requiredAsyncPrecision = 0.9;
const weightsFile = join(projectRoot, 'src', 'core', 'classifier', 'decision-model-weights.ts');

interface Example {
  item: LabelledInvite;
  analysis: InviteAnalysis;
  fold: number;
}

/** The rules alone: the model sees the rules' reading of each invite, never a trained model's. */
const rulesOnly: DecisionModel = {
  features: featureNames,
  mean: featureNames.map(() => 0),
  scale: featureNames.map(() => 1),
  weights: [[0, 5], [0, 0, 5], [0]].map((row) => [...row, ...Array(featureNames.length + 1 - row.length).fill(0)]),
  temperature: 1,
  asyncThreshold: 0.5,
  trimThreshold: 0.5,
  ruleAccuracy: {},
};

function foldOf(id: string): number {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619) >>> 0;
  return hash % folds;
}

function loadExamples(): Example[] {
  return [...realSet(), ...syntheticSet()].map((item) => ({ item, analysis: analyseInvite(item.invite, {}, rulesOnly), fold: foldOf(item.id) }));
}

interface Fitted {
  mean: number[];
  scale: number[];
  weights: number[][];
}

/** Multinomial logistic regression, full-batch gradient descent with L2 on standardised features. */
function fit(rows: { x: number[]; y: number; w: number }[]): Fitted {
  const width = featureNames.length;
  const totalWeight = rows.reduce((sum, row) => sum + row.w, 0);
  const mean = Array.from({ length: width }, (_, j) => rows.reduce((sum, row) => sum + row.w * row.x[j]!, 0) / totalWeight);
  const scale = Array.from({ length: width }, (_, j) => {
    const variance = rows.reduce((sum, row) => sum + row.w * (row.x[j]! - mean[j]!) ** 2, 0) / totalWeight;
    return variance > 1e-9 ? Math.sqrt(variance) : 1;
  });
  const xs = rows.map((row) => [1, ...row.x.map((value, j) => (value - mean[j]!) / scale[j]!)]);
  const weights = verdictClasses.map(() => Array(width + 1).fill(0) as number[]);
  for (let step = 0; step < iterations; step++) {
    const gradient = verdictClasses.map(() => Array(width + 1).fill(0) as number[]);
    rows.forEach((row, r) => {
      const x = xs[r]!;
      const logits = weights.map((w) => w.reduce((sum, wj, j) => sum + wj * x[j]!, 0));
      const top = Math.max(...logits);
      const exps = logits.map((logit) => Math.exp(logit - top));
      const total = exps.reduce((a, b) => a + b, 0);
      exps.forEach((e, k) => {
        const error = (e / total - (k === row.y ? 1 : 0)) * row.w;
        for (let j = 0; j <= width; j++) gradient[k]![j]! += error * x[j]!;
      });
    });
    for (let k = 0; k < weights.length; k++) {
      for (let j = 0; j <= width; j++) {
        const penalty = j === 0 ? 0 : l2 * weights[k]![j]!;
        weights[k]![j]! -= learningRate * (gradient[k]![j]! / totalWeight + penalty);
      }
    }
  }
  return { mean, scale, weights };
}

const rowsOf = (examples: Example[]) =>
  examples
    .filter((example) => example.analysis.features)
    .map((example) => ({ x: example.analysis.features!, y: verdictClasses.indexOf(example.item.label), w: weightOf(example.item) }));

/**
 * Workplace calendars count most: they are what the product meets. Open-source and standards-body
 * agendas are real text too, but governance calls hide decisions in bare topics, so they count less.
 */
function weightOf(item: LabelledInvite): number {
  if (item.set === 'synthetic') return 1;
  return item.id.startsWith('enron-') ? workplaceWeight : openSourceWeight;
}

function asModel(fitted: Fitted, rest: Pick<DecisionModel, 'temperature' | 'asyncThreshold' | 'trimThreshold' | 'ruleAccuracy'>): DecisionModel {
  return { features: featureNames, ...fitted, ...rest };
}

/** Out-of-fold: every example judged by a model that never saw it. */
function outOfFold(examples: Example[], temperature: number, asyncThreshold: number, trimThreshold: number, ruleAccuracy: Record<string, number>) {
  const results: { example: Example; verdict: VerdictKind; confidence: number }[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const model = asModel(fit(rowsOf(examples.filter((example) => example.fold !== fold))), { temperature, asyncThreshold, trimThreshold, ruleAccuracy });
    for (const example of examples.filter((e) => e.fold === fold)) {
      const { verdict } = analyseInvite(example.item.invite, {}, model);
      results.push({ example, verdict: verdict.verdict, confidence: verdict.confidence });
    }
  }
  return results;
}

function score(results: ReturnType<typeof outOfFold>, set?: LabelledInvite['set']): Evaluation {
  return evaluate(
    results
      .filter((result) => !set || result.example.item.set === set)
      .map((result) => ({ label: result.example.item.label, sensitive: result.example.item.sensitive, verdict: result.verdict })),
  );
}

/** Out-of-fold probabilities for the agenda-ruled examples: for temperature and thresholds. */
function outOfFoldProbabilities(examples: Example[]) {
  const out: { example: Example; logits: number[] }[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const fitted = fit(rowsOf(examples.filter((example) => example.fold !== fold)));
    const model = asModel(fitted, { temperature: 1, asyncThreshold: 1, trimThreshold: 1, ruleAccuracy: {} });
    for (const example of examples.filter((e) => e.fold === fold && e.analysis.features)) {
      const p = predictVerdict(example.analysis.features!, model);
      out.push({ example, logits: verdictClasses.map((kind) => Math.log(p[kind])) });
    }
  }
  return out;
}

function softmax(logits: number[], temperature: number): number[] {
  const scaled = logits.map((logit) => logit / temperature);
  const top = Math.max(...scaled);
  const exps = scaled.map((value) => Math.exp(value - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

function chooseTemperature(oof: ReturnType<typeof outOfFoldProbabilities>): number {
  let best = { temperature: 1, loss: Infinity };
  for (let t = 0.5; t <= 3.001; t += 0.05) {
    const loss = oof.reduce((sum, { example, logits }) => sum - Math.log(softmax(logits, t)[verdictClasses.indexOf(example.item.label)]! + 1e-12), 0);
    if (loss < best.loss) best = { temperature: Math.round(t * 100) / 100, loss };
  }
  return best.temperature;
}

/** Accuracy of each fixed rule on everything it decided (Laplace-smoothed): its confidence. */
function ruleAccuracies(examples: Example[]): Record<string, number> {
  const tally = new Map<string, { right: number; all: number }>();
  for (const { item, analysis } of examples) {
    if (analysis.rule === 'agenda') continue;
    const entry = tally.get(analysis.rule) ?? { right: 0, all: 0 };
    entry.all++;
    if (analysis.ruleVerdict.verdict === item.label) entry.right++;
    tally.set(analysis.rule, entry);
  }
  return Object.fromEntries([...tally].sort(([a], [b]) => a.localeCompare(b)).map(([rule, { right, all }]) => [rule, round((right + 1) / (all + 2), 3)]));
}

const round = (value: number, digits = 6) => Math.round(value * 10 ** digits) / 10 ** digits;
const percent = (value: number) => value.toFixed(3);

function report(title: string, evaluation: Evaluation): string {
  return `${title.padEnd(34)} n=${String(evaluation.count).padStart(3)}  accuracy ${percent(evaluation.accuracy)}  async P/R ${percent(evaluation.asyncPrecision)}/${percent(evaluation.asyncRecall)}  trim P/R ${percent(evaluation.perLabel.trim.precision)}/${percent(evaluation.perLabel.trim.recall)}  sensitive→async ${evaluation.sensitiveJudgedAsync}`;
}

function reliability(results: ReturnType<typeof outOfFold>): string[] {
  const buckets = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01];
  const lines = ['confidence   n    observed accuracy'];
  for (let b = 0; b < buckets.length - 1; b++) {
    const inBucket = results.filter((r) => r.confidence >= buckets[b]! && r.confidence < buckets[b + 1]!);
    if (inBucket.length === 0) continue;
    const right = inBucket.filter((r) => r.verdict === r.example.item.label).length;
    lines.push(`${buckets[b]!.toFixed(1)}–${Math.min(1, buckets[b + 1]!).toFixed(1)}  ${String(inBucket.length).padStart(4)}   ${(right / inBucket.length).toFixed(3)}`);
  }
  return lines;
}

function main(): void {
  const check = process.argv.includes('--check');
  const examples = loadExamples();
  const real = examples.filter((example) => example.item.set === 'real');
  console.log(`labelled invites: ${real.length} real, ${examples.length - real.length} synthetic; ${examples.filter((e) => e.analysis.features).length} reach the learned stage`);

  const ruleAccuracy = ruleAccuracies(examples);
  const oof = outOfFoldProbabilities(examples);
  const temperature = chooseTemperature(oof);

  // The lowest async threshold whose out-of-fold precision on real invites is high enough.
  let asyncThreshold = 0.95;
  for (let t = 0.5; t <= 0.951; t += 0.025) {
    const said = oof.filter(({ example, logits }) => example.item.set === 'real' && softmax(logits, temperature)[0]! >= t);
    const right = said.filter(({ example }) => example.item.label === 'async').length;
    const synthetic = oof.filter(({ example, logits }) => example.item.set === 'synthetic' && softmax(logits, temperature)[0]! >= t);
    const syntheticRight = synthetic.filter(({ example }) => example.item.label === 'async').length;
    const precise = (said.length === 0 || right / said.length >= requiredAsyncPrecision) && (synthetic.length === 0 || syntheticRight / synthetic.length >= requiredAsyncPrecision);
    if (precise) {
      asyncThreshold = round(t, 3);
      break;
    }
  }
  const trimThreshold = 0.4;
  if (process.argv.includes('--thresholds')) {
    console.log('\nasync threshold → out-of-fold async precision/recall (real | synthetic):');
    for (let t = 0.5; t <= 0.951; t += 0.05) {
      const row = (['real', 'synthetic'] as const).map((set) => {
        const inSet = oof.filter(({ example }) => example.item.set === set);
        const said = inSet.filter(({ logits }) => softmax(logits, temperature)[0]! >= t);
        const right = said.filter(({ example }) => example.item.label === 'async').length;
        const all = examples.filter((example) => example.item.set === set && example.item.label === 'async').length;
        return `${right}/${said.length} right, recall ${(right / all).toFixed(2)}`;
      });
      console.log(`  ${t.toFixed(2)}  ${row.join('  |  ')}`);
    }
  }
  if (process.argv.includes('--ranking')) {
    console.log('\nreal invites by out-of-fold probability of async:');
    for (const { example, logits } of oof.filter((o) => o.example.item.set === 'real').sort((a, b) => b.logits[0]! - a.logits[0]!).slice(0, 25)) {
      console.log(`  ${softmax(logits, temperature)[0]!.toFixed(3)}  ${example.item.label.padEnd(5)} ${example.item.id}  ${example.item.invite.subject.slice(0, 60)}`);
    }
    console.log('\nsynthetic async invites the model doubts:');
    for (const { example, logits } of oof.filter((o) => o.example.item.set === 'synthetic' && o.example.item.label === 'async' && softmax(o.logits, temperature)[0]! < 0.9)) {
      console.log(`  ${softmax(logits, temperature).map((v) => v.toFixed(2)).join('/')}  ${example.item.id}  ${example.item.invite.subject.slice(0, 60)}`);
    }
  }

  const results = outOfFold(examples, temperature, asyncThreshold, trimThreshold, ruleAccuracy);
  const rulesAlone = examples.map((example) => ({ example, verdict: example.analysis.ruleVerdict.verdict, confidence: example.analysis.ruleVerdict.confidence }));
  console.log(`\n${folds}-fold cross-validated (each invite judged by a model that never saw it):`);
  console.log(report('real, rules alone', score(rulesAlone, 'real')));
  console.log(report('real, rules + learned stage', score(results, 'real')));
  const workplace = (r: { example: Example }) => r.example.item.id.startsWith('enron-');
  console.log(report('  of which workplace (Enron)', evaluate(results.filter(workplace).map((r) => ({ label: r.example.item.label, sensitive: r.example.item.sensitive, verdict: r.verdict })))));
  const keepShare = (set: LabelledInvite['set']) => { const s2 = examples.filter((e) => e.item.set === set); return s2.filter((e) => e.item.label === 'keep').length / s2.length; };
  console.log(`always "keep" would score ${keepShare('real').toFixed(3)} on real, ${keepShare('synthetic').toFixed(3)} on synthetic`);
  console.log(report('synthetic, rules alone', score(rulesAlone, 'synthetic')));
  console.log(report('synthetic, rules + learned stage', score(results, 'synthetic')));
  console.log(`\ntemperature ${temperature}, async threshold ${asyncThreshold}, trim threshold ${trimThreshold}`);
  const hybridThreshold = 0.7;
  for (const set of ['real', 'synthetic'] as const) {
    const inSet = results.filter((r) => r.example.item.set === set);
    const unsure = inSet.filter((r) => r.confidence < hybridThreshold).length;
    console.log(`hybrid judge at its default threshold (${hybridThreshold}) would ask the LLM about ${unsure} of ${inSet.length} ${set} invites (${((100 * unsure) / inSet.length).toFixed(1)} %)`);
  }
  console.log('\nreliability (out of fold, all invites):');
  for (const line of reliability(results)) console.log(`  ${line}`);
  console.log('\nfixed rules, observed accuracy:', JSON.stringify(ruleAccuracy));
  if (process.argv.includes('--errors')) {
    console.log('\nout-of-fold mistakes (id: label → verdict, rule):');
    for (const { example, verdict, confidence } of results) {
      if (verdict !== example.item.label) console.log(`  ${example.item.id}: ${example.item.label} → ${verdict} (${confidence}, ${example.analysis.rule}, rules said ${example.analysis.ruleVerdict.verdict}) ${example.item.invite.subject.slice(0, 60)}`);
    }
  }

  const fitted = fit(rowsOf(examples));
  const source = renderWeights({ ...fitted, temperature, asyncThreshold, trimThreshold, ruleAccuracy });
  if (check) {
    const committed = readFileSync(weightsFile, 'utf8');
    if (committed !== source) {
      console.error('The committed weights differ from what training produces: run `npm run train`.');
      process.exit(1);
    }
    console.log('\nThe committed weights match a fresh training run.');
    return;
  }
  writeFileSync(weightsFile, source);
  console.log(`\nwrote ${weightsFile}`);
}

function renderWeights(model: Fitted & Pick<DecisionModel, 'temperature' | 'asyncThreshold' | 'trimThreshold' | 'ruleAccuracy'>): string {
  const numbers = (values: number[]) => `[${values.map((value) => round(value)).join(', ')}]`;
  return `import type { DecisionModel } from './decision-model.js';
import { featureNames } from './invite-features.js';

// Written by \`npm run train\` (scripts/train-decision-model.ts) from the labelled sets. Do not edit.
export const decisionModel: DecisionModel = {
  features: featureNames,
  mean: ${numbers(model.mean)},
  scale: ${numbers(model.scale)},
  weights: [
${model.weights.map((row, k) => `    // ${verdictClasses[k]}\n    ${numbers(row)},`).join('\n')}
  ],
  temperature: ${model.temperature},
  asyncThreshold: ${model.asyncThreshold},
  trimThreshold: ${model.trimThreshold},
  ruleAccuracy: ${JSON.stringify(model.ruleAccuracy).replace(/"([a-z-]+)":/g, "'$1': ").replace(/,/g, ', ')},
};
`;
}

main();
