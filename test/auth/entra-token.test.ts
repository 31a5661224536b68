import { AuthError } from '../../src/auth/authenticate.js';
import { createEntraVerifier, type EntraVerifierOptions } from '../../src/auth/entra-token.js';
import { IntegrationError } from '../../src/integration/integration-error.js';
import { fakeClientId, fakeTenantId, fakeUserObjectId, startFakeTokenIssuer, type FakeTokenIssuer } from '../fakes/fake-token-issuer.js';
import { expectAuthFailure, rejectionOf } from './rejection.js';

const otherTenantId = '0b2a5c1e-3f4d-4e6a-8b7c-9d0e1f2a3b4c';

describe('createEntraVerifier', () => {
  let issuer: FakeTokenIssuer;
  beforeAll(async () => {
    issuer = await startFakeTokenIssuer();
  });
  afterAll(() => issuer.close());
  afterEach(() => issuer.setJwksStatus(200));

  const verifierFor = (options: Partial<EntraVerifierOptions> = {}) =>
    createEntraVerifier({ tenantId: fakeTenantId, clientId: fakeClientId, jwksUrl: issuer.jwksUrl, ...options });

  describe('accepts', () => {
    it('a valid access token and names the user by tid + oid', async () => {
      const before = issuer.requests.jwks;
      const token = await issuer.sign(issuer.entraClaims());
      await expect(verifierFor()(token)).resolves.toEqual({
        tenantId: fakeTenantId,
        userId: fakeUserObjectId,
        email: 'ada@contoso.example',
        name: 'Ada Lovelace',
        provider: 'entra',
      });
      expect(issuer.requests.jwks - before).toBe(1);
      expect(issuer.requests.jwksTenants.at(-1)).toBe(fakeTenantId);
    });

    it('an api://<host>/<client id> audience', async () => {
      const token = await issuer.sign(issuer.entraClaims({ aud: `api://localhost:3000/${fakeClientId}` }));
      await expect(verifierFor()(token)).resolves.toMatchObject({ userId: fakeUserObjectId });
    });

    it('takes the e-mail from upn when there is no preferred_username', async () => {
      const token = await issuer.sign(issuer.entraClaims({ preferred_username: undefined, upn: 'ada@upn.example' }));
      await expect(verifierFor()(token)).resolves.toMatchObject({ email: 'ada@upn.example' });
    });

    it('a token expired by less than the clock tolerance', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = await issuer.sign(issuer.entraClaims({ exp: now - 30 }));
      await expect(verifierFor({ clockToleranceSeconds: 60 })(token)).resolves.toMatchObject({ userId: fakeUserObjectId });
    });

    it('fetches the key set once and reuses it', async () => {
      const verify = verifierFor();
      const before = issuer.requests.jwks;
      for (let i = 0; i < 3; i++) await verify(await issuer.sign(issuer.entraClaims()));
      expect(issuer.requests.jwks - before).toBe(1);
    });

    it('any tenant when configured as common, keyed by that tenant', async () => {
      const verify = verifierFor({ tenantId: 'common' });
      const token = await issuer.sign(issuer.entraClaims({ tid: otherTenantId, iss: `https://login.microsoftonline.com/${otherTenantId}/v2.0` }));
      await expect(verify(token)).resolves.toMatchObject({ tenantId: otherTenantId, userId: fakeUserObjectId });
      expect(issuer.requests.jwksTenants.at(-1)).toBe('common');
    });

    it('a key published after a rotation, once the cooldown has passed', async () => {
      const verify = verifierFor({ jwksCooldownMs: 0 });
      await verify(await issuer.sign(issuer.entraClaims()));
      const rotated = await issuer.addKey();
      const token = await issuer.sign(issuer.entraClaims(), { key: rotated });
      await expect(verify(token)).resolves.toMatchObject({ userId: fakeUserObjectId });
    });
  });

  describe('rejects', () => {
    it('an expired token', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = await issuer.sign(issuer.entraClaims({ iat: now - 7200, nbf: now - 7200, exp: now - 3600 }));
      await expectAuthFailure(verifierFor()(token), 'expired token', token);
    });

    it('a token that is not valid yet', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = await issuer.sign(issuer.entraClaims({ nbf: now + 600 }));
      await expectAuthFailure(verifierFor()(token), 'token not yet valid', token);
    });

    it('a token for another application', async () => {
      const token = await issuer.sign(issuer.entraClaims({ aud: '11111111-2222-3333-4444-555555555555' }));
      await expectAuthFailure(verifierFor()(token), 'wrong audience', token);
    });

    it('an api:// audience naming another application or with a longer path', async () => {
      for (const aud of ['api://localhost:3000/11111111-2222-3333-4444-555555555555', `api://localhost:3000/${fakeClientId}/extra`, `https://evil.example/${fakeClientId}`]) {
        const token = await issuer.sign(issuer.entraClaims({ aud }));
        await expectAuthFailure(verifierFor()(token), 'wrong audience', token);
      }
    });

    it('a v1 issuer', async () => {
      const token = await issuer.sign(issuer.entraClaims({ iss: `https://sts.windows.net/${fakeTenantId}/` }));
      await expectAuthFailure(verifierFor()(token), 'wrong issuer', token);
    });

    it('an issuer naming another tenant than the token tid, even when configured as common', async () => {
      const token = await issuer.sign(issuer.entraClaims({ iss: `https://login.microsoftonline.com/${otherTenantId}/v2.0` }));
      await expectAuthFailure(verifierFor()(token), 'wrong issuer', token);
      await expectAuthFailure(verifierFor({ tenantId: 'common' })(token), 'wrong issuer', token);
    });

    it('a consistent token from another tenant', async () => {
      const token = await issuer.sign(issuer.entraClaims({ tid: otherTenantId, iss: `https://login.microsoftonline.com/${otherTenantId}/v2.0` }));
      await expectAuthFailure(verifierFor()(token), 'wrong tenant', token);
    });

    it('a token signed by a key the tenant does not publish, without hammering the key endpoint', async () => {
      const verify = verifierFor();
      await verify(await issuer.sign(issuer.entraClaims()));
      const before = issuer.requests.jwks;
      for (let i = 0; i < 5; i++) {
        const token = await issuer.sign(issuer.entraClaims(), { key: 'unpublished' });
        await expectAuthFailure(verify(token), 'unknown signing key', token);
      }
      // Within the cooldown an unknown kid does not trigger another fetch.
      expect(issuer.requests.jwks - before).toBe(0);
    });

    it('a token signed by another key under a published kid', async () => {
      const token = await issuer.sign(issuer.entraClaims(), { key: 'unpublished', kid: issuer.kid });
      await expectAuthFailure(verifierFor()(token), 'bad signature', token);
    });

    it('an unsigned token (alg none)', async () => {
      const token = issuer.unsignedToken(issuer.entraClaims());
      await expectAuthFailure(verifierFor()(token), 'unsupported algorithm', token);
    });

    it('an HS256 token keyed with the public key (algorithm confusion)', async () => {
      const token = await issuer.signHs256WithPublicKey(issuer.entraClaims());
      await expectAuthFailure(verifierFor()(token), 'unsupported algorithm', token);
    });

    it('another RSA algorithm than RS256', async () => {
      const token = await issuer.sign(issuer.entraClaims(), { alg: 'PS256' });
      await expectAuthFailure(verifierFor()(token), 'unsupported algorithm', token);
    });

    it('a token whose payload was changed after signing', async () => {
      const token = issuer.tamperPayload(await issuer.sign(issuer.entraClaims()), { oid: '99999999-9999-9999-9999-999999999999' });
      await expectAuthFailure(verifierFor()(token), 'bad signature', token);
    });

    it('a token whose signature was changed', async () => {
      const token = issuer.tamperSignature(await issuer.sign(issuer.entraClaims()));
      await expectAuthFailure(verifierFor()(token), 'bad signature', token);
    });

    it('a token without the access_as_user scope', async () => {
      for (const scp of ['User.Read Mail.Read', 'access_as_user_admin', undefined]) {
        const token = await issuer.sign(issuer.entraClaims({ scp, roles: scp ? undefined : ['Judge.All'] }));
        await expectAuthFailure(verifierFor()(token), 'missing scope', token);
      }
    });

    it('a token for a custom scope when another one is required', async () => {
      const token = await issuer.sign(issuer.entraClaims({ scp: 'access_as_user' }));
      await expectAuthFailure(verifierFor({ requiredScope: 'Verdicts.Read' })(token), 'missing scope', token);
    });

    it('a token without a kid, oid or exp', async () => {
      const withoutKid = await issuer.sign(issuer.entraClaims(), { kid: null });
      await expectAuthFailure(verifierFor()(withoutKid), 'malformed token', withoutKid);
      const withoutOid = await issuer.sign(issuer.entraClaims({ oid: undefined }));
      await expectAuthFailure(verifierFor()(withoutOid), 'malformed token', withoutOid);
      const withoutExp = await issuer.sign(issuer.entraClaims({ exp: undefined }));
      await expectAuthFailure(verifierFor()(withoutExp), 'malformed token', withoutExp);
    });

    it('something that is not a JWT', async () => {
      await expectAuthFailure(verifierFor()('not-a-jwt'), 'malformed token', 'not-a-jwt');
    });
  });

  it('reports an unreachable key set as a retryable integration failure, not a bad token', async () => {
    issuer.setJwksStatus(503);
    const token = await issuer.sign(issuer.entraClaims());
    const error = await rejectionOf(verifierFor()(token));
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error).not.toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ vendor: 'entra', isRetryable: true, status: 503 });
  });

  it('refuses a tenant domain name at start, naming the variable', () => {
    expect(() => createEntraVerifier({ tenantId: 'contoso.onmicrosoft.com', clientId: fakeClientId })).toThrow(/ENTRA_TENANT_ID/);
  });
});
