/**
 * A fake LLM HTTP server on 127.0.0.1 for tests. It speaks the wire formats of the providers our
 * judge supports, so the real AI SDK provider packages can be pointed at it through `baseURL`:
 *
 *   OpenAI Chat Completions   POST …/chat/completions   (@ai-sdk/openai `.chat()`, openai-compatible, Azure chat)
 *   OpenAI Responses          POST …/responses          (@ai-sdk/openai default model, Azure default model)
 *   Anthropic Messages        POST …/messages           (@ai-sdk/anthropic)
 *   Ollama chat               POST …/api/chat           (ollama-ai-provider-v2)
 *
 * Paths are matched by suffix so any prefix works (`/v1/…`, `/openai/v1/…`,
 * `/openai/deployments/<name>/…`). A path under `/openai/` is treated as Azure OpenAI, which
 * changes only the default error body. Answers are non-streaming JSON: `generateText` never asks
 * for a stream, and a request with `"stream": true` gets a 400 naming the limitation rather than a
 * body the SDK would misread. Response bodies carry every field the SDKs' zod schemas require plus
 * the usual ids, model, usage and stop reasons; see README.md next to this file.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';

export type FakeReply =
  /** The model answers with this value as its structured output, in the form the request asked for. */
  | { kind: 'object'; value: unknown; delayMs?: number }
  /** The model answers with this raw assistant text (e.g. prose instead of JSON). */
  | { kind: 'text'; text: string; delayMs?: number }
  /**
   * An HTTP error. Without `body` the provider's documented error JSON is sent; a string body is
   * sent as is, anything else as JSON.
   */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  /** Never answers; the request is released when the client aborts or the server closes. */
  | { kind: 'hang' };

export type FakeDialect = 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'ollama-chat' | 'unknown';

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/messages`. */
  path: string;
  /** Query parameters, e.g. `{ 'api-version': 'v1' }` for Azure. */
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
  dialect: FakeDialect;
  receivedAt: number;
}

export type FakeReplySource = FakeReply | ((request: RecordedRequest) => FakeReply);

export interface FakeLlmServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  baseUrl: string;
  /** Every request received, in order, including ones the server could not route. */
  requests: RecordedRequest[];
  /** Replies consumed in order, one per routed request. */
  enqueue(...replies: FakeReply[]): void;
  /** The reply used when the queue is empty. Without one, an unscripted request gets a 500 saying so. */
  setDefault(reply: FakeReplySource): void;
  /** Stops the server and releases hanging or delayed requests. Safe to call twice. */
  close(): Promise<void>;
}

export async function startFakeLlmServer(): Promise<FakeLlmServer> {
  const requests: RecordedRequest[] = [];
  const queue: FakeReply[] = [];
  let defaultReply: FakeReplySource | undefined;
  const timers = new Set<NodeJS.Timeout>();
  let closing: Promise<void> | undefined;

  const server = createServer((incoming, response) => {
    readBody(incoming)
      .then((raw) => {
        const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
        const path = url.pathname;
        const request: RecordedRequest = {
          method: incoming.method ?? 'GET',
          path,
          query: Object.fromEntries(url.searchParams),
          headers: { ...incoming.headers },
          body: parseJson(raw),
          dialect: incoming.method === 'POST' ? dialectOf(path) : 'unknown',
          receivedAt: Date.now(),
        };
        requests.push(request);
        answer(request, response);
      })
      .catch((error: unknown) => {
        // e.g. a setDefault() function that threw: answer loudly instead of leaving the client waiting
        if (!response.headersSent) send(response, 500, { error: { message: `fake-llm-server: ${String(error)}` } });
      });
  });

  function answer(request: RecordedRequest, response: ServerResponse): void {
    const flavour = flavourOf(request);
    if (request.dialect === 'unknown') {
      send(response, 404, errorBody(flavour, 404, `fake-llm-server: nothing answers ${request.method} ${request.path}`));
      return;
    }
    if (isRecord(request.body) && request.body.stream === true) {
      send(response, 400, errorBody(flavour, 400, 'fake-llm-server answers non-streaming requests only ("stream": true was sent)'));
      return;
    }
    const scripted = queue.shift();
    const reply = scripted ?? (typeof defaultReply === 'function' ? defaultReply(request) : defaultReply);
    if (reply === undefined) {
      const message = `fake-llm-server: no reply scripted for request #${requests.length} (${request.method} ${request.path}); call enqueue() or setDefault()`;
      send(response, 500, errorBody(flavour, 500, message));
      return;
    }
    if (reply.kind === 'hang') return; // released by the client's abort or by close()
    const respond = (): void => {
      if (reply.kind === 'status') {
        const body = reply.body ?? errorBody(flavour, reply.status, undefined, modelOf(request));
        send(response, reply.status, body, reply.headers);
      } else {
        const content: AssistantContent = reply.kind === 'object' ? { kind: 'object', value: reply.value } : { kind: 'text', text: reply.text };
        send(response, 200, successBody(request, content), successHeaders(flavour));
      }
    };
    if (!reply.delayMs) {
      respond();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      respond();
    }, reply.delayMs);
    timers.add(timer);
    response.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    setDefault: (reply) => {
      defaultReply = reply;
    },
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        // Hanging requests and idle keep-alive sockets would otherwise keep close() waiting.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

