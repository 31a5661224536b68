import { readFile } from 'node:fs/promises';
import { google } from 'googleapis';
import { CalendarError } from '../calendar-source.js';

/**
 * A Google service account with domain-wide delegation: one JWT client per user it acts as
 * (`subject`), each caching its own access token. google-auth-library posts its signed JWT to a
 * fixed https://oauth2.googleapis.com/token; we send it to the key file's `token_uri` instead
 * (the same address in a real key), through a Gaxios request interceptor, so a test or an
 * outside check can serve the token endpoint on 127.0.0.1 with a key file of its own.
 */

export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri?: string;
}

export type DelegatedClient = InstanceType<typeof google.auth.JWT>;

const googleTokenUrl = 'https://oauth2.googleapis.com/token';
export const calendarReadonlyScope = 'https://www.googleapis.com/auth/calendar.events.readonly';

export async function readServiceAccountKey(path: string): Promise<ServiceAccountKey> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new CalendarError(`GOOGLE_SERVICE_ACCOUNT_KEY_FILE: cannot read ${path} (${code})`);
  }
  return parseServiceAccountKey(text, path);
}

export function parseServiceAccountKey(text: string, where = 'the service account key'): ServiceAccountKey {
  let key: Partial<ServiceAccountKey>;
  try {
    key = JSON.parse(text) as Partial<ServiceAccountKey>;
  } catch {
    throw new CalendarError(`GOOGLE_SERVICE_ACCOUNT_KEY_FILE: ${where} is not JSON (download a JSON key for the service account)`);
  }
  if (typeof key.client_email !== 'string' || typeof key.private_key !== 'string' || !key.private_key.includes('PRIVATE KEY')) {
    throw new CalendarError(`GOOGLE_SERVICE_ACCOUNT_KEY_FILE: ${where} lacks client_email or private_key`);
  }
  return key as ServiceAccountKey;
}

export class DelegatedClients {
  private readonly clients = new Map<string, DelegatedClient>();

  constructor(
    private readonly key: ServiceAccountKey,
    private readonly scopes: string[],
    private readonly maxClients = 5000,
  ) {}

  /** The client acting as `subject` (a Workspace user's address). */
  forUser(subject: string): DelegatedClient {
    const id = subject.toLowerCase();
    let client = this.clients.get(id);
    if (client) return client;
    client = new google.auth.JWT({ email: this.key.client_email, key: this.key.private_key, keyId: this.key.private_key_id, scopes: this.scopes, subject });
    const tokenUrl = this.key.token_uri;
    if (tokenUrl && tokenUrl !== googleTokenUrl) {
      client.transporter.interceptors.request.add({
        resolved: async (config) => {
          const url = config.url instanceof URL ? config.url.href : String(config.url);
          if (url === googleTokenUrl) config.url = new URL(tokenUrl);
          return config;
        },
      });
    }
    if (this.clients.size >= this.maxClients) this.clients.delete(this.clients.keys().next().value!);
    this.clients.set(id, client);
    return client;
  }
}
