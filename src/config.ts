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

/* ------------------------------------------------------------------------------------------ */
/* The backend: `serve` reads these too. The CLI's check/eval/draft need only the part above.  */
/* ------------------------------------------------------------------------------------------ */

const loopbackHosts = ['127.0.0.1', 'localhost', '::1'];

const optionalUrl = (example: string) => optionalText.pipe(z.url({ message: `must be a URL such as ${example}` }).optional());
const flag = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .transform((value, context) => {
    if (value === undefined || value === '' || value === '0' || value === 'false') return false;
    if (value === '1' || value === 'true') return true;
    context.addIssue({ code: 'custom', message: 'must be 1 or 0' });
    return z.NEVER;
  });

const serverEnvironmentSchema = z.object({
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(0).max(65535, 'must be a port number (0-65535)').default(3000),
  PUBLIC_URL: optionalUrl('https://challenger.example.com'),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave it unset for the SQLite file)')
      .optional(),
  ),
  SQLITE_PATH: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number({ message: 'must be a number' }).int().min(1024).default(1_500_000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number({ message: 'must be a number' }).int().positive().default(600),
  TLS_CERT_FILE: optionalText,
  TLS_KEY_FILE: optionalText,
  INSECURE_DEV_AUTH: flag,
  ENTRA_TENANT_ID: optionalText,
  ENTRA_CLIENT_ID: optionalText,
  ENTRA_CLIENT_SECRET: optionalText,
  ENTRA_JWKS_URL: optionalUrl('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
  ENTRA_AUTHORITY_URL: optionalUrl('https://login.microsoftonline.com').default('https://login.microsoftonline.com'),
  GOOGLE_SERVICE_ACCOUNT_EMAIL: optionalText,
  GOOGLE_CERTS_URL: optionalUrl('https://www.googleapis.com/oauth2/v1/certs'),
  GOOGLE_SERVICE_ACCOUNT_KEY_FILE: optionalText,
  GOOGLE_OAUTH_CLIENT_ID: optionalText,
  SMTP_URL: optionalText.pipe(z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional()),
  MAIL_FROM: optionalText,
  GRAPH_BASE_URL: optionalUrl('https://graph.microsoft.com/v1.0').default('https://graph.microsoft.com/v1.0'),
  GOOGLE_API_ROOT_URL: optionalUrl('https://www.googleapis.com/').default('https://www.googleapis.com/'),
  REPORT_SCHEDULE: optionalText.default('0 8 * * 1'),
  MAILER: z.preprocess((value) => (value === '' ? undefined : value), z.enum(['smtp', 'graph', 'gmail'], { message: 'must be one of smtp, graph, gmail' }).optional()),
  REPORT_SIGNING_SECRET: optionalText.pipe(z.string().min(16, 'must be at least 16 characters (e.g. `openssl rand -hex 32`)').optional()),
  REPORT_CONCURRENCY: z.coerce.number({ message: 'must be a number' }).int().min(1).max(256).default(8),
  REPORT_JOB_TIMEOUT_SECONDS: z.coerce.number({ message: 'must be a number' }).int().min(2).max(86_400).default(900),
});

export interface ServerConfig extends Config {
  host: string;
  port: number;
  /** Where users reach us; links in e-mails and the Google ID token audience are built from it. */
  publicUrl: string;
  database: { url?: string; sqlitePath: string };
  logLevel: string;
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  tls?: { certFile: string; keyFile: string };
  /** Accept unauthenticated calls as a local developer; allowed only on a loopback address. */
  insecureDevAuth: boolean;
  entra?: { tenantId: string; clientId: string; clientSecret?: string; jwksUrl?: string; authorityUrl: string };
  /** The add-on deployment's service account; `oauthClientId` is the audience of the add-on user's ID token. */
  google?: { serviceAccountEmail: string; certsUrl?: string; keyFile?: string; oauthClientId?: string };
  smtp?: { url: string; from: string };
  graphBaseUrl: string;
  googleApiRootUrl: string;
  reportSchedule: string;
  /** How report e-mails leave: `MAILER`, or SMTP when only SMTP_URL is set. */
  mailer?: 'smtp' | 'graph' | 'gmail';
  /** `MAIL_FROM`: the sender of report e-mails (for Graph and Gmail, the mailbox that sends). */
  mailFrom?: string;
  /** Signs unsubscribe links; unset, a local SQLite setup makes one (src/report/unsubscribe.ts). Never logged. */
  reportSigningSecret?: string;
  /** Reports composed and sent at once by one process. */
  reportConcurrency: number;
  /** Longest a report may take; a claim older than this is from a dead worker and may be taken again. */
  reportJobTimeoutSeconds: number;
}

