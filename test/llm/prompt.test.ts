import { parseInvite } from '../../src/core/invite.js';
import { buildJudgePrompt, estimateTokens, judgeSystemPrompt } from '../../src/llm/prompt.js';
import { readRealTexts } from '../../scripts/labelled-sets.js';

describe('the judge prompt', () => {
  // Real calendar items: the project's own, and the shared ones (Enron, with real addresses and passcodes) when beside us.
  const invites = [...readRealTexts().values()];

  it('leaves no e-mail address or dial-in number of a real invite in what it sends', () => {
    for (const invite of invites) {
      const { prompt } = buildJudgePrompt(invite, 1200);
      expect(prompt).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
      expect(prompt).not.toMatch(/\d{3}[\s.-]\d{3}[\s.-]\d{4}/);
    }
  });

  it('stays within the token budget for every real invite', () => {
    const sizes = invites.map((invite) => estimateTokens(judgeSystemPrompt) + estimateTokens(buildJudgePrompt(invite, 1200).prompt));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(estimateTokens(judgeSystemPrompt) + 1200 + 150);
  });

  it('marks a cut body', () => {
    const long = parseInvite({ subject: 'x', body: 'word '.repeat(5000), start: '2026-01-05T10:00:00Z', durationMinutes: 30 });
    const result = buildJudgePrompt(long, 200);
    expect(result.truncated).toBe(true);
    expect(result.prompt).toContain('[…]');
  });
});
