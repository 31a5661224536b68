import type { Config } from '../config.js';
import { LlmClient } from '../llm/llm-client.js';
import { LlmThreadDrafter } from '../llm/llm-thread-drafter.js';
import { createLanguageModel } from '../llm/providers.js';
import { TemplateThreadDrafter } from './template-thread-drafter.js';
import type { ThreadDrafter } from './thread-drafter.js';

/** The LLM drafter when an LLM judge is configured, else (and as its fallback) the template. */
export function createThreadDrafter(config: Config): ThreadDrafter {
  const template = new TemplateThreadDrafter();
  if (config.judge === 'embedded' || !config.llm) return template;
  const client = new LlmClient(createLanguageModel(config.llm), `${config.llm.provider}:${config.llm.model}`);
  return new LlmThreadDrafter({ client, fallback: template, timeoutMs: config.llm.timeoutMs, maxInputTokens: config.llm.maxInputTokens });
}
