import { z } from 'zod';
import { judgeNames } from './core/verdict.js';

/**
 * Configuration is read from the environment once, here, validated, and passed down. Nothing
 * else reads `process.env`. Every variable is listed in `.env.example`.
 */

export const llmProviders = ['openai', 'azure', 'anthropic', 'ollama', 'openai-compatible'] as const;
export type LlmProviderName = (typeof llmProviders)[number];

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const environmentSchema = z.object({
  JUDGE: z.enum(judgeNames, { message: `must be one of ${judgeNames.join(', ')}` }).default('embedded'),
  HOURLY_RATE: z.coerce.number({ message: 'must be a number' }).positive('must be a positive number').default(75),
  CURRENCY: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD or EUR')
    .default('USD'),
  LLM_PROVIDER: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.enum(llmProviders, { message: `must be one of ${llmProviders.join(', ')}` }).optional(),
  ),
  LLM_MODEL: optionalText,
  LLM_BASE_URL: optionalText.pipe(z.url({ message: 'must be a URL such as http://127.0.0.1:11434/v1' }).optional()),
  LLM_API_KEY: optionalText,
  LLM_TIMEOUT_MS: z.coerce.number({ message: 'must be a number' }).int().positive().default(8000),
  LLM_MAX_INPUT_TOKENS: z.coerce.number({ message: 'must be a number' }).int().min(200).default(1200),
  AZURE_OPENAI_RESOURCE: optionalText,
  AZURE_OPENAI_API_VERSION: optionalText,
  HYBRID_THRESHOLD: z.coerce.number({ message: 'must be a number' }).min(0).max(1).default(0.7),
});

export interface LlmConfig {
  provider: LlmProviderName;
  model: string;
  baseUrl?: string;
  apiKey?: string;
  timeoutMs: number;
  maxInputTokens: number;
  azureResource?: string;
  azureApiVersion?: string;
}

export interface Config {
  judge: (typeof judgeNames)[number];
  cost: { hourlyRate: number; currency: string };
  llm?: LlmConfig;
  hybridThreshold: number;
}

/** Thrown at start-up with one line per problem, each naming the variable to fix. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
  }
}

const defaultModels: Partial<Record<LlmProviderName, string>> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-3-5-haiku-latest',
  ollama: 'llama3.1',
};

export function loadConfig(environment: Record<string, string | undefined>): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  const problems: string[] = [];
  let llm: LlmConfig | undefined;
  // LLM settings matter only to a judge that uses them: a half-set LLM_PROVIDER in the shell
  // must not stop the offline judge.
  if (env.LLM_PROVIDER && env.JUDGE !== 'embedded') {
    const model = env.LLM_MODEL ?? defaultModels[env.LLM_PROVIDER];
    if (!model) problems.push(`LLM_MODEL: required for LLM_PROVIDER=${env.LLM_PROVIDER} (the model or deployment name)`);
    if (env.LLM_PROVIDER === 'openai-compatible' && !env.LLM_BASE_URL) {
      problems.push('LLM_BASE_URL: required for LLM_PROVIDER=openai-compatible (e.g. http://127.0.0.1:8000/v1)');
    }
    if (env.LLM_PROVIDER === 'azure' && !env.LLM_BASE_URL && !env.AZURE_OPENAI_RESOURCE) {
      problems.push('AZURE_OPENAI_RESOURCE or LLM_BASE_URL: required for LLM_PROVIDER=azure');
    }
    if ((env.LLM_PROVIDER === 'openai' || env.LLM_PROVIDER === 'anthropic' || env.LLM_PROVIDER === 'azure') && !env.LLM_API_KEY) {
      problems.push(`LLM_API_KEY: required for LLM_PROVIDER=${env.LLM_PROVIDER}`);
    }
    llm = {
      provider: env.LLM_PROVIDER,
      model: model ?? '',
      baseUrl: env.LLM_BASE_URL,
      apiKey: env.LLM_API_KEY,
      timeoutMs: env.LLM_TIMEOUT_MS,
      maxInputTokens: env.LLM_MAX_INPUT_TOKENS,
      azureResource: env.AZURE_OPENAI_RESOURCE,
      azureApiVersion: env.AZURE_OPENAI_API_VERSION,
    };
  }
  if (env.JUDGE !== 'embedded' && !env.LLM_PROVIDER) {
    problems.push(`LLM_PROVIDER: required for JUDGE=${env.JUDGE} (one of ${llmProviders.join(', ')})`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    judge: env.JUDGE,
    cost: { hourlyRate: env.HOURLY_RATE, currency: env.CURRENCY },
    llm,
    hybridThreshold: env.HYBRID_THRESHOLD,
  };
}