/** The judge's configuration and the backend's, with every problem of both in one error. */
export function loadServerConfig(environment: Record<string, string | undefined>): ServerConfig {
  const problems: string[] = [];
  let base: Config | undefined;
  try {
    base = loadConfig(environment);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  const parsed = serverEnvironmentSchema.safeParse(environment);
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  if (!parsed.success || !base) throw new ConfigError(problems);
  const env = parsed.data;

  if (env.INSECURE_DEV_AUTH && !loopbackHosts.includes(env.HOST)) {
    problems.push(`INSECURE_DEV_AUTH: allowed only when HOST is a loopback address (127.0.0.1, localhost, ::1), not ${env.HOST}`);
  }
  if (Boolean(env.TLS_CERT_FILE) !== Boolean(env.TLS_KEY_FILE)) problems.push('TLS_CERT_FILE and TLS_KEY_FILE: set both or neither');
  if (Boolean(env.ENTRA_TENANT_ID) !== Boolean(env.ENTRA_CLIENT_ID)) problems.push('ENTRA_TENANT_ID and ENTRA_CLIENT_ID: set both or neither');
  if (env.SMTP_URL && !env.MAIL_FROM) problems.push('MAIL_FROM: required with SMTP_URL (the sender address, e.g. challenger@example.com)');
  if (env.MAILER === 'smtp' && !env.SMTP_URL) problems.push('SMTP_URL: required with MAILER=smtp');
  if (env.MAILER === 'graph' && !(env.ENTRA_TENANT_ID && env.ENTRA_CLIENT_ID && env.ENTRA_CLIENT_SECRET && env.MAIL_FROM)) {
    problems.push('ENTRA_TENANT_ID, ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET and MAIL_FROM: required with MAILER=graph (MAIL_FROM is the sending mailbox)');
  }
  // config.google (and with it the key file) exists only with GOOGLE_SERVICE_ACCOUNT_EMAIL: require all three.
  if (env.MAILER === 'gmail' && !(env.GOOGLE_SERVICE_ACCOUNT_EMAIL && env.GOOGLE_SERVICE_ACCOUNT_KEY_FILE && env.MAIL_FROM)) {
    problems.push('GOOGLE_SERVICE_ACCOUNT_EMAIL, GOOGLE_SERVICE_ACCOUNT_KEY_FILE and MAIL_FROM: required with MAILER=gmail (MAIL_FROM is the Workspace user who sends)');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const scheme = env.TLS_CERT_FILE ? 'https' : 'http';
  const hostInUrl = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST;
  return {
    ...base,
    host: env.HOST,
    port: env.PORT,
    publicUrl: (env.PUBLIC_URL ?? `${scheme}://${hostInUrl}:${env.PORT}`).replace(/\/+$/, ''),
    database: { url: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH ?? 'data/invite-challenger.sqlite' },
    logLevel: env.LOG_LEVEL,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    tls: env.TLS_CERT_FILE && env.TLS_KEY_FILE ? { certFile: env.TLS_CERT_FILE, keyFile: env.TLS_KEY_FILE } : undefined,
    insecureDevAuth: env.INSECURE_DEV_AUTH,
    entra:
      env.ENTRA_TENANT_ID && env.ENTRA_CLIENT_ID
        ? { tenantId: env.ENTRA_TENANT_ID, clientId: env.ENTRA_CLIENT_ID, clientSecret: env.ENTRA_CLIENT_SECRET, jwksUrl: env.ENTRA_JWKS_URL, authorityUrl: env.ENTRA_AUTHORITY_URL.replace(/\/+$/, '') }
        : undefined,
    google: env.GOOGLE_SERVICE_ACCOUNT_EMAIL
      ? { serviceAccountEmail: env.GOOGLE_SERVICE_ACCOUNT_EMAIL, certsUrl: env.GOOGLE_CERTS_URL, keyFile: env.GOOGLE_SERVICE_ACCOUNT_KEY_FILE, oauthClientId: env.GOOGLE_OAUTH_CLIENT_ID }
      : undefined,
    smtp: env.SMTP_URL && env.MAIL_FROM ? { url: env.SMTP_URL, from: env.MAIL_FROM } : undefined,
    graphBaseUrl: env.GRAPH_BASE_URL.replace(/\/+$/, ''),
    googleApiRootUrl: env.GOOGLE_API_ROOT_URL,
    reportSchedule: env.REPORT_SCHEDULE,
    mailer: env.MAILER ?? (env.SMTP_URL ? 'smtp' : undefined),
    mailFrom: env.MAIL_FROM,
    reportSigningSecret: env.REPORT_SIGNING_SECRET,
    reportConcurrency: env.REPORT_CONCURRENCY,
    reportJobTimeoutSeconds: env.REPORT_JOB_TIMEOUT_SECONDS,
  };
}

/** Every variable the configuration reads; `.env.example` documents each (a test holds it to that). */
export const configVariables: readonly string[] = [...Object.keys(environmentSchema.shape), ...Object.keys(serverEnvironmentSchema.shape)];
