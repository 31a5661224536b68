import { classifyInvite } from '../../src/core/classifier/embedded-classifier.js';
import { parseInvite } from '../../src/core/invite.js';
import { MemoryVerdictCache } from '../../src/judge/verdict-cache.js';
import { verdictCacheKey } from '../../src/judge/cached-judge.js';

const verdict = classifyInvite(parseInvite({ subject: 'Weekly KPIs', body: 'KPI pack attached.', start: '2026-01-05T10:00:00Z', durationMinutes: 30 }));

describe('MemoryVerdictCache', () => {
  it('forgets the least recently used entry when full', async () => {
    const cache = new MemoryVerdictCache(2);
    await cache.set('a', verdict);
    await cache.set('b', verdict);
    await cache.get('a'); // a is now the most recently used
    await cache.set('c', verdict);
    expect(cache.size).toBe(2);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBe(verdict);
    expect(await cache.get('c')).toBe(verdict);
  });
});

describe('verdictCacheKey', () => {
  const base = { subject: 'Ops weekly', body: '<p>Status&nbsp;of  sites</p>', start: '2026-01-05T10:00:00Z', durationMinutes: 30, recurrence: 'weekly' as const };

  it('is the same for every occurrence of a series and for the same text in other markup', async () => {
    const first = await verdictCacheKey('llm:m|v1', parseInvite(base));
    expect(await verdictCacheKey('llm:m|v1', parseInvite({ ...base, start: '2026-01-12T10:00:00Z', id: 'occurrence-2' }))).toBe(first);
    expect(await verdictCacheKey('llm:m|v1', parseInvite({ ...base, body: 'Status of sites' }))).toBe(first);
  });

  it('changes with the content, the length or the model and prompt', async () => {
    const first = await verdictCacheKey('llm:m|v1', parseInvite(base));
    expect(await verdictCacheKey('llm:m|v1', parseInvite({ ...base, body: 'Decide: close site 4?' }))).not.toBe(first);
    expect(await verdictCacheKey('llm:m|v1', parseInvite({ ...base, durationMinutes: 60 }))).not.toBe(first);
    expect(await verdictCacheKey('llm:m|v2', parseInvite(base))).not.toBe(first);
  });
});
