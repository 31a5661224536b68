import type { Config } from '../config.js';
import type { LlmClient } from '../llm/llm-client.js';
import { LlmThreadDrafter } from '../llm/llm-thread-drafter.js';
import { createLlmClient } from '../llm/providers.js';
import { TemplateThreadDrafter } from './template-thread-drafter.js';
import type { ThreadDrafter } from './thread-drafter.js';

/** The LLM drafter when an LLM judge is configured, else (and as its fallback) the template. */
export function createThreadDrafter(config: Config, dependencies: { client?: LlmClient } = {}): ThreadDrafter {
  const template = new TemplateThreadDrafter();
  if (config.judge === 'embedded' || !config.llm) return template;
  const client = dependencies.client ?? createLlmClient(config.llm);
  return new LlmThreadDrafter({ client, fallback: template, timeoutMs: config.llm.timeoutMs, maxInputTokens: config.llm.maxInputTokens });
}