type AssistantContent = { kind: 'object'; value: unknown } | { kind: 'text'; text: string };
type ErrorFlavour = 'openai' | 'azure' | 'anthropic' | 'ollama';

function dialectOf(path: string): FakeDialect {
  if (path.endsWith('/chat/completions')) return 'openai-chat';
  if (path.endsWith('/responses')) return 'openai-responses';
  if (path.endsWith('/api/chat')) return 'ollama-chat';
  if (path.endsWith('/messages')) return 'anthropic-messages';
  return 'unknown';
}

function flavourOf(request: RecordedRequest): ErrorFlavour {
  if (request.dialect === 'anthropic-messages') return 'anthropic';
  if (request.dialect === 'ollama-chat') return 'ollama';
  return request.path.startsWith('/openai/') || 'api-version' in request.query ? 'azure' : 'openai';
}

function successBody(request: RecordedRequest, content: AssistantContent): unknown {
  const body = isRecord(request.body) ? request.body : {};
  const model = modelOf(request);
  const inputTokens = estimateTokens(JSON.stringify([body.system, body.instructions, body.messages, body.input]));
  const text = content.kind === 'object' ? JSON.stringify(content.value) : content.text;
  const outputTokens = estimateTokens(text);
  const created = Math.floor(Date.now() / 1000);

  switch (request.dialect) {
    case 'openai-chat': {
      const azure = flavourOf(request) === 'azure';
      return {
        id: `chatcmpl-${randomId(BASE62, 29)}`,
        object: 'chat.completion',
        created,
        model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: text, refusal: null, annotations: [] },
            logprobs: null,
            finish_reason: 'stop',
            ...(azure && { content_filter_results: azureContentFilterResults() }),
          },
        ],
        usage: {
          prompt_tokens: inputTokens,
          completion_tokens: outputTokens,
          total_tokens: inputTokens + outputTokens,
          prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
        },
        system_fingerprint: `fp_${randomId(HEX, 10)}`,
        ...(azure ? { prompt_filter_results: [{ prompt_index: 0, content_filter_results: azureContentFilterResults() }] } : { service_tier: 'default' }),
      };
    }
    case 'openai-responses':
      return {
        id: `resp_${randomId(HEX, 50)}`,
        object: 'response',
        created_at: created,
        status: 'completed',
        background: false,
        error: null,
        incomplete_details: null,
        instructions: null,
        max_output_tokens: null,
        model,
        output: [
          {
            id: `msg_${randomId(HEX, 50)}`,
            type: 'message',
            status: 'completed',
            role: 'assistant',
            content: [{ type: 'output_text', annotations: [], logprobs: [], text }],
          },
        ],
        parallel_tool_calls: true,
        previous_response_id: null,
        reasoning: { effort: null, summary: null },
        service_tier: 'default',
        store: true,
        temperature: 1,
        text: { format: isRecord(body.text) && body.text.format !== undefined ? body.text.format : { type: 'text' } },
        tool_choice: 'auto',
        tools: [],
        top_p: 1,
        truncation: 'disabled',
        usage: {
          input_tokens: inputTokens,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: outputTokens,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: inputTokens + outputTokens,
        },
        user: null,
        metadata: {},
      };
    case 'anthropic-messages': {
      // With `output_config.format` (native structured outputs) the JSON comes back as text. When the
      // SDK falls back to a forced tool (a tool named "json" and tool_choice "any"/"tool"), the
      // object must come back as that tool's input instead.
      const tool = content.kind === 'object' ? forcedAnthropicTool(body) : undefined;
      const block =
        content.kind === 'object' && tool !== undefined
          ? { type: 'tool_use', id: `toolu_01${randomId(BASE62, 22)}`, name: tool, input: content.value }
          : { type: 'text', text };
      return {
        id: `msg_01${randomId(BASE62, 22)}`,
        type: 'message',
        role: 'assistant',
        model,
        content: [block],
        stop_reason: block.type === 'tool_use' ? 'tool_use' : 'end_turn',
        stop_sequence: null,
        usage: {
          input_tokens: inputTokens,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          output_tokens: outputTokens,
          service_tier: 'standard',
        },
      };
    }
    case 'ollama-chat': {
      const promptEvalDuration = inputTokens * 400_000;
      const evalDuration = outputTokens * 20_000_000;
      const loadDuration = 25_000_000;
      return {
        model,
        created_at: new Date().toISOString(),
        message: { role: 'assistant', content: text },
        done_reason: 'stop',
        done: true,
        total_duration: loadDuration + promptEvalDuration + evalDuration,
        load_duration: loadDuration,
        prompt_eval_count: inputTokens,
        prompt_eval_duration: promptEvalDuration,
        eval_count: outputTokens,
        eval_duration: evalDuration,
      };
    }
    case 'unknown':
      throw new Error('unreachable: unknown dialects are answered with a 404');
  }
}

