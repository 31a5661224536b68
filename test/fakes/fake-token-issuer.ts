import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { base64url, exportJWK, exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, SignJWT, type JWK, type JWTPayload } from 'jose';

/**
 * A token issuer on 127.0.0.1 playing both Microsoft Entra ID and Google: it publishes its RSA
 * keys the way each does (Entra's JWKS, Google's v1 PEM map) and signs tokens with them, so the
 * real verifiers (jose, google-auth-library) run unchanged against it.
 */

export const fakeTenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const fakeClientId = '6e7a3c52-1f0d-4b8e-9a51-3d2c9f6b7a10';
export const fakeUserObjectId = '00000000-0000-0000-66f3-3332eca7ea81';
export const fakeServiceAccountEmail = 'invite-challenger@example-project.iam.gserviceaccount.com';

/** Claims to merge into the defaults; a key set to `undefined` removes that claim. */
export type ClaimOverrides = Record<string, unknown>;

export interface SignOptions {
  /** The kid of a published key (default: the first one), or 'unpublished': a key never served. */
  key?: string;
  /** The header's kid; default: the signing key's own kid; null leaves kid out. */
  kid?: string | null;
  /** Default RS256. Another RSA algorithm (RS384, PS256…) signs with the same key material. */
  alg?: string;
}

export type PemFormat = 'certificate' | 'public-key';

export interface FakeTokenIssuer {
  baseUrl: string;
  /** Entra shape; `{tenant}` left in for the verifier to fill, as in the real default. */
  jwksUrl: string;
  /** Google's v1 shape: `{ kid: PEM }`. */
  certsUrl: string;
  /** How the PEM map holds keys: real self-signed X.509 certificates (openssl), or SPKI keys. */
  pemFormat: PemFormat;
  /** The published key's kid. */
  kid: string;
  /** The published key as SPKI PEM: the "secret" of the HS256 confusion attack. */
  publicKeyPem: string;
  /** Requests served so far, by endpoint; `jwksTenants` lists the {tenant} path parts asked for. */
  requests: { jwks: number; certs: number; jwksTenants: string[] };
  /** Answer the JWKS endpoint with this status (and no keys) from now on; 200 restores it. */
  setJwksStatus(status: number): void;
  /** Publishes one more key (as after a rotation) and returns its kid. */
  addKey(): Promise<string>;
  entraClaims(overrides?: ClaimOverrides): JWTPayload;
  googleClaims(audience: string, overrides?: ClaimOverrides): JWTPayload;
  sign(claims: JWTPayload, options?: SignOptions): Promise<string>;
  /** `{"alg":"none"}` and an empty signature. */
  unsignedToken(claims: JWTPayload): string;
  /** HS256 with the published public key's PEM text as the HMAC secret. */
  signHs256WithPublicKey(claims: JWTPayload): Promise<string>;
  /** The same header and signature over a changed payload. */
  tamperPayload(token: string, overrides: ClaimOverrides): string;
  /** The same header and payload with one signature byte changed. */
  tamperSignature(token: string): string;
  close(): Promise<void>;
}

interface SigningKey {
  kid: string;
  pkcs8Pem: string;
  spkiPem: string;
  jwk: JWK;
  /** What the Google PEM map publishes for it. */
  pem: string;
}

const run = promisify(execFile);

