import { parseInvite } from '../../../src/core/invite.js';
import { guardVerdict } from '../../../src/core/sensitivity/sensitivity-guard.js';
import type { Verdict } from '../../../src/core/verdict.js';

const verdict = (overrides: Partial<Verdict>): Verdict => ({
  verdict: 'async',
  confidence: 0.8,
  sensitive: false,
  reasons: ['Reads as a status update'],
  agenda: [],
  cost: { attendees: 2, minutes: 30, personHours: 1, amount: 75, currency: 'USD' },
  judge: 'llm',
  ...overrides,
});

const invite = (subject: string, body: string) => parseInvite({ subject, body, start: '2025-07-02T14:00:00-04:00', durationMinutes: 45 });

describe('guardVerdict', () => {
  it('turns an async verdict on a performance review into keep and says why', () => {
    const guarded = guardVerdict(invite('Check-in: Q3 goals', 'Mid-point review of your performance improvement plan.'), verdict({}));
    expect(guarded.verdict).toBe('keep');
    expect(guarded.sensitive).toBe(true);
    expect(guarded.reasons[0]).toMatch(/^Sensitive: a performance or career conversation/);
    expect(guarded.judge).toBe('llm');
  });

  it('trusts a judge that found sensitivity the cues missed', () => {
    const guarded = guardVerdict(invite('Catch-up', 'Quick chat.'), verdict({ sensitive: true }));
    expect(guarded.verdict).toBe('keep');
  });

  it('marks a sensitive trim as sensitive but leaves the trim alone', () => {
    const guarded = guardVerdict(invite('Safety group', '1. Dashboard\n2. Serious incident SI-31: review'), verdict({ verdict: 'trim' }));
    expect(guarded).toMatchObject({ verdict: 'trim', sensitive: true });
  });

  it.each([
    ['Year-end conversation', 'I will walk you through your salary adjustment and bonus outcome.'],
    ['Team update', 'Important information about changes affecting the team. Attendance required; HR will be present.'],
    ['Kurzer Austausch', 'Es tut mir sehr leid, vom Tod deines Mannes zu hören.'],
    ['Heads-down call — storage permissions', 'We found a storage bucket with client data open to the internet.'],
  ])('keeps "%s" even when an LLM that missed it answered async', (subject, body) => {
    const guarded = guardVerdict(invite(subject, body), verdict({ sensitive: false }));
    expect(guarded).toMatchObject({ verdict: 'keep', sensitive: true, judge: 'llm' });
  });

  it('passes an ordinary verdict through untouched', () => {
    const original = verdict({});
    expect(guardVerdict(invite('Weekly KPIs', 'KPI pack attached.'), original)).toBe(original);
  });
});