function forcedAnthropicTool(body: Record<string, unknown>): string | undefined {
  const choice = body.tool_choice;
  if (!isRecord(choice)) return undefined;
  if (choice.type === 'tool' && typeof choice.name === 'string') return choice.name;
  if (choice.type === 'any' && Array.isArray(body.tools)) {
    const names = body.tools.filter(isRecord).map((tool) => tool.name).filter((name): name is string => typeof name === 'string');
    return names.includes('json') ? 'json' : names[0];
  }
  return undefined;
}

function successHeaders(flavour: ErrorFlavour): Record<string, string> {
  switch (flavour) {
    case 'openai':
      return { 'x-request-id': `req_${randomId(HEX, 32)}`, 'openai-processing-ms': '412' };
    case 'azure':
      return { 'apim-request-id': randomUUID(), 'x-request-id': randomUUID() };
    case 'anthropic':
      return { 'request-id': `req_011${randomId(BASE62, 21)}` };
    case 'ollama':
      return {};
  }
}

/** The documented error JSON of each provider, with messages modelled on the real ones. */
function errorBody(flavour: ErrorFlavour, status: number, message?: string, model = 'the model'): unknown {
  switch (flavour) {
    case 'openai': {
      const [type, code, text] = openAiError(status, model);
      return { error: { message: message ?? text, type, param: null, code } };
    }
    case 'azure': {
      const [code, text] = azureError(status);
      return { error: { code, message: message ?? text } };
    }
    case 'anthropic': {
      const [type, text] = anthropicError(status, model);
      return { type: 'error', error: { type, message: message ?? text }, request_id: `req_011${randomId(BASE62, 21)}` };
    }
    case 'ollama':
      // Ollama's own API answers `{"error": "<message>"}` (a string, not an object).
      return { error: message ?? ollamaError(status, model) };
  }
}

function openAiError(status: number, model: string): [type: string, code: string | null, message: string] {
  switch (status) {
    case 401:
      return ['invalid_request_error', 'invalid_api_key', 'Incorrect API key provided: sk-fake****key. You can find your API key at https://platform.openai.com/account/api-keys.'];
    case 404:
      return ['invalid_request_error', 'model_not_found', `The model \`${model}\` does not exist or you do not have access to it.`];
    case 429:
      return ['requests', 'rate_limit_exceeded', `Rate limit reached for ${model} in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.`];
    case 503:
      return ['server_error', null, 'The engine is currently overloaded, please try again later.'];
    default:
      return status >= 500
        ? ['server_error', null, 'The server had an error while processing your request. Sorry about that!']
        : ['invalid_request_error', null, `The request was rejected with status ${status}.`];
  }
}

function azureError(status: number): [code: string, message: string] {
  switch (status) {
    case 401:
      return ['401', 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.'];
    case 404:
      return ['DeploymentNotFound', 'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.'];
    case 429:
      return ['429', 'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 1 second.'];
    default:
      return [String(status), status >= 500 ? 'The server had an error while processing your request. Sorry about that!' : `The request was rejected with status ${status}.`];
  }
}

function anthropicError(status: number, model: string): [type: string, message: string] {
  switch (status) {
    case 400:
      return ['invalid_request_error', 'messages: at least one message is required'];
    case 401:
      return ['authentication_error', 'invalid x-api-key'];
    case 403:
      return ['permission_error', 'Your API key does not have permission to use the specified resource.'];
    case 404:
      return ['not_found_error', `model: ${model}`];
    case 413:
      return ['request_too_large', 'Request exceeds the maximum allowed number of bytes.'];
    case 429:
      return ['rate_limit_error', 'This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.'];
    case 529:
      return ['overloaded_error', 'Overloaded'];
    default:
      return status >= 500 ? ['api_error', 'Internal server error'] : ['invalid_request_error', `The request was rejected with status ${status}.`];
  }
}

function ollamaError(status: number, model: string): string {
  if (status === 404) return `model "${model}" not found, try pulling it first`;
  if (status === 429) return 'you have reached your hourly usage limit, please upgrade to continue';
  return status >= 500 ? 'llama runner process has terminated: exit status 2' : `request rejected with status ${status}`;
}

function azureContentFilterResults(): Record<string, { filtered: boolean; severity: string }> {
  const safe = { filtered: false, severity: 'safe' };
  return { hate: safe, self_harm: safe, sexual: safe, violence: safe };
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.destroyed || response.writableEnded) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  response.writeHead(status, { 'content-type': contentType, ...headers });
  response.end(text);
}

function readBody(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    incoming.on('error', reject);
  });
}

function parseJson(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw; // recorded as text; the request is still answered so the test sees what was sent
  }
}

function modelOf(request: RecordedRequest): string {
  return isRecord(request.body) && typeof request.body.model === 'string' ? request.body.model : 'fake-model';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Roughly four characters per token, as the providers' own rules of thumb say. */
function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';

function randomId(alphabet: string, length: number): string {
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}