export async function startFakeTokenIssuer(options: { pemFormat?: PemFormat } = {}): Promise<FakeTokenIssuer> {
  const pemFormat = options.pemFormat ?? ((await hasOpenssl()) ? 'certificate' : 'public-key');
  const published: SigningKey[] = [];
  let keyCounter = 0;
  const newKey = async (): Promise<SigningKey> => createSigningKey(`fake-kid-${++keyCounter}`, pemFormat);
  published.push(await newKey());
  const unpublished = await createSigningKey('fake-kid-unpublished', pemFormat);
  const requests = { jwks: 0, certs: 0, jwksTenants: [] as string[] };
  let jwksStatus = 200;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const jwksPath = /^\/([^/]+)\/discovery\/v2\.0\/keys$/.exec(path);
    if (request.method === 'GET' && jwksPath) {
      requests.jwks++;
      requests.jwksTenants.push(decodeURIComponent(jwksPath[1] ?? ''));
      if (jwksStatus !== 200) return send(response, jwksStatus, { error: 'temporarily_unavailable' });
      return send(response, 200, { keys: published.map((key) => key.jwk) });
    }
    if (request.method === 'GET' && path === '/oauth2/v1/certs') {
      requests.certs++;
      // Google sends a max-age; google-auth-library caches the certificates for that long.
      return send(response, 200, Object.fromEntries(published.map((key) => [key.kid, key.pem])), { 'cache-control': 'public, max-age=21600, must-revalidate, no-transform' });
    }
    send(response, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const first = published[0]!;

  const sign = async (claims: JWTPayload, signOptions: SignOptions = {}): Promise<string> => {
    const key = signOptions.key === 'unpublished' ? unpublished : signOptions.key ? published.find((candidate) => candidate.kid === signOptions.key) : first;
    if (!key) throw new Error(`no published key "${signOptions.key}" (published: ${published.map((candidate) => candidate.kid).join(', ')})`);
    const alg = signOptions.alg ?? 'RS256';
    const privateKey = await importPKCS8(key.pkcs8Pem, alg);
    const kid = signOptions.kid === null ? {} : { kid: signOptions.kid ?? key.kid };
    return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT', ...kid }).sign(privateKey);
  };

  return {
    baseUrl,
    jwksUrl: `${baseUrl}/{tenant}/discovery/v2.0/keys`,
    certsUrl: `${baseUrl}/oauth2/v1/certs`,
    pemFormat,
    kid: first.kid,
    publicKeyPem: first.spkiPem,
    requests,
    setJwksStatus(status) {
      jwksStatus = status;
    },
    async addKey() {
      const key = await newKey();
      published.push(key);
      return key.kid;
    },
    entraClaims(overrides = {}) {
      const now = Math.floor(Date.now() / 1000);
      return merge(
        {
          aud: fakeClientId,
          iss: `https://login.microsoftonline.com/${fakeTenantId}/v2.0`,
          iat: now - 60,
          nbf: now - 60,
          exp: now + 3600,
          aio: 'E2ZgYGhQ',
          azp: 'bc59ab01-8403-45c6-8796-ac3ef710b3e3',
          azpacr: '0',
          name: 'Ada Lovelace',
          oid: fakeUserObjectId,
          preferred_username: 'ada@contoso.example',
          rh: '0.AAAA',
          scp: 'access_as_user',
          sub: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ',
          tid: fakeTenantId,
          uti: 'fqiBqXLPj0eQa82S-IYFAA',
          ver: '2.0',
        },
        overrides,
      );
    },
    googleClaims(audience, overrides = {}) {
      const now = Math.floor(Date.now() / 1000);
      return merge(
        {
          aud: audience,
          azp: '117628738101620397212',
          email: fakeServiceAccountEmail,
          email_verified: true,
          exp: now + 3600,
          iat: now - 10,
          iss: 'https://accounts.google.com',
          sub: '117628738101620397212',
        },
        overrides,
      );
    },
    sign,
    unsignedToken(claims) {
      return `${encodeJson({ alg: 'none', typ: 'JWT' })}.${encodeJson(claims)}.`;
    },
    async signHs256WithPublicKey(claims) {
      const secret = new TextEncoder().encode(first.spkiPem);
      return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: first.kid }).sign(secret);
    },
    tamperPayload(token, overrides) {
      const [header, payload, signature] = token.split('.');
      const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload ?? ''))) as JWTPayload;
      return `${header}.${encodeJson(merge(claims, overrides))}.${signature}`;
    },
    tamperSignature(token) {
      const [header, payload, signature = ''] = token.split('.');
      const bytes = base64url.decode(signature);
      // A middle byte: the last base64url character may only carry padding bits.
      const middle = Math.floor(bytes.length / 2);
      bytes[middle] = (bytes[middle] ?? 0) ^ 0x01;
      return `${header}.${payload}.${base64url.encode(bytes)}`;
    },
    async close() {
      // Clients keep connections alive; close them or the server never finishes closing.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

function merge(defaults: JWTPayload, overrides: ClaimOverrides): JWTPayload {
  const claims: Record<string, unknown> = { ...defaults, ...overrides };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  return claims as JWTPayload;
}

function encodeJson(value: unknown): string {
  return base64url.encode(JSON.stringify(value));
}

async function createSigningKey(kid: string, pemFormat: PemFormat): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const pkcs8Pem = await exportPKCS8(privateKey);
  const spkiPem = await exportSPKI(publicKey);
  const { kty, n, e } = await exportJWK(publicKey);
  if (pemFormat === 'public-key') {
    return { kid, pkcs8Pem, spkiPem, pem: spkiPem, jwk: { kty, use: 'sig', kid, n, e } };
  }
  const certificate = await selfSignedCertificate(pkcs8Pem);
  const x509 = new X509Certificate(certificate);
  // Entra's keys carry the certificate too: x5t is its SHA-1 thumbprint, x5c its DER in base64.
  const x5t = base64url.encode(Buffer.from(x509.fingerprint.replaceAll(':', ''), 'hex'));
  const x5c = [x509.raw.toString('base64')];
  const issuer = `https://login.microsoftonline.com/${fakeTenantId}/v2.0`;
  return { kid, pkcs8Pem, spkiPem, pem: certificate, jwk: { kty, use: 'sig', kid, x5t, n, e, x5c, issuer } as JWK };
}

/** Node cannot make X.509 certificates; openssl can, from the key we already have. */
async function selfSignedCertificate(pkcs8Pem: string): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'fake-token-issuer-'));
  try {
    const keyFile = join(directory, 'key.pem');
    await writeFile(keyFile, pkcs8Pem, { mode: 0o600 });
    const { stdout } = await run('openssl', ['req', '-x509', '-new', '-key', keyFile, '-subj', '/CN=fake-token-issuer', '-days', '2', '-sha256']);
    return stdout;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

async function hasOpenssl(): Promise<boolean> {
  try {
    await run('openssl', ['version']);
    return true;
  } catch {
    return false;
  }
}
