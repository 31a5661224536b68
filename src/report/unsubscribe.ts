import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from '../config.js';
import type { UserKey } from '../store/user-key.js';

/**
 * Signed one-click unsubscribe links (RFC 8058). The link names the user and carries an
 * HMAC-SHA256 of that name under `REPORT_SIGNING_SECRET`, so it works without login and cannot
 * be altered to unsubscribe someone else. It does not expire: an old report's link must still work.
 */

const purpose = 'invite-challenger/unsubscribe/v1';

export class UnsubscribeLinks {
  private readonly secret: Buffer;

  constructor(
    secret: string,
    private readonly publicUrl: string,
  ) {
    if (secret.length < 16) throw new ConfigError(['REPORT_SIGNING_SECRET: must be at least 16 characters (e.g. `openssl rand -hex 32`)']);
    this.secret = Buffer.from(secret, 'utf8');
  }

  /** The absolute https link for the footer and the `List-Unsubscribe` header. */
  urlFor(key: UserKey): string {
    return `${this.publicUrl.replace(/\/+$/, '')}/unsubscribe?t=${this.tokenFor(key)}`;
  }

  tokenFor(key: UserKey): string {
    const subject = Buffer.from(JSON.stringify([key.tenantId, key.userId]), 'utf8').toString('base64url');
    return `${subject}.${this.sign(subject)}`;
  }

  /** The user a token was made for, or undefined when it is malformed or its signature does not match. */
  verify(token: string | undefined): UserKey | undefined {
    if (!token) return undefined;
    const [subject, signature, ...rest] = token.split('.');
    if (!subject || !signature || rest.length > 0) return undefined;
    const expected = Buffer.from(this.sign(subject), 'base64url');
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const parsed = JSON.parse(Buffer.from(subject, 'base64url').toString('utf8')) as unknown;
      if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((part) => typeof part === 'string' && part.length > 0)) return undefined;
      return { tenantId: parsed[0] as string, userId: parsed[1] as string };
    } catch {
      return undefined;
    }
  }

  private sign(subject: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}\n${subject}`).digest('base64url');
  }
}

/**
 * `REPORT_SIGNING_SECRET`, or for a local SQLite setup one made once and kept beside the database
 * file (mode 0600), so links in mails already sent keep working after a restart. With PostgreSQL
 * several machines must agree on it, so there it has to be configured. Never logged.
 */
export function resolveReportSigningSecret(options: { configured?: string; databaseUrl?: string; sqlitePath: string }): string {
  if (options.configured) return options.configured;
  if (options.databaseUrl) {
    throw new ConfigError(['REPORT_SIGNING_SECRET: required with DATABASE_URL (every server and worker must sign unsubscribe links alike; e.g. `openssl rand -hex 32`)']);
  }
  const file = join(dirname(options.sqlitePath), 'report-signing-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  try {
    // `wx`: if another process made it first, keep theirs.
    writeFileSync(file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
}
