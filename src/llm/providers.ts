import { createAnthropic } from '@ai-sdk/anthropic';
import { createAzure } from '@ai-sdk/azure';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import { createOllama } from 'ollama-ai-provider-v2';
import { llmProviders, type LlmConfig, type LlmProviderName } from '../config.js';
import { LlmClient } from './llm-client.js';

/**
 * One factory from configuration to an AI SDK language model. Each provider package speaks its
 * own vendor's API; a base URL override is how self-hosted servers (and our tests' fakes) are
 * reached. An unknown provider fails loudly with the list of the known ones.
 */

type ModelFactory = (config: LlmConfig) => LanguageModel;

const factories: Record<LlmProviderName, ModelFactory> = {
  openai: (config) => createOpenAI({ apiKey: config.apiKey, baseURL: config.baseUrl })(config.model),
  azure: (config) =>
    createAzure({
      apiKey: config.apiKey,
      ...(config.baseUrl ? { baseURL: config.baseUrl } : { resourceName: config.azureResource }),
      ...(config.azureApiVersion ? { apiVersion: config.azureApiVersion } : {}),
    })(config.model),
  anthropic: (config) => createAnthropic({ apiKey: config.apiKey, baseURL: config.baseUrl })(config.model),
  ollama: (config) => createOllama({ baseURL: config.baseUrl })(config.model),
  // vLLM, LM Studio, llama.cpp server and others follow OpenAI's JSON-schema response format.
  'openai-compatible': (config) =>
    createOpenAICompatible({ name: 'openai-compatible', baseURL: config.baseUrl ?? '', apiKey: config.apiKey, supportsStructuredOutputs: true })(
      config.model,
    ),
};

export function createLanguageModel(config: LlmConfig): LanguageModel {
  const factory = factories[config.provider];
  if (!factory) throw new Error(`No such LLM provider "${String(config.provider)}" (available: ${llmProviders.join(', ')})`);
  return factory(config);
}

/** The client the judge and the drafter share, named for errors and cache keys. */
export function createLlmClient(config: LlmConfig): LlmClient {
  return new LlmClient(createLanguageModel(config), `${config.provider}:${config.model}`);
}
