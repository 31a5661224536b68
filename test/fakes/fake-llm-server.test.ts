import { APICallError, NoObjectGeneratedError, Output, generateText, type LanguageModel, type Warning } from 'ai';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createAzure } from '@ai-sdk/azure';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createOllama } from 'ollama-ai-provider-v2';
import { z } from 'zod';
import { startFakeLlmServer, type FakeLlmServer, type RecordedRequest } from './fake-llm-server.js';

const verdictSchema = z.object({ verdict: z.enum(['async', 'trim', 'keep']), confidence: z.number() });
const verdict = { verdict: 'async', confidence: 0.82 };
const system = 'You decide whether a meeting could be an async update.';
const prompt = 'Weekly status sync, 12 attendees, no agenda.';
const apiKey = 'sk-fake-key';

interface ProviderCase {
  name: string;
  model: (baseUrl: string) => LanguageModel;
  providerOptions?: Record<string, Record<string, string>>;
  path: string;
  query?: Record<string, string>;
  /** The header that carries the credential, and its expected value. */
  auth?: [header: string, value: string];
  /** How this SDK asks for structured output; proves the fake saw the request form it answers. */
  structuredOutputRequest: Record<string, unknown>;
  /** The error body the fake sends for a 429 by default (the provider's documented shape). */
  errorShape: Record<string, unknown>;
  /** Warnings the SDK raises for this configuration (none unless listed). */
  warnings?: unknown[];
}

const jsonSchemaOf = expect.objectContaining({ type: 'object', required: ['verdict', 'confidence'] });
const openAiErrorShape = { error: { message: expect.any(String), type: 'requests', param: null, code: 'rate_limit_exceeded' } };

const providers: ProviderCase[] = [
  {
    name: 'openai-compatible (JSON mode, the default)',
    model: (baseUrl) => createOpenAICompatible({ name: 'local', baseURL: `${baseUrl}/v1`, apiKey })('qwen2.5-7b-instruct'),
    path: '/v1/chat/completions',
    auth: ['authorization', `Bearer ${apiKey}`],
    structuredOutputRequest: { response_format: { type: 'json_object' } },
    errorShape: openAiErrorShape,
    // Without supportsStructuredOutputs the schema is dropped from the request: only JSON mode is asked for.
    warnings: [expect.objectContaining({ type: 'unsupported', feature: 'responseFormat' })],
  },
  {
    name: 'openai-compatible (supportsStructuredOutputs)',
    model: (baseUrl) =>
      createOpenAICompatible({ name: 'local', baseURL: `${baseUrl}/v1`, apiKey, supportsStructuredOutputs: true })('qwen2.5-7b-instruct'),
    path: '/v1/chat/completions',
    auth: ['authorization', `Bearer ${apiKey}`],
    structuredOutputRequest: { response_format: { type: 'json_schema', json_schema: expect.objectContaining({ schema: jsonSchemaOf }) } },
    errorShape: openAiErrorShape,
  },
  {
    name: 'openai (Responses API, the default model)',
    model: (baseUrl) => createOpenAI({ baseURL: `${baseUrl}/v1`, apiKey })('gpt-4o-mini'),
    path: '/v1/responses',
    auth: ['authorization', `Bearer ${apiKey}`],
    structuredOutputRequest: { text: { format: expect.objectContaining({ type: 'json_schema', schema: jsonSchemaOf }) } },
    errorShape: openAiErrorShape,
  },
  {
    name: 'openai (Chat Completions via .chat())',
    model: (baseUrl) => createOpenAI({ baseURL: `${baseUrl}/v1`, apiKey }).chat('gpt-4o-mini'),
    path: '/v1/chat/completions',
    auth: ['authorization', `Bearer ${apiKey}`],
    structuredOutputRequest: { response_format: { type: 'json_schema', json_schema: expect.objectContaining({ schema: jsonSchemaOf }) } },
    errorShape: openAiErrorShape,
  },
  {
    name: 'azure (Responses API on the v1 endpoint, the default model)',
    model: (baseUrl) => createAzure({ baseURL: `${baseUrl}/openai/v1`, apiKey })('judge-deployment'),
    path: '/openai/v1/responses',
    auth: ['api-key', apiKey],
    structuredOutputRequest: { model: 'judge-deployment', text: { format: expect.objectContaining({ type: 'json_schema' }) } },
    errorShape: { error: { code: '429', message: expect.stringContaining('exceeded token rate limit') } },
  },
  {
    name: 'azure (deployment-based Chat Completions URL)',
    model: (baseUrl) =>
      createAzure({ baseURL: `${baseUrl}/openai`, apiKey, useDeploymentBasedUrls: true, apiVersion: '2024-10-21' }).chat('judge-deployment'),
    path: '/openai/deployments/judge-deployment/chat/completions',
    query: { 'api-version': '2024-10-21' },
    auth: ['api-key', apiKey],
    structuredOutputRequest: { response_format: expect.objectContaining({ type: 'json_schema' }) },
    errorShape: { error: { code: '429', message: expect.stringContaining('exceeded token rate limit') } },
  },
  {
    name: 'anthropic (native output_config.format)',
    model: (baseUrl) => createAnthropic({ baseURL: `${baseUrl}/v1`, apiKey })('claude-sonnet-4-5'),
    providerOptions: { anthropic: { structuredOutputMode: 'outputFormat' } },
    path: '/v1/messages',
    auth: ['x-api-key', apiKey],
    structuredOutputRequest: { output_config: { format: { type: 'json_schema', schema: jsonSchemaOf } } },
    errorShape: { type: 'error', error: { type: 'rate_limit_error', message: expect.any(String) }, request_id: expect.stringMatching(/^req_/) },
  },
  {
    name: 'anthropic (forced "json" tool)',
    model: (baseUrl) => createAnthropic({ baseURL: `${baseUrl}/v1`, apiKey })('claude-sonnet-4-20250514'),
    providerOptions: { anthropic: { structuredOutputMode: 'jsonTool' } },
    path: '/v1/messages',
    auth: ['x-api-key', apiKey],
    structuredOutputRequest: { tools: [expect.objectContaining({ name: 'json', input_schema: jsonSchemaOf })], tool_choice: expect.objectContaining({ type: 'any' }) },
    errorShape: { type: 'error', error: { type: 'rate_limit_error', message: expect.any(String) }, request_id: expect.stringMatching(/^req_/) },
  },
  {
    name: 'ollama',
    model: (baseUrl) => createOllama({ baseURL: `${baseUrl}/api` })('llama3.2'),
    path: '/api/chat',
    structuredOutputRequest: { format: jsonSchemaOf, stream: false },
    errorShape: { error: expect.any(String) },
  },
];

