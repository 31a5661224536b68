import type { AuthenticatedUser } from '../../src/auth/authenticate.js';
import { rememberVerifiedTokens, unverifiedExpiry } from '../../src/auth/verified-token-cache.js';

const user: AuthenticatedUser = { tenantId: 't', userId: 'u', provider: 'entra' };
const tokenExpiringAt = (exp: number) => `h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`;

describe('rememberVerifiedTokens', () => {
  it('verifies a token once while it is valid, and again once it has expired', async () => {
    let clock = 1_000_000;
    let calls = 0;
    const verify = rememberVerifiedTokens(
      async () => {
        calls++;
        return user;
      },
      unverifiedExpiry,
      { now: () => clock },
    );
    const token = tokenExpiringAt(1_000 + 60);
    await verify(token);
    await verify(token);
    expect(calls).toBe(1);
    clock = 1_060_001;
    await verify(token);
    expect(calls).toBe(2);
  });

  it('never remembers a refused token', async () => {
    let calls = 0;
    const verify = rememberVerifiedTokens(async () => {
      calls++;
      throw new Error('refused');
    }, unverifiedExpiry);
    const token = tokenExpiringAt(Math.floor(Date.now() / 1000) + 600);
    await expect(verify(token)).rejects.toThrow('refused');
    await expect(verify(token)).rejects.toThrow('refused');
    expect(calls).toBe(2);
  });

  it('keeps at most maxEntries tokens, forgetting the oldest', async () => {
    const seen: string[] = [];
    const verify = rememberVerifiedTokens(
      async (token) => {
        seen.push(token);
        return user;
      },
      () => Math.floor(Date.now() / 1000) + 600,
      { maxEntries: 2 },
    );
    for (const token of ['a', 'b', 'c', 'a']) await verify(token);
    expect(seen).toEqual(['a', 'b', 'c', 'a']);
  });
});
