import { ConfigError, loadServerConfig } from '../../src/config.js';

/** MAILER=gmail: the check at start asks for exactly what the report wiring needs to build the Gmail sender. */

describe('MAILER=gmail configuration', () => {
  const base = { SQLITE_PATH: ':memory:', LOG_LEVEL: 'silent', MAILER: 'gmail', MAIL_FROM: 'reports@example.com', GOOGLE_SERVICE_ACCOUNT_KEY_FILE: '/secrets/key.json' };

  it('refuses a key file without GOOGLE_SERVICE_ACCOUNT_EMAIL, which the wiring would otherwise ignore', () => {
    const attempt = () => loadServerConfig(base);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/GOOGLE_SERVICE_ACCOUNT_EMAIL, GOOGLE_SERVICE_ACCOUNT_KEY_FILE and MAIL_FROM: required with MAILER=gmail/);
  });

  it('with all three, exposes the key file where the report wiring reads it', () => {
    const config = loadServerConfig({ ...base, GOOGLE_SERVICE_ACCOUNT_EMAIL: 'sender@project.iam.gserviceaccount.com' });
    expect(config.mailer).toBe('gmail');
    expect(config.google?.keyFile).toBe('/secrets/key.json');
  });
});