// The SDK logs provider warnings with console.warn; collect them instead so tests print nothing
// and the success test can say which warnings each configuration raises.
let warnings: Warning[] = [];
let previousWarningLogger: typeof globalThis.AI_SDK_LOG_WARNINGS;
beforeAll(() => {
  previousWarningLogger = globalThis.AI_SDK_LOG_WARNINGS;
  globalThis.AI_SDK_LOG_WARNINGS = (options) => {
    warnings.push(...options.warnings);
  };
});
afterAll(() => {
  globalThis.AI_SDK_LOG_WARNINGS = previousWarningLogger;
});
beforeEach(() => {
  warnings = [];
});

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

function onlyRequest(server: FakeLlmServer): RecordedRequest {
  expect(server.requests).toHaveLength(1);
  return server.requests[0] as RecordedRequest;
}

describe.each(providers)('the fake LLM server speaking to $name', (provider) => {
  let server: FakeLlmServer;
  beforeEach(async () => {
    server = await startFakeLlmServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const judge = (options: { abortSignal?: AbortSignal } = {}) =>
    generateText({
      model: provider.model(server.baseUrl),
      output: Output.object({ schema: verdictSchema }),
      system,
      prompt,
      maxRetries: 0,
      ...(provider.providerOptions && { providerOptions: provider.providerOptions }),
      ...options,
    });

  it('hands the SDK the enqueued object as parsed structured output', async () => {
    server.enqueue({ kind: 'object', value: verdict });
    const result = await judge();
    expect(result.output).toEqual(verdict);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.finishReason).toBe('stop');
    expect(warnings).toEqual(provider.warnings ?? []);
  });

  it('records the request on the provider path with the system prompt, the user prompt and the credential', async () => {
    server.enqueue({ kind: 'object', value: verdict });
    await judge();
    const request = onlyRequest(server);
    expect(request.method).toBe('POST');
    expect(request.path).toBe(provider.path);
    expect(request.query).toEqual(provider.query ?? {});
    const sent = JSON.stringify(request.body);
    expect(sent).toContain(system);
    expect(sent).toContain(prompt);
    expect(request.body).toMatchObject(provider.structuredOutputRequest);
    if (provider.auth) expect(request.headers[provider.auth[0]]).toBe(provider.auth[1]);
  });

  it('surfaces a 429 with Retry-After as an APICallError carrying the status and the header', async () => {
    server.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '1' } });
    const error = await failureOf(judge());
    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect(apiError.statusCode).toBe(429);
    expect(apiError.isRetryable).toBe(true);
    expect(apiError.responseHeaders?.['retry-after']).toBe('1');
    expect(JSON.parse(apiError.responseBody ?? 'null')).toMatchObject(provider.errorShape);
  });

  it('fails with NoObjectGeneratedError when the model answers with prose instead of JSON', async () => {
    server.enqueue({ kind: 'text', text: 'Sure! Here is my verdict: this meeting could be an email.' });
    const error = await failureOf(judge());
    expect(NoObjectGeneratedError.isInstance(error)).toBe(true);
    expect((error as NoObjectGeneratedError).text).toContain('Sure!');
  });

  it('lets an abort signal cut a model that never answers', async () => {
    server.enqueue({ kind: 'hang' });
    const started = Date.now();
    const error = await failureOf(judge({ abortSignal: AbortSignal.timeout(200) }));
    // A DOMException from Node's realm: Jest's sandbox has its own Error, so check the name.
    expect((error as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.requests).toHaveLength(1);
  });
});

