import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `invite-challenger serve` as `npm start` runs it: a new process on embedded defaults (SQLite
 * file, embedded judge, no keys) that says where it listens, answers, and stops cleanly.
 */

const bin = join(process.cwd(), 'bin', 'invite-challenger.js');

async function startServe(env: Record<string, string>) {
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: { PATH: process.env.PATH, PORT: '0', SQLITE_PATH: join(mkdtempSync(join(tmpdir(), 'invite-challenger-serve-')), 'store.sqlite'), LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (https?:\/\/(?:127\.0\.0\.1|localhost):\d+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  const stop = async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    return exited;
  };
  return { url, output: () => stdout, stop };
}

describe('invite-challenger serve', () => {
  it('serves on embedded defaults with no keys, prints its URLs and stops on SIGTERM', async () => {
    const server = await startServe({});
    try {
      expect(server.output()).toMatch(/SQLite .*store\.sqlite, embedded judge/);
      expect(server.output()).toMatch(/health: +http:\/\/127\.0\.0\.1:\d+\/healthz/);
      expect(server.output()).toMatch(/no identity provider configured/);
      expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ready', store: 'sqlite' });
      expect((await fetch(`${server.url}/api/settings`)).status).toBe(401);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.output()).toMatch(/SIGTERM: closing/);
  });

  it('with INSECURE_DEV_AUTH=1 on 127.0.0.1 says so loudly and lets a local developer in', async () => {
    const server = await startServe({ INSECURE_DEV_AUTH: '1' });
    try {
      expect(server.output()).toMatch(/WARNING: INSECURE_DEV_AUTH=1/);
      const response = await fetch(`${server.url}/api/judge`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ invite: { subject: 'Weekly status readout', body: 'Each team reads out its status.', start: '2025-06-02T09:00:00Z', durationMinutes: 30 } }),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { judge: string }).judge).toBe('embedded');
    } finally {
      await server.stop();
    }
  });

  it('serves HTTPS with the certificate and key it is given (as for Office sideloading)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'invite-challenger-tls-'));
    const [cert, key] = [join(folder, 'localhost.crt'), join(folder, 'localhost.key')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    const server = await startServe({ TLS_CERT_FILE: cert, TLS_KEY_FILE: key });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const body = await new Promise<string>((resolve, reject) => {
        request(`${server.url}/healthz`, { ca: readFileSync(cert) }, (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve(text));
        })
          .on('error', reject)
          .end();
      });
      expect(JSON.parse(body)).toMatchObject({ status: 'ok' });
    } finally {
      await server.stop();
    }
  });

  it('refuses to start with a clear one-line message when the configuration is wrong', async () => {
    const child = spawn(process.execPath, [bin, 'serve'], { env: { PATH: process.env.PATH, INSECURE_DEV_AUTH: '1', HOST: '0.0.0.0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/^invite-challenger: invalid configuration: INSECURE_DEV_AUTH: allowed only when HOST is a loopback address/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
