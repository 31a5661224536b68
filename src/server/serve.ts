import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChannelName, ThreadChannel } from '../channels/thread-channel.js';
import { SmtpThreadChannel } from '../channels/smtp/smtp-channel.js';
import { ConfigError, type ServerConfig } from '../config.js';
import { openStore } from '../store/database.js';
import { buildApp } from './app.js';
import { createAuthenticator } from './authentication.js';

/**
 * `invite-challenger serve` (what `npm start` runs): opens the store (migrations run), builds the
 * app with the configured authentication and channels, listens, and says where to look. SIGINT
 * and SIGTERM close it cleanly: requests in flight finish, the database is closed.
 */

/** dist/, where the build puts the add-in files (this module runs from dist/src/server). */
const buildOutput = fileURLToPath(new URL('../../', import.meta.url));

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function serve(config: ServerConfig, say: (line: string) => void): Promise<RunningServer> {
  const store = await openStore({ databaseUrl: config.database.url, sqlitePath: config.database.sqlitePath });
  const channels: Partial<Record<ChannelName, ThreadChannel>> = {};
  const smtp = config.smtp ? new SmtpThreadChannel(config.smtp.url, config.smtp.from) : undefined;
  if (smtp) channels.email = smtp;

  const app = await buildApp({
    config,
    store,
    authenticate: createAuthenticator(config),
    channels,
    staticRoot: buildOutput,
    version: packageVersion(),
    https: config.tls ? readCertificate(config.tls) : undefined,
  });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl.replace(/:\d+$/, `:${port}`);

  // One write, so that whoever reads the first line has the warnings too.
  const lines = [
    `Invite Challenger is listening on ${url} (${store.kind === 'sqlite' ? `SQLite ${config.database.sqlitePath}` : 'PostgreSQL'}, ${config.judge} judge)`,
    `  health:    ${url}/healthz`,
    `  task pane: ${url}/taskpane.html`,
  ];
  if (config.insecureDevAuth) lines.push('  WARNING: INSECURE_DEV_AUTH=1 — API calls are NOT authenticated. Never use this beyond your own machine.');
  else if (!config.entra) lines.push('  note: no identity provider configured (ENTRA_TENANT_ID, ENTRA_CLIENT_ID): /api calls get 401');
  say(lines.join('\n'));

  return {
    url,
    close: async () => {
      await app.close();
      smtp?.close();
      await store.close();
    },
  };
}

function readCertificate(tls: { certFile: string; keyFile: string }): { cert: Buffer; key: Buffer } {
  try {
    return { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) };
  } catch (error) {
    throw new ConfigError([`TLS_CERT_FILE/TLS_KEY_FILE: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
  }
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'dev';
  }
}
