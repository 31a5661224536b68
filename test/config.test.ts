import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('runs on embedded defaults with an empty environment', () => {
    expect(loadConfig({})).toEqual({ judge: 'embedded', cost: { hourlyRate: 75, currency: 'USD' }, llm: undefined, hybridThreshold: 0.7 });
  });

  it('reads the hourly rate and currency', () => {
    expect(loadConfig({ HOURLY_RATE: '120', CURRENCY: 'eur' }).cost).toEqual({ hourlyRate: 120, currency: 'EUR' });
  });

  it('names every bad variable in one error', () => {
    try {
      loadConfig({ HOURLY_RATE: 'lots', JUDGE: 'oracle', CURRENCY: 'euros' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toMatch(/HOURLY_RATE: must be a number/);
      expect(message).toMatch(/JUDGE: must be one of embedded, llm, hybrid/);
      expect(message).toMatch(/CURRENCY: must be a three-letter/);
      expect(message).not.toContain('\n');
    }
  });

  it('says which variable an OpenAI-compatible server still needs', () => {
    expect(() => loadConfig({ JUDGE: 'llm', LLM_PROVIDER: 'openai-compatible', LLM_MODEL: 'qwen' })).toThrow(/LLM_BASE_URL: required/);
    expect(loadConfig({ LLM_PROVIDER: 'openai-compatible', LLM_MODEL: 'qwen' }).judge).toBe('embedded');
  });

  it('lists the providers when the name is unknown', () => {
    expect(() => loadConfig({ LLM_PROVIDER: 'skynet' })).toThrow(/openai, azure, anthropic, ollama, openai-compatible/);
  });

  it('fills in a default model for hosted providers', () => {
    expect(loadConfig({ JUDGE: 'hybrid', LLM_PROVIDER: 'anthropic', LLM_API_KEY: 'k' }).llm?.model).toMatch(/claude/);
  });
});
