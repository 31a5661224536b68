import { JWT } from 'google-auth-library';

/**
 * Access tokens for a user when no add-on call is under way (a push notification, a channel
 * renewal): the add-on's own `userOAuthToken` lives an hour and never reaches us then. A Workspace
 * admin grants the service account domain-wide delegation for the scopes below; it then acts as
 * the user for exactly those.
 */

export interface UserTokenSource {
  accessToken(userEmail: string): Promise<string>;
}

export const delegatedScopes = ['https://www.googleapis.com/auth/calendar.events.readonly', 'https://www.googleapis.com/auth/gmail.send'];

export function delegatedUserTokens(options: { keyFile: string }): UserTokenSource {
  // One client per user: each keeps its token until shortly before it expires.
  const clients = new Map<string, JWT>();
  return {
    async accessToken(userEmail) {
      let client = clients.get(userEmail);
      if (!client) {
        if (clients.size >= 10_000) clients.delete(clients.keys().next().value!);
        client = new JWT({ keyFile: options.keyFile, scopes: delegatedScopes, subject: userEmail });
        clients.set(userEmail, client);
      }
      const { token } = await client.getAccessToken();
      if (!token) throw new Error(`no delegated access token for the user (check the service account's domain-wide delegation)`);
      return token;
    },
  };
}
