import { loadConfig } from '../src/config.js';
import { classifyInvite } from '../src/core/classifier/embedded-classifier.js';
import { evaluate } from '../src/core/evaluation.js';
import { parseInvite, type Invite } from '../src/core/invite.js';
import type { VerdictKind } from '../src/core/verdict.js';
import { needsLlm } from '../src/judge/hybrid-judge.js';
import { createJudge } from '../src/judge/create-judge.js';
import { buildJudgePrompt, estimateTokens } from '../src/llm/prompt.js';
import { startFakeLlmServer, type RecordedRequest } from '../test/fakes/fake-llm-server.js';

/**
 * The hybrid judge on the development set against a fake LLM on 127.0.0.1 that answers after
 * 800 ms with the true label (the upper bound of what an LLM could add): how many invites go to
 * the LLM, accuracy of hybrid vs embedded, the time our own code adds around the call, and the
 * prompt's size.
 */

const llmDelayMs = 800;

interface Labelled {
  invite: Invite;
  label: VerdictKind;
  sensitive: boolean;
}

export interface HybridFigures {
  invites: number;
  sentToLlm: number;
  embeddedAccuracy: number;
  hybridAccuracy: number;
  hybridSensitiveJudgedAsync: number;
  overheadP50Ms: number;
  overheadP95Ms: number;
  promptTokensMedian: number;
  promptTokensMax: number;
  requestTokensMedian: number;
}

function userMessage(request: RecordedRequest): string {
  const messages = (request.body as { messages: { role: string; content: string }[] }).messages;
  return messages.find((message) => message.role === 'user')?.content ?? '';
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

export async function measureHybrid(lines: string[]): Promise<HybridFigures> {
  const labelled: Labelled[] = lines.map((line) => {
    const record = JSON.parse(line) as { label: VerdictKind; sensitive: boolean };
    return { invite: parseInvite(record), label: record.label, sensitive: record.sensitive };
  });
  const labelBySubject = new Map(labelled.map((item) => [buildJudgePrompt(item.invite, 1200).prompt, item]));

  const server = await startFakeLlmServer();
  server.setDefault((request) => {
    const truth = labelBySubject.get(userMessage(request));
    return {
      kind: 'object',
      delayMs: llmDelayMs,
      value: {
        verdict: truth?.label ?? 'keep',
        confidence: 0.9,
        sensitive: truth?.sensitive ?? false,
        reasons: ['The oracle knows the label'],
        agenda: [],
        keepMinutes: truth?.label === 'trim' ? 20 : null,
        asyncItems: null,
      },
    };
  });
  try {
    const config = loadConfig({
      JUDGE: 'hybrid',
      LLM_PROVIDER: 'openai-compatible',
      LLM_BASE_URL: `${server.baseUrl}/v1`,
      LLM_MODEL: 'oracle',
      LLM_TIMEOUT_MS: '5000',
    });
    const judge = createJudge(config);

    // Accuracy and the share sent to the LLM: all invites, eight at a time.
    const verdicts = new Array<VerdictKind>(labelled.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < labelled.length) {
          const index = next++;
          verdicts[index] = (await judge.judge(labelled[index]!.invite)).verdict;
        }
      }),
    );
    const sentToLlm = server.requests.length;
    const requestTokens = server.requests.map((request) => estimateTokens(JSON.stringify(request.body)));

    // Overhead: one call at a time on a fresh judge (no cache), total time minus the fake's delay.
    const overheads: number[] = [];
    const fresh = createJudge(config);
    const unsure = labelled.filter((item) => needsLlm(classifyInvite(item.invite), config.hybridThreshold));
    for (const item of unsure.slice(0, 12)) {
      const started = performance.now();
      await fresh.judge(item.invite);
      overheads.push(performance.now() - started - llmDelayMs);
    }

    const promptTokens = labelled.map((item) => {
      const prompt = buildJudgePrompt(item.invite, config.llm!.maxInputTokens);
      return estimateTokens(prompt.system) + estimateTokens(prompt.prompt);
    });
    const score = (kinds: VerdictKind[]) => evaluate(labelled.map((item, index) => ({ label: item.label, sensitive: item.sensitive, verdict: kinds[index]! })));
    const hybrid = score(verdicts);
    return {
      invites: labelled.length,
      sentToLlm,
      embeddedAccuracy: score(labelled.map((item) => classifyInvite(item.invite).verdict)).accuracy,
      hybridAccuracy: hybrid.accuracy,
      hybridSensitiveJudgedAsync: hybrid.sensitiveJudgedAsync,
      overheadP50Ms: percentile(overheads, 50),
      overheadP95Ms: percentile(overheads, 95),
      promptTokensMedian: percentile(promptTokens, 50),
      promptTokensMax: Math.max(...promptTokens),
      requestTokensMedian: percentile(requestTokens, 50),
    };
  } finally {
    await server.close();
  }
}
