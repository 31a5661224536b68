import { evaluate } from '../../src/core/evaluation.js';

describe('evaluate', () => {
  const outcomes = [
    { label: 'async', sensitive: false, verdict: 'async' },
    { label: 'async', sensitive: false, verdict: 'trim' },
    { label: 'trim', sensitive: false, verdict: 'trim' },
    { label: 'keep', sensitive: true, verdict: 'async' },
    { label: 'keep', sensitive: false, verdict: 'keep' },
  ] as const;

  it('computes accuracy, async precision and recall and counts sensitive invites judged async', () => {
    const result = evaluate(outcomes);
    expect(result.accuracy).toBeCloseTo(3 / 5);
    expect(result.asyncPrecision).toBeCloseTo(1 / 2);
    expect(result.asyncRecall).toBeCloseTo(1 / 2);
    expect(result.sensitiveJudgedAsync).toBe(1);
  });

  it('fills the confusion matrix by label then verdict', () => {
    const result = evaluate(outcomes);
    expect(result.confusion.keep.async).toBe(1);
    expect(result.confusion.async.trim).toBe(1);
    expect(result.confusion.trim.trim).toBe(1);
  });

  it('averages F1 over the three labels', () => {
    const result = evaluate(outcomes);
    // async: P=.5 R=.5 F1=.5; trim: P=.5 R=1 F1=.667; keep: P=1 R=.5 F1=.667
    expect(result.macroF1).toBeCloseTo((0.5 + 2 / 3 + 2 / 3) / 3);
  });

  it('returns zeros rather than NaN when a label is never predicted', () => {
    const result = evaluate([{ label: 'keep', sensitive: false, verdict: 'keep' }]);
    expect(result.asyncPrecision).toBe(0);
    expect(Number.isNaN(result.macroF1)).toBe(false);
  });
});
