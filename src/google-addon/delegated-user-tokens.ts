import type { DelegatedClients } from '../calendars/google/google-service-account.js';

/**
 * Access tokens for a user when no add-on call is under way (a push notification, a channel
 * renewal): the add-on's own `userOAuthToken` lives an hour and never reaches us then. A Workspace
 * admin grants the service account domain-wide delegation for the scopes below; it then acts as
 * the user for exactly those. The clients are the calendar reader's `DelegatedClients` (one per
 * user, keyed by the lower-cased address, honouring the key file's `token_uri`), loaded on first
 * use so that a server without delegation never loads the full googleapis package.
 */

export interface UserTokenSource {
  accessToken(userEmail: string): Promise<string>;
}

export const delegatedScopes = ['https://www.googleapis.com/auth/calendar.events.readonly', 'https://www.googleapis.com/auth/gmail.send'];

export function delegatedUserTokens(options: { keyFile: string }): UserTokenSource {
  let clients: Promise<DelegatedClients> | undefined;
  const load = async () => {
    const { DelegatedClients, readServiceAccountKey } = await import('../calendars/google/google-service-account.js');
    return new DelegatedClients(await readServiceAccountKey(options.keyFile), delegatedScopes, 10_000);
  };
  return {
    async accessToken(userEmail) {
      // A key file that could not be read is tried again on the next call, not remembered as broken.
      clients ??= load().catch((error: unknown) => {
        clients = undefined;
        throw error;
      });
      const { token } = await (await clients).forUser(userEmail).getAccessToken();
      if (!token) throw new Error(`no delegated access token for the user (check the service account's domain-wide delegation)`);
      return token;
    },
  };
}
