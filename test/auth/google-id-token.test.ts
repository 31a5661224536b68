import { AuthError } from '../../src/auth/authenticate.js';
import { createGoogleAddonVerifier } from '../../src/auth/google-id-token.js';
import { fakeServiceAccountEmail, startFakeTokenIssuer, type FakeTokenIssuer } from '../fakes/fake-token-issuer.js';
import { expectAuthFailure } from './rejection.js';

const publicUrl = 'https://challenger.example.com';
const homepage = `${publicUrl}/google/homepage`;

describe('createGoogleAddonVerifier', () => {
  let issuer: FakeTokenIssuer;
  beforeAll(async () => {
    issuer = await startFakeTokenIssuer();
  });
  afterAll(() => issuer.close());

  const verifierFor = (url = publicUrl) => createGoogleAddonVerifier({ serviceAccountEmail: fakeServiceAccountEmail, certsUrl: issuer.certsUrl, publicUrl: url });

  describe('accepts', () => {
    it('an ID token from our service account for this endpoint, against X.509 certificates', async () => {
      const token = await issuer.sign(issuer.googleClaims(homepage));
      await expect(verifierFor()(token, '/google/homepage')).resolves.toEqual({ tenantId: 'google', userId: '117628738101620397212', provider: 'google' });
      expect(issuer.pemFormat).toBe('certificate');
      const certs = (await (await fetch(issuer.certsUrl)).json()) as Record<string, string>;
      expect(certs[issuer.kid]).toMatch(/^-----BEGIN CERTIFICATE-----/);
    });

    it('whatever the query string and a trailing slash on the public URL', async () => {
      const token = await issuer.sign(issuer.googleClaims(homepage));
      await expect(verifierFor(`${publicUrl}/`)(token, '/google/homepage?hl=en')).resolves.toMatchObject({ provider: 'google' });
    });

    it('fetches the certificates once while Google says they are fresh', async () => {
      const verify = verifierFor();
      const before = issuer.requests.certs;
      for (let i = 0; i < 3; i++) await verify(await issuer.sign(issuer.googleClaims(homepage)), '/google/homepage');
      expect(issuer.requests.certs - before).toBe(1);
    });

    it('bare public keys in the PEM map as well', async () => {
      const keysOnly = await startFakeTokenIssuer({ pemFormat: 'public-key' });
      try {
        const verify = createGoogleAddonVerifier({ serviceAccountEmail: fakeServiceAccountEmail, certsUrl: keysOnly.certsUrl, publicUrl });
        const token = await keysOnly.sign(keysOnly.googleClaims(homepage));
        await expect(verify(token, '/google/homepage')).resolves.toMatchObject({ provider: 'google' });
      } finally {
        await keysOnly.close();
      }
    });
  });

  describe('rejects', () => {
    it('a token minted for another add-on endpoint', async () => {
      const token = await issuer.sign(issuer.googleClaims(`${publicUrl}/google/event-open`));
      await expectAuthFailure(verifierFor()(token, '/google/homepage'), 'wrong audience', token);
    });

    it('a token minted for another host', async () => {
      const token = await issuer.sign(issuer.googleClaims('https://other.example.com/google/homepage'));
      await expectAuthFailure(verifierFor()(token, '/google/homepage'), 'wrong audience', token);
    });

    it('a token from another service account, or the same address in other case', async () => {
      for (const email of ['someone-else@example-project.iam.gserviceaccount.com', fakeServiceAccountEmail.toUpperCase(), undefined]) {
        const token = await issuer.sign(issuer.googleClaims(homepage, { email }));
        await expectAuthFailure(verifierFor()(token, '/google/homepage'), 'wrong caller', token);
      }
    });

    it('an e-mail address Google has not verified', async () => {
      for (const email_verified of [false, 'true', undefined]) {
        const token = await issuer.sign(issuer.googleClaims(homepage, { email_verified }));
        await expectAuthFailure(verifierFor()(token, '/google/homepage'), 'unverified email', token);
      }
    });

    it('an expired token', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = await issuer.sign(issuer.googleClaims(homepage, { iat: now - 7200, exp: now - 3600 }));
      await expectAuthFailure(verifierFor()(token, '/google/homepage'), 'expired token', token);
    });

    it('the bare accounts.google.com issuer or another issuer', async () => {
      for (const iss of ['accounts.google.com', 'https://evil.example.com']) {
        const token = await issuer.sign(issuer.googleClaims(homepage, { iss }));
        await expectAuthFailure(verifierFor()(token, '/google/homepage'), 'wrong issuer', token);
      }
    });

    it('a token signed by a key Google does not publish', async () => {
      const token = await issuer.sign(issuer.googleClaims(homepage), { key: 'unpublished' });
      await expectAuthFailure(verifierFor()(token, '/google/homepage'), 'unknown signing key', token);
    });

    it('a token signed by another key under a published kid', async () => {
      const token = await issuer.sign(issuer.googleClaims(homepage), { key: 'unpublished', kid: issuer.kid });
      await expectAuthFailure(verifierFor()(token, '/google/homepage'), 'bad signature', token);
    });

    it('a changed payload', async () => {
      const token = issuer.tamperPayload(await issuer.sign(issuer.googleClaims(homepage)), { sub: 'someone-else' });
      await expectAuthFailure(verifierFor()(token, '/google/homepage'), 'bad signature', token);
    });

    it('alg none and HS256 keyed with the public key', async () => {
      const unsigned = issuer.unsignedToken(issuer.googleClaims(homepage));
      await expectAuthFailure(verifierFor()(unsigned, '/google/homepage'), 'unsupported algorithm', unsigned);
      const confused = await issuer.signHs256WithPublicKey(issuer.googleClaims(homepage));
      await expectAuthFailure(verifierFor()(confused, '/google/homepage'), 'unsupported algorithm', confused);
    });

    it('something that is not a JWT', async () => {
      const error = await verifierFor()('abc.def', '/google/homepage').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AuthError);
      expect((error as AuthError).reason).toBe('malformed token');
    });
  });
});
