import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { delegatedUserTokens } from '../../src/google-addon/delegated-user-tokens.js';
import { startFakeGoogleCalendar, type FakeGoogleCalendar } from '../fakes/fake-google-calendar.js';

/** The add-on's delegated tokens: the key file's token_uri (a fake token endpoint on 127.0.0.1), one client per user whatever the case of the address. */

describe('delegatedUserTokens', () => {
  let fake: FakeGoogleCalendar;
  let folder: string;
  let keyFile: string;
  beforeAll(async () => {
    fake = await startFakeGoogleCalendar();
    folder = mkdtempSync(join(tmpdir(), 'invite-challenger-delegated-'));
    keyFile = join(folder, 'key.json');
    writeFileSync(keyFile, fake.keyFileJson);
  });
  afterAll(async () => {
    await fake.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('gets the token from the key file’s token_uri and keeps one client per user, whatever the case', async () => {
    const tokens = delegatedUserTokens({ keyFile });
    const before = fake.tokensIssued;
    const first = await tokens.accessToken('Ana@Example.com');
    expect(first).toMatch(/^ya29\.fake-/);
    expect(await tokens.accessToken('ana@example.com')).toBe(first);
    expect(fake.tokensIssued - before).toBe(1);
    expect(await tokens.accessToken('bob@example.com')).not.toBe(first);
    expect(fake.tokensIssued - before).toBe(2);
  });

  it('a missing key file is a clear error, and is read again on the next call', async () => {
    const missing = join(folder, 'later.json');
    const tokens = delegatedUserTokens({ keyFile: missing });
    await expect(tokens.accessToken('ana@example.com')).rejects.toThrow(/GOOGLE_SERVICE_ACCOUNT_KEY_FILE: cannot read .*later\.json \(ENOENT\)/);
    writeFileSync(missing, fake.keyFileJson);
    await expect(tokens.accessToken('ana@example.com')).resolves.toMatch(/^ya29\.fake-/);
  });

  it('a user outside the delegation gets an error, not a token', async () => {
    fake.withoutDelegation('eve@example.com');
    await expect(delegatedUserTokens({ keyFile }).accessToken('eve@example.com')).rejects.toThrow();
  });
});
