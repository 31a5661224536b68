import { APICallError, NoObjectGeneratedError, Output, generateText, type LanguageModel } from 'ai';
import type { z } from 'zod';
import {
  AuthError,
  IntegrationError,
  InvalidResponseError,
  ThrottledError,
  TimeoutError,
  parseRetryAfter,
} from '../integration/integration-error.js';

/**
 * One structured call to a language model through the AI SDK, with its failures turned into our
 * typed IntegrationErrors (throttled, auth, timeout, invalid answer). The SDK's own retries are
 * off: the retry policy lives in one place (src/integration/retry.ts).
 */

export interface StructuredRequest<Schema extends z.ZodType> {
  system: string;
  prompt: string;
  schema: Schema;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface StructuredAnswer<T> {
  output: T;
  inputTokens?: number;
  outputTokens?: number;
}

/** What judges and drafters need of a model: one structured call, and a name for errors and cache keys. */
export interface LlmCaller {
  readonly identity: string;
  generate<Schema extends z.ZodType>(request: StructuredRequest<Schema>): Promise<StructuredAnswer<z.infer<Schema>>>;
}

export class LlmClient implements LlmCaller {
  constructor(
    private readonly model: LanguageModel,
    /** Names the vendor in errors and the model in cache keys, e.g. "openai:gpt-4o-mini". */
    readonly identity: string,
  ) {}

  async generate<Schema extends z.ZodType>(request: StructuredRequest<Schema>): Promise<StructuredAnswer<z.infer<Schema>>> {
    const timeout = AbortSignal.timeout(request.timeoutMs);
    const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
    try {
      const result = await generateText({
        model: this.model,
        system: request.system,
        prompt: request.prompt,
        output: Output.object({ schema: request.schema }),
        temperature: 0,
        maxRetries: 0,
        abortSignal: signal,
      });
      return { output: result.output as z.infer<Schema>, inputTokens: result.usage.inputTokens, outputTokens: result.usage.outputTokens };
    } catch (error) {
      throw this.translate(error, timeout.aborted, request.timeoutMs);
    }
  }

  private translate(error: unknown, timedOut: boolean, timeoutMs: number): IntegrationError {
    const vendor = this.identity;
    if (timedOut) return new TimeoutError(`no answer within ${timeoutMs} ms`, { vendor, isRetryable: false, cause: error });
    if (APICallError.isInstance(error)) {
      const status = error.statusCode;
      const retryAfterMs = parseRetryAfter(error.responseHeaders?.['retry-after']);
      const details = { vendor, status, retryAfterMs, cause: error };
      if (status === 429) return new ThrottledError('rate limited (HTTP 429)', { ...details, isRetryable: true });
      if (status === 401 || status === 403) return new AuthError(`credentials refused (HTTP ${status})`, { ...details, isRetryable: false });
      const retryable = status === undefined ? error.isRetryable : status >= 500 || status === 408;
      return new IntegrationError(status ? `HTTP ${status}` : 'could not reach the service', { ...details, isRetryable: retryable });
    }
    if (NoObjectGeneratedError.isInstance(error) || (error instanceof Error && /JSON|validation|schema/i.test(error.name))) {
      return new InvalidResponseError('its answer was not a valid verdict', { vendor, isRetryable: false, cause: error });
    }
    if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
      return new TimeoutError('the call was cancelled', { vendor, isRetryable: false, cause: error });
    }
    return new IntegrationError('unexpected failure', { vendor, isRetryable: false, cause: error });
  }
}
