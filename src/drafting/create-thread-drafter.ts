import type { Config } from '../config.js';
import { createLazyLlmClient } from '../llm/lazy-llm-client.js';
import type { LlmCaller } from '../llm/llm-client.js';
import { LlmThreadDrafter } from '../llm/llm-thread-drafter.js';
import { TemplateThreadDrafter } from './template-thread-drafter.js';
import type { ThreadDrafter } from './thread-drafter.js';

/** The LLM drafter when an LLM judge is configured, else (and as its fallback) the template. */
export function createThreadDrafter(config: Config, dependencies: { client?: LlmCaller } = {}): ThreadDrafter {
  const template = new TemplateThreadDrafter();
  if (config.judge === 'embedded' || !config.llm) return template;
  const client = dependencies.client ?? createLazyLlmClient(config.llm);
  return new LlmThreadDrafter({ client, fallback: template, timeoutMs: config.llm.timeoutMs, maxInputTokens: config.llm.maxInputTokens });
}
