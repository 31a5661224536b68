import { readFileSync } from 'node:fs';
import { ConfigError, configVariables, loadConfig, loadServerConfig } from '../src/config.js';

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

describe('loadServerConfig', () => {
  it('serves on 127.0.0.1:3000 with a SQLite file and no identity provider by default', () => {
    const config = loadServerConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      publicUrl: 'http://127.0.0.1:3000',
      database: { url: undefined, sqlitePath: 'data/invite-challenger.sqlite' },
      insecureDevAuth: false,
      entra: undefined,
      graphBaseUrl: 'https://graph.microsoft.com/v1.0',
      judge: 'embedded',
    });
  });

  it('refuses INSECURE_DEV_AUTH unless the server is bound to a loopback address', () => {
    expect(loadServerConfig({ INSECURE_DEV_AUTH: '1' }).insecureDevAuth).toBe(true);
    expect(() => loadServerConfig({ INSECURE_DEV_AUTH: '1', HOST: '0.0.0.0' })).toThrow(/INSECURE_DEV_AUTH: allowed only when HOST is a loopback address/);
  });

  it('names every problem of the judge and the server settings in one line', () => {
    try {
      loadServerConfig({ PORT: '99999', DATABASE_URL: 'mysql://x', JUDGE: 'oracle', TLS_CERT_FILE: 'cert.pem', SMTP_URL: 'smtp://127.0.0.1:2525' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^JUDGE: must be one of/),
          expect.stringMatching(/^PORT: must be a port number/),
          expect.stringMatching(/^DATABASE_URL: must be a postgres:\/\/ URL/),
        ]),
      );
      expect((error as ConfigError).message).not.toContain('\n');
    }
    expect(() => loadServerConfig({ TLS_CERT_FILE: 'cert.pem', SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow(
      /TLS_CERT_FILE and TLS_KEY_FILE: set both or neither.*MAIL_FROM: required with SMTP_URL/,
    );
  });

  it('reads the identity provider, TLS and public address', () => {
    const config = loadServerConfig({
      ENTRA_TENANT_ID: 'contoso-tenant',
      ENTRA_CLIENT_ID: 'api-client',
      ENTRA_JWKS_URL: 'http://127.0.0.1:9/keys',
      PUBLIC_URL: 'https://challenger.example.com/',
      TLS_CERT_FILE: 'c.pem',
      TLS_KEY_FILE: 'k.pem',
    });
    expect(config.entra).toEqual({ tenantId: 'contoso-tenant', clientId: 'api-client', clientSecret: undefined, jwksUrl: 'http://127.0.0.1:9/keys', authorityUrl: 'https://login.microsoftonline.com' });
    expect(config.publicUrl).toBe('https://challenger.example.com');
    expect(config.tls).toEqual({ certFile: 'c.pem', keyFile: 'k.pem' });
  });

  it('documents every variable it reads in .env.example, and nothing else', () => {
    const documented = readFileSync(new URL('../.env.example', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined);
    expect([...documented].sort()).toEqual([...configVariables].sort());
  });
});
