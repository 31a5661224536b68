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
  return {
    async accessToken(userEmail) {
      const client = new JWT({ keyFile: options.keyFile, scopes: delegatedScopes, subject: userEmail });
      const { token } = await client.getAccessToken();
      if (!token) throw new Error(`no delegated access token for the user (check the service account's domain-wide delegation)`);
      return token;
    },
  };
}
