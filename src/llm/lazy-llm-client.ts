import type { z } from 'zod';
import type { LlmConfig } from '../config.js';
import type { LlmCaller, StructuredAnswer, StructuredRequest } from './llm-client.js';

/**
 * An LLM client that loads the AI SDK and the provider on its first call. Most runs use the
 * offline judge and never call a model; they should not pay the SDK's start-up time either.
 */
export function createLazyLlmClient(config: LlmConfig): LlmCaller {
  let client: Promise<LlmCaller> | undefined;
  return {
    identity: `${config.provider}:${config.model}`,
    async generate<Schema extends z.ZodType>(request: StructuredRequest<Schema>): Promise<StructuredAnswer<z.infer<Schema>>> {
      client ??= import('./providers.js').then(({ createLlmClient }) => createLlmClient(config));
      return (await client).generate(request);
    },
  };
}
