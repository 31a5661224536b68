import { AuthError, DevAuthenticator, readBearer } from '../../src/auth/authenticate.js';

const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

function reasonOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).statusCode).toBe(401);
    expect((error as AuthError).message).not.toContain(token);
    return (error as AuthError).reason;
  }
  throw new Error('expected an AuthError');
}

describe('readBearer', () => {
  it('returns the token of a Bearer header, whatever the scheme case', () => {
    expect(readBearer(`Bearer ${token}`)).toBe(token);
    expect(readBearer(`bearer ${token}`)).toBe(token);
  });

  it('says the token is missing when there is no header', () => {
    expect(reasonOf(() => readBearer(undefined))).toBe('missing token');
    expect(reasonOf(() => readBearer('  '))).toBe('missing token');
  });

  it('refuses other schemes and stray characters without quoting them', () => {
    expect(reasonOf(() => readBearer(`Basic ${token}`))).toBe('malformed token');
    expect(reasonOf(() => readBearer(`Bearer ${token}, Bearer ${token}`))).toBe('malformed token');
    expect(reasonOf(() => readBearer('Bearer'))).toBe('malformed token');
  });
});

describe('DevAuthenticator', () => {
  it('names the caller by x-dev-user', () => {
    expect(new DevAuthenticator().authenticate({ 'x-dev-user': 'alice' })).toEqual({ tenantId: 'dev', userId: 'alice', provider: 'dev' });
  });

  it('falls back to dev-user', () => {
    expect(new DevAuthenticator().authenticate({})).toEqual({ tenantId: 'dev', userId: 'dev-user', provider: 'dev' });
  });

  it('refuses a user id that would make an odd storage key', () => {
    expect(reasonOf(() => new DevAuthenticator().authenticate({ 'x-dev-user': 'a/../b c' }))).toBe('malformed token');
  });
});
