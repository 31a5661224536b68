import { IntegrationError, ThrottledError, parseRetryAfter } from '../../src/integration/integration-error.js';
import { withRetry } from '../../src/integration/retry.js';

const throttled = (retryAfterMs?: number) => new ThrottledError('429', { vendor: 'test', status: 429, retryAfterMs, isRetryable: true });

describe('withRetry', () => {
  it('waits as long as Retry-After says and tries once more', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls === 1) throw throttled(1200);
        return 'ok';
      },
      { retries: 1, defaultDelayMs: 100, maxDelayMs: 5000 },
      async (ms) => void waits.push(ms),
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([1200]);
  });

  it('gives up at once when the wait is longer than worth it', async () => {
    const waits: number[] = [];
    await expect(withRetry(async () => Promise.reject(throttled(60_000)), undefined, async (ms) => void waits.push(ms))).rejects.toBeInstanceOf(ThrottledError);
    expect(waits).toEqual([]);
  });

  it('does not retry an error that is not retryable', async () => {
    let calls = 0;
    const failure = new IntegrationError('401', { vendor: 'test', status: 401, isRetryable: false });
    await expect(withRetry(async () => { calls++; throw failure; })).rejects.toBe(failure);
    expect(calls).toBe(1);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 05:00:10 GMT', Date.parse('Wed, 25 Nov 2026 05:00:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