describe('the fake LLM server', () => {
  let server: FakeLlmServer;
  beforeEach(async () => {
    server = await startFakeLlmServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const openAi = () => createOpenAI({ baseURL: `${server.baseUrl}/v1`, apiKey })('gpt-4o-mini');
  const anthropic = () => createAnthropic({ baseURL: `${server.baseUrl}/v1`, apiKey })('claude-sonnet-4-5');

  it('consumes enqueued replies in order, so an SDK retry after a 429 gets the next one', async () => {
    server.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '0' } }, { kind: 'object', value: verdict });
    const result = await generateText({ model: openAi(), output: Output.object({ schema: verdictSchema }), prompt, maxRetries: 1 });
    expect(result.output).toEqual(verdict);
    expect(server.requests).toHaveLength(2);
  });

  it('falls back to the default reply, which may depend on the request', async () => {
    server.setDefault((request) => ({ kind: 'object', value: { verdict: request.path.endsWith('/messages') ? 'keep' : 'trim', confidence: 1 } }));
    const fromOpenAi = await generateText({ model: openAi(), output: Output.object({ schema: verdictSchema }), prompt, maxRetries: 0 });
    const fromAnthropic = await generateText({ model: anthropic(), output: Output.object({ schema: verdictSchema }), prompt, maxRetries: 0 });
    expect(fromOpenAi.output.verdict).toBe('trim');
    expect(fromAnthropic.output.verdict).toBe('keep');
  });

  it("answers a 401 with Anthropic's documented authentication_error body", async () => {
    server.enqueue({ kind: 'status', status: 401 });
    const error = (await failureOf(generateText({ model: anthropic(), prompt, maxRetries: 0 }))) as APICallError;
    expect(error.statusCode).toBe(401);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toBe('invalid x-api-key');
    expect(JSON.parse(error.responseBody ?? 'null')).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: 'invalid x-api-key' },
      request_id: expect.stringMatching(/^req_/),
    });
  });

  it("answers Ollama errors in Ollama's string shape, which ollama-ai-provider-v2 cannot parse, so only the status text reaches the message", async () => {
    server.enqueue({ kind: 'status', status: 404 });
    const model = createOllama({ baseURL: `${server.baseUrl}/api` })('llama3.2');
    const error = (await failureOf(generateText({ model, prompt, maxRetries: 0 }))) as APICallError;
    expect(error.statusCode).toBe(404);
    expect(error.message).toBe('Not Found');
    expect(JSON.parse(error.responseBody ?? 'null')).toEqual({ error: 'model "llama3.2" not found, try pulling it first' });
  });

  it('answers a forced Anthropic tool with a tool_use block, as the real API does (the SDK would also accept JSON text)', async () => {
    server.enqueue({ kind: 'object', value: verdict });
    const response = await fetch(`${server.baseUrl}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify({ model: 'claude-sonnet-4-20250514', tools: [{ name: 'json', input_schema: {} }], tool_choice: { type: 'any' }, messages: [] }),
    });
    expect(await response.json()).toMatchObject({
      type: 'message',
      content: [{ type: 'tool_use', id: expect.stringMatching(/^toolu_01/), name: 'json', input: verdict }],
      stop_reason: 'tool_use',
    });
  });

  it('sends a custom error body as given', async () => {
    server.enqueue({ kind: 'status', status: 500, body: { error: { message: 'boom', type: 'server_error', code: null } } });
    const error = (await failureOf(generateText({ model: openAi(), prompt, maxRetries: 0 }))) as APICallError;
    expect(error.statusCode).toBe(500);
    expect(error.message).toBe('boom');
  });

  it('waits delayMs before answering', async () => {
    server.enqueue({ kind: 'text', text: 'late', delayMs: 150 });
    const started = Date.now();
    const result = await generateText({ model: openAi(), prompt, maxRetries: 0 });
    expect(result.text).toBe('late');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('says so when a request arrives with nothing scripted', async () => {
    const error = (await failureOf(generateText({ model: openAi(), prompt, maxRetries: 0 }))) as APICallError;
    expect(error.statusCode).toBe(500);
    expect(error.message).toMatch(/no reply scripted for request #1 \(POST \/v1\/responses\)/);
  });

  it('answers 404 on a path no provider uses, without consuming the queue', async () => {
    server.enqueue({ kind: 'object', value: verdict });
    const response = await fetch(`${server.baseUrl}/v1/completions`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(server.requests[0]?.dialect).toBe('unknown');
    const result = await generateText({ model: openAi(), output: Output.object({ schema: verdictSchema }), prompt, maxRetries: 0 });
    expect(result.output).toEqual(verdict);
  });

  it('refuses streaming requests loudly instead of answering them in the wrong format', async () => {
    const response = await fetch(`${server.baseUrl}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'm', stream: true }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining('non-streaming') } });
  });

  it('releases a hanging request when it closes', async () => {
    server.enqueue({ kind: 'hang' });
    const pending = fetch(`${server.baseUrl}/v1/responses`, { method: 'POST', body: '{}' });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await server.close();
    await expect(pending).rejects.toThrow();
  });
});
